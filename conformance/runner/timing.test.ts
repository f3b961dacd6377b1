/**
 * Deadlines scale with the ping interval (a peer works on its ping timer) and the detection bound
 * is its own setting (spec §3 step 5, §4).
 */
import test from 'ava';
import { timingFor, type Timing } from './timing.ts';

const cases: { options: Parameters<typeof timingFor>[0]; timing: Timing }[] = [
  {
    options: { interval: 1 },
    timing: { intervalMs: 1000, startMs: 12_000, settleMs: 20_000, quietMs: 5_000, rateMs: 15_000, actionMs: 9_000, exitMs: 7_000, detectMs: 60_000, stallMs: 7_000 },
  },
  {
    options: { interval: 5 },
    timing: { intervalMs: 5000, startMs: 20_000, settleMs: 40_000, quietMs: 17_000, rateMs: 55_000, actionMs: 25_000, exitMs: 15_000, detectMs: 60_000, stallMs: 15_000 },
  },
  {
    options: { interval: 0.5, detectSeconds: 20 },
    timing: { intervalMs: 500, startMs: 11_000, settleMs: 17_500, quietMs: 3_500, rateMs: 10_000, actionMs: 7_000, exitMs: 6_000, detectMs: 20_000, stallMs: 6_000 },
  },
];

for (const { options, timing } of cases) {
  test(`timingFor(${JSON.stringify(options)})`, (t) => {
    t.deepEqual(timingFor(options), timing);
  });
}

test('every deadline but detection grows with the interval; detection follows its own setting', (t) => {
  const slow = timingFor({ interval: 10 });
  const fast = timingFor({ interval: 1 });
  for (const key of ['startMs', 'settleMs', 'actionMs', 'exitMs', 'stallMs'] as const) t.true(slow[key] > fast[key], key);
  t.is(slow.detectMs, fast.detectMs);
  t.is(timingFor({ interval: 1, detectSeconds: 90 }).detectMs, 90_000);
});

test('settling waits for several rounds of pings: longer than an action, longer than a ping interval', (t) => {
  for (const interval of [0.5, 1, 5, 30]) {
    const timing = timingFor({ interval });
    t.true(timing.settleMs > timing.actionMs, `interval ${interval}`);
    t.true(timing.settleMs >= 5 * timing.intervalMs, `interval ${interval}`);
  }
});
