/**
 * The judge reads literal histories: what peers printed in each phase, as the driver records it,
 * gives each item's findings. A history judged twice gives the same findings.
 */
import test from 'ava';
import type { ActionPhase, PeerRecord, ScenarioHistory } from '../history/history.ts';
import { ACTIONS, type Action } from '../protocol/actions.ts';
import { sentenceOf } from '../protocol/matcher.ts';
import { STANDARD_RING } from '../protocol/ring.ts';
import { timingFor } from '../runner/timing.ts';
import { judgeScenario } from './judge-scenario.ts';
import { historyOf } from './_history.ts';

const kill14: Action = { type: 'kill', peer: 14 };

test('a kill answered as the spec says passes, with each predecessor\'s detection time', (t) => {
  const { findings } = judgeScenario(historyOf(kill14));
  t.deepEqual(findings.map((f) => [f.item, f.status]), [['kill', 'pass']]);
  t.deepEqual(findings[0].detections, [{ peer: 8, ms: 0 }, { peer: 9, ms: 0 }]);
});

test('a predecessor naming the dead peer as its successor fails the kill though it corrects itself', (t) => {
  const history = historyOf(kill14, (peer, expected) =>
    peer === 8 ? ['Peer 14 is no longer alive', 'My new first successor is Peer 9', 'My new second successor is Peer 14', 'My new second successor is Peer 19'] : expected,
  );
  const [kill] = judgeScenario(history).findings;
  t.is(kill.status, 'fail');
  t.regex(kill.reasons.join('\n'), /peer 8 printed 'My new second successor is Peer 14' .* its second successor was wrong; it printed 'My new second successor is Peer 19'/);
});

test('a quit whose process never exits fails with that reason', (t) => {
  const [quit] = judgeScenario(historyOf({ type: 'quit', peer: 14 }, undefined, { exited: false })).findings;
  t.is(quit.status, 'fail');
  t.regex(quit.reasons.join('\n'), /peer 14 was still running .* after `Quit`/);
});

test('a join judged on a ring whose state could not be confirmed says so', (t) => {
  const [join] = judgeScenario(historyOf({ type: 'join', peer: 15, known: 4 }, undefined, { unconfirmed: true })).findings;
  t.like(join, { item: 'join', status: 'pass', unconfirmedRing: true });
});

test('a Store that damaged the owner\'s file fails step 6', (t) => {
  const history = { ...historyOf({ type: 'store', file: '2067', at: 8 }, undefined, { files: [{ peer: 19, size: 5, intact: false, prefix: false }] }), files: [{ name: '2067', bytes: 65536, holders: [19] }] };
  const [store] = judgeScenario(history).findings;
  t.is(store.status, 'fail');
  t.regex(store.reasons[0], /peer 19's 2067\.pdf was changed \(5 bytes where it had 65536\)/);
});

test('judging is pure: the same history gives the same findings', (t) => {
  const history = historyOf({ type: 'join', peer: 20, known: 4 }, (peer, expected) => (peer === 19 ? ['Peer 20 Join request forwarded to my successor'] : expected));
  t.deepEqual(judgeScenario(history), judgeScenario(structuredClone(history)));
  t.is(judgeScenario(history).findings[0].status, 'fail');
});

/** A pings scenario on the standard ring at 0.3 s, 14 quitting at 6 s: each peer prints `sentAt(peer)` rounds. */
function pingsHistory(sentAt: (peer: number) => number[]): ScenarioHistory {
  const timing03 = timingFor({ interval: 0.3 });
  const quit: Action = { type: 'quit', peer: 14 };
  const peers: PeerRecord[] = STANDARD_RING.map((peer) => {
    const [s1, s2] = [STANDARD_RING[(STANDARD_RING.indexOf(peer) + 1) % 7], STANDARD_RING[(STANDARD_RING.indexOf(peer) + 2) % 7]];
    const lines = sentAt(peer).map((at, seq) => ({ seq, at, text: `Ping requests sent to Peers ${s1} and ${s2}` }));
    return { peer, command: 'p2p', startedAt: 0, lines, cut: { lines: 0, chars: 0 }, stderr: [], stderrCut: 0, ...(peer === 14 ? { exit: { code: 0, signal: 0, at: 6500 } } : {}) };
  });
  const marks = Object.fromEntries(peers.map((p) => [String(p.peer), 0]));
  return {
    scenario: { name: 'literal', description: 'literal', ring: STANDARD_RING, pings: true, actions: [quit] },
    timing: timing03, portBase: 12000, sandbox: 'test', ms: 13_000, peers, files: [], notes: [], interrupted: false,
    phases: [
      { kind: 'start', at: 0, end: 2000, settle: { from: {}, to: marks, waitedMs: 1000, missing: [] }, pings: { from: marks, to: marks, windowMs: 5900 }, memoryKills: 0 },
      { kind: 'action', action: quit, at: 6000, end: 12_700, before: STANDARD_RING, after: ACTIONS.quit.after(STANDARD_RING, quit as never), from: marks, to: marks, waitedMs: 6000, unconfirmed: false, left: [], exited: true, memoryKills: 0 },
    ],
  };
}

const rounds = (from: number, to: number) => Array.from({ length: Math.floor((to - from) / 300) + 1 }, (_, i) => from + i * 300);

test('a pings scenario judges the rate over the whole scenario, each peer up to its departure', (t) => {
  const history = pingsHistory((peer) => (peer === 2 ? [400] : peer === 14 ? rounds(400, 6000) : rounds(400, 12_600)));
  const rate = judgeScenario(history).findings.filter((f) => f.item === 'ping-rate');
  t.is(rate.length, 1);
  t.like(rate[0], { step: 2, status: 'fail' });
  t.deepEqual(rate[0].reasons, ["peer 2 printed 'Ping requests sent to Peers 4 and 5' once, 0.4 s after it started, and never again in 12.3 s: a round must go out every 0.3 s (spec §3 step 2)"]);
});

test('the rate is judged only in scenarios that grade pings', (t) => {
  const history = pingsHistory(() => [400]);
  const plain = { ...history, scenario: { ...history.scenario, pings: false } };
  t.false(judgeScenario(plain).findings.some((f) => f.item === 'ping-rate'));
  t.true(judgeScenario(history).findings.some((f) => f.item === 'ping-rate' && f.status === 'fail'));
});
