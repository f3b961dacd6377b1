/**
 * A failed action reads like a diagnosis: the decisive fact first, whose job it was, a known
 * mistake's hint when (and only when) the facts match one, and the rest grouped and counted.
 */
import test from 'ava';
import type { Action } from '../protocol/actions.ts';
import { judgeScenario } from './judge-scenario.ts';
import { historyOf } from './_history.ts';
import { parseKnownMistakes, KNOWN_MISTAKES } from './known-mistakes.ts';

const diagnosisOf = (...args: Parameters<typeof historyOf>) => {
  const [finding] = judgeScenario(historyOf(...args)).findings;
  if (!finding.diagnosis) throw new Error(`no diagnosis: ${finding.reasons.join(' | ')}`);
  return finding.diagnosis;
};

test('a join at the wrap-around forwarded by the peer that should accept it: that line first, the wrap-around named, the hint given', (t) => {
  const join: Action = { type: 'join', peer: 20, known: 4 };
  const d = diagnosisOf(join, (peer) => (peer === 19 || peer === 4 || peer === 5 ? ['Peer 20 Join request forwarded to my successor'] : []));
  t.is(d.decisive.kind, 'false-line');
  t.is(d.decisive.peer, 19);
  t.regex(d.role ?? '', /peer 19 is the last peer before the wrap-around 19 → 2/);
  t.is(d.hint?.id, 'join-at-wrap-around');
  const missing = d.consequences.find((c) => c.summary.includes('never came'));
  t.regex(missing?.summary ?? '', /^\d+ expected lines never came: peer /);
  t.is(missing?.facts.length, d.consequences.flatMap((c) => c.facts).filter((f) => f.kind === 'missing').length);
});

test('a kill the second predecessor never notices: its missing line is decisive, with the hint for second predecessors', (t) => {
  const d = diagnosisOf({ type: 'kill', peer: 14 }, (peer, expected) => (peer === 8 ? [] : expected));
  t.deepEqual([d.decisive.kind, d.decisive.peer, d.decisive.expected], ['missing', 8, 'Peer 14 is no longer alive']);
  t.regex(d.role ?? '', /second predecessor/);
  t.is(d.hint?.id, 'second-predecessor-not-repaired');
  t.deepEqual(d.consequences.map((c) => c.summary), ['2 expected lines never came: peer 8 (2)']);
});

test('a kill neither predecessor notices points at detection from pings, first at the first predecessor', (t) => {
  const d = diagnosisOf({ type: 'kill', peer: 14 }, () => []);
  t.deepEqual([d.decisive.peer, d.decisive.expected], [9, 'Peer 14 is no longer alive']);
  t.is(d.hint?.id, 'kill-noticed-only-by-signal');
});

test('a quit whose process never exits is told what to look for', (t) => {
  const d = diagnosisOf({ type: 'quit', peer: 14 }, undefined, { exited: false });
  t.is(d.decisive.kind, 'never-exited');
  t.is(d.hint?.id, 'quit-never-exits');
  t.deepEqual(d.consequences, []);
});

test('a failure that matches no known mistake gets no hint', (t) => {
  // A join in the middle whose acceptor prints a wrong number: no mistake names it.
  const d = diagnosisOf({ type: 'join', peer: 15, known: 4 }, (peer, expected) => (peer === 14 ? expected.map((l) => l.replace('Peer 19', 'Peer 18')) : expected));
  t.is(d.decisive.kind, 'wrong-number');
  t.is(d.hint, undefined);
});

test('every known mistake is well formed, and a malformed one is refused naming it', (t) => {
  t.true(KNOWN_MISTAKES.length >= 10);
  t.throws(() => parseKnownMistakes('{"mistakes": [{"id": "x", "action": "fly", "kinds": ["missing"], "hint": "h"}]}'), { message: /entry 0 \(x\): unknown action fly/ });
  t.throws(() => parseKnownMistakes('{"mistakes": [{"id": "y", "action": "join", "kinds": ["sideways"], "hint": "h"}]}'), { message: /"kinds" must list fact kinds/ });
});
