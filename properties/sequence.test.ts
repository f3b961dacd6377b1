import test from 'ava';
import fc from 'fast-check';
import { ACTIONS } from '../conformance/protocol/actions.ts';
import { makeRing, type Ring } from '../conformance/protocol/ring.ts';
import { parseScenario } from '../conformance/scenarios/load.ts';
import { sequenceArbitrary } from './arbitraries.ts';
import { actionsOf, fileWithKey, scenarioJson, scenarioOf, type Choice } from './sequence.ts';
import { situationsOf } from './situations.ts';

test('every drawn sequence is valid on the model ring at each point and loads back as a scenario file', (t) => {
  fc.assert(
    fc.property(sequenceArbitrary(), ({ ring, choices }) => {
      const actions = actionsOf(ring, choices);
      let model: Ring = makeRing(ring);
      for (const a of actions) {
        t.is(ACTIONS[a.type].refuses(model, a as never), undefined);
        model = ACTIONS[a.type].after(model, a as never);
      }
      if (actions.length === 0) return;
      const scenario = scenarioOf(ring, actions);
      t.deepEqual(parseScenario('fuzz-failure.json', scenarioJson(scenario)), scenario);
    }),
    { seed: 20261202, numRuns: 300 },
  );
});

test('choices name peers and keys by role on the ring they are read on', (t) => {
  const choices: Choice[] = [
    { kind: 'join', id: { at: 'above-all', n: 0 }, known: { at: 'smallest' } },
    { kind: 'store', key: { at: 'changed' }, fileHigh: 1, at: { at: 'changed-successor' } },
    { kind: 'kill', peer: { at: 'largest' }, phase: 'before-round' },
    { kind: 'request', key: { at: 'below-all', n: 0 }, fileHigh: 0, at: { at: 'index', n: 1 } },
    { kind: 'quit', peer: { at: 'smallest' } },
  ];
  t.deepEqual(actionsOf([10, 20, 30], choices), [
    { type: 'join', peer: 31, known: 10 },
    { type: 'store', file: '0287', at: 10 },
    { type: 'kill', peer: 31, phase: 'before-round' },
    { type: 'request', file: '0009', at: 20 },
    // The Quit would shrink the ring below 3 peers: the action table refuses it.
  ]);
});

test('a file name carries its key and stays within four digits', (t) => {
  for (const [key, high, file] of [[0, 0, '0000'], [255, 39, '0255'], [255, 38, '9983'], [15, 38, '9743'], [19, 8, '2067']] as const) t.is(fileWithKey(key, high), file);
});

test('situations name the wrap sides, the ends of the ring and the keys around it', (t) => {
  const ring = [0, 5, 9];
  const found = situationsOf(ring, [
    { type: 'join', peer: 200, known: 0 },
    { type: 'store', file: '0201', at: 5 },
    { type: 'kill', peer: 200 },
    { type: 'request', file: '0005', at: 5 },
    { type: 'quit', peer: 0 },
  ]);
  t.deepEqual(found, ['ring-has-0', 'join-wrap-high', 'ring-of-3', 'key-above-every-id', 'kill-largest', 'key-equal-to-an-id', 'command-at-owner', 'ring-of-3', 'quit-smallest', 'ring-of-3']);
});
