import test from 'ava';
import { couldBeLoad, fairnessBounds, unfairness } from './fairness.ts';
import type { PeerRecord, ScenarioHistory } from '../history/history.ts';
import { timingFor } from './timing.ts';

const observed = (startSpreadMs: number, maxLoopDelayMs: number) => ({ startSpreadMs, maxLoopDelayMs, peers: [] });

test('a stall may take a fifth of the shortest deadline; a start spread one ping interval, two seconds at least', (t) => {
  t.deepEqual(fairnessBounds(timingFor({ interval: 1 })), { maxLoopDelayMs: 1400, maxStartSpreadMs: 2000 });
  t.deepEqual(fairnessBounds(timingFor({ interval: 0.3 })), { maxLoopDelayMs: 1120, maxStartSpreadMs: 2000 });
  t.deepEqual(fairnessBounds(timingFor({ interval: 10 })), { maxLoopDelayMs: 5000, maxStartSpreadMs: 10_000 });
  t.deepEqual(fairnessBounds(timingFor({ interval: 1, detectSeconds: 2 })), { maxLoopDelayMs: 400, maxStartSpreadMs: 2000 });
});

test('a ring started or read past a bound was not observed fairly, and the reason names it', (t) => {
  const timing = timingFor({ interval: 1 });
  const table: [number, number, RegExp | undefined][] = [
    [20, 30, undefined],
    [1000, 1400, undefined],
    [7600, 30, /peers started 7600 ms apart \(bound 2000 ms\)/],
    [2000, 30, undefined],
    [20, 7000, /event loop stalled for 7000 ms \(bound 1400 ms\)/],
    [2500, 1500, /stalled for 1500 ms.* and its peers started 2500 ms apart/],
  ];
  for (const [spread, delay, reason] of table) {
    const why = unfairness(observed(spread, delay), timing);
    if (reason) t.regex(why ?? '', reason, `spread ${spread}, delay ${delay}`);
    else t.is(why, undefined, `spread ${spread}, delay ${delay}`);
  }
});

/** A ring of two that spoke (or not), with its output cut and memory kills as given. */
function historyOf(options: { spoke?: boolean; cutLines?: number; stderrCut?: number; memoryKills?: number; exitedAtStart?: boolean } = {}): ScenarioHistory {
  const peers: PeerRecord[] = [2, 4].map((peer) => ({
    peer, command: 'p2p', startedAt: 0,
    lines: [{ seq: 0, at: 100, text: options.spoke === false ? 'hello' : 'Ping requests sent to Peers 4 and 2' }],
    cut: { lines: options.cutLines ?? 0, chars: 0 }, stderr: [], stderrCut: options.stderrCut ?? 0,
    ...(options.exitedAtStart ? { exit: { at: 500, code: 1, signal: 0 } } : {}),
  }));
  const settle = { from: {}, to: {}, waitedMs: 1000, missing: [] };
  return {
    scenario: { name: 'two', description: 'two', ring: [2, 4], pings: true, actions: [] },
    timing: timingFor({ interval: 1 }), portBase: 12000, sandbox: 'test', ms: 2000, peers, files: [],
    phases: [{ kind: 'start', at: 0, end: 1000, settle, memoryKills: options.memoryKills ?? 0 }], notes: [], interrupted: false,
  };
}

test('only a ring that worked and made no load of its own is run again for the load', (t) => {
  t.true(couldBeLoad(historyOf()));
  t.false(couldBeLoad(historyOf({ spoke: false })), 'never printed a line of the protocol');
  t.false(couldBeLoad(historyOf({ exitedAtStart: true })), 'every peer ended at the start');
  t.false(couldBeLoad(historyOf({ cutLines: 5000 })), 'printed past the output cap');
  t.false(couldBeLoad(historyOf({ stderrCut: 1 << 20 })), 'wrote past the stderr cap');
  t.false(couldBeLoad(historyOf({ memoryKills: 1 })), 'killed at the memory limit');
});
