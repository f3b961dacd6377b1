import test from 'ava';
import { watchLoopDelay } from './loop-delay.ts';

function blockFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}

test('a stall of the event loop is seen by a watch that was running, and stays after stop', (t) => {
  const watch = watchLoopDelay();
  blockFor(100);
  // The sampler ticks every 5 ms: a stall of 100 ms reads as at least 95 (more on a busy machine).
  t.true(watch.max() >= 95, `largest delay ${watch.max()} ms`);
  watch.stop();
  t.true(watch.max() >= 95, 'readable after stop');
});

test('a watch begun after a stall does not count it; one begun before does', async (t) => {
  const early = watchLoopDelay();
  blockFor(60);
  const late = watchLoopDelay();
  // Read before any tick could run, the late watch first: whatever held the process up since
  // `late` began is counted by both, the 60 ms before it only by `early`.
  const lateMax = late.max();
  const earlyMax = early.max();
  t.true(earlyMax >= 55, `early ${earlyMax} ms`);
  t.true(lateMax < earlyMax, `late ${lateMax} ms, early ${earlyMax} ms`);
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.true(early.max() >= 55, 'the early watch keeps its stall');
  early.stop();
  late.stop();
});
