/**
 * Starting a process forks conform itself: tens of milliseconds on a loaded machine, during which
 * nothing else runs. Rings that start at once would fork in one long stretch (twelve rings of seven
 * peers held the event loop for 4.8 s), so whatever forks takes turns: one ring's peers one after
 * the other, or one sandbox's unshare, with a turn of the event loop (timers, the peers' pending
 * output) after each fork, and no other ring's fork between a ring's peers.
 */

let spawning: Promise<unknown> = Promise.resolve();

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs `fork` (which starts processes synchronously) in its turn and resolves with what it
 * returned; the next turn waits only for `fork` itself to return, not for what it started.
 */
export function inTurn<T>(fork: () => T): Promise<T> {
  return inTurns([fork]).then(([value]) => value);
}

/** Runs `forks` in one turn, one after the other with a turn of the event loop between each. */
export function inTurns<T>(forks: readonly (() => T)[]): Promise<T[]> {
  const ran = spawning.then(async () => {
    const values: { value: T }[] = [];
    for (const [i, fork] of forks.entries()) {
      if (i > 0) await turn();
      values.push({ value: fork() });
    }
    return values;
  });
  spawning = ran.then(turn, turn);
  return ran.then((r) => r.map((v) => v.value));
}
