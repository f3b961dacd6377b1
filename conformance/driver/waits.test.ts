import test from 'ava';
import { setTimeout as delay } from 'node:timers/promises';
import { pollUntil } from './waits.ts';

/** A read that sees the state as it is when it begins, and answers `ms` later (a slow /proc). */
function slowRead(state: { ready: boolean }, ms: number): () => Promise<boolean> {
  return async () => {
    const seen = state.ready;
    await delay(ms);
    return seen;
  };
}

test('a read begun before the deadline that fails is followed by one begun after it', async (t) => {
  const state = { ready: false };
  setTimeout(() => (state.ready = true), 50);
  // The first read begins at once, before the program is ready, and takes longer than the wait.
  const value = await pollUntil(slowRead(state, 200), (ready) => ready, { timeoutMs: 100 });
  t.true(value, 'the program was ready long before the first read came back');
});

test('a wait that never holds lasts its whole deadline and returns the last value', async (t) => {
  const started = performance.now();
  const value = await pollUntil(() => false, (v) => v, { timeoutMs: 150 });
  const took = performance.now() - started;
  t.false(value);
  t.true(took >= 150, `took ${took} ms`);
});

test('a wait ends as soon as its test holds, and at once when aborted', async (t) => {
  let reads = 0;
  t.is(await pollUntil(() => ++reads, (n) => n >= 3, { timeoutMs: 5000 }), 3);
  const abort = new AbortController();
  abort.abort();
  t.is(await pollUntil(() => 'no', () => false, { timeoutMs: 5000, signal: abort.signal }), 'no');
});
