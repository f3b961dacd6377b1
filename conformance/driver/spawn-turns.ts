/**
 * Starting a process forks conform itself: tens of milliseconds on a loaded machine, during which
 * nothing else runs. Rings that start at once would fork in one long stretch (twelve rings of seven
 * peers held the event loop for 4.8 s), so whatever forks takes turns: one ring's peers back to
 * back, or one sandbox's unshare, then a turn of the event loop (timers, the peers' pending output)
 * before the next.
 */

let spawning: Promise<unknown> = Promise.resolve();

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs `fork` (which starts processes synchronously) in its turn and resolves with what it
 * returned; the next turn waits only for `fork` itself to return, not for what it started.
 */
export function inTurn<T>(fork: () => T): Promise<T> {
  const ran = spawning.then(() => ({ value: fork() }));
  spawning = ran.then(turn, turn);
  return ran.then((r) => r.value);
}
