import test from 'ava';
import { fairnessBounds, unfairness } from './run-all.ts';
import { timingFor } from './timing.ts';

const observed = (startSpreadMs: number, maxLoopDelayMs: number) => ({ startSpreadMs, maxLoopDelayMs, peers: [] });

test('the bounds are fractions of the ping interval, the stall bound never past a second', (t) => {
  t.deepEqual(fairnessBounds(timingFor({ interval: 1 })), { maxLoopDelayMs: 500, maxStartSpreadMs: 1000 });
  t.deepEqual(fairnessBounds(timingFor({ interval: 0.1 })), { maxLoopDelayMs: 50, maxStartSpreadMs: 100 });
  t.deepEqual(fairnessBounds(timingFor({ interval: 10 })), { maxLoopDelayMs: 1000, maxStartSpreadMs: 10_000 });
});

test('a ring started or read past a bound was not observed fairly, and the reason names it', (t) => {
  const timing = timingFor({ interval: 1 });
  const table: [number, number, RegExp | undefined][] = [
    [20, 30, undefined],
    [1000, 500, undefined],
    [7600, 30, /peers started 7600 ms apart \(bound 1000 ms\)/],
    [20, 7000, /event loop stalled for 7000 ms \(bound 500 ms\)/],
    [2000, 900, /stalled for 900 ms.* and its peers started 2000 ms apart/],
  ];
  for (const [spread, delay, reason] of table) {
    const why = unfairness(observed(spread, delay), timing);
    if (reason) t.regex(why ?? '', reason, `spread ${spread}, delay ${delay}`);
    else t.is(why, undefined, `spread ${spread}, delay ${delay}`);
  }
});
