import test from 'ava';
import { fairnessBounds, unfairness } from './fairness.ts';
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
