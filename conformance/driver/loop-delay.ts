/**
 * How long conform's own event loop was held up: while it is, no line of any peer is read, no
 * command or kill goes out and every deadline is judged late, so a grade taken across a long stall
 * says more about the machine than about the submission. A timer ticks every few milliseconds and
 * each tick's lateness is a delay; every watch keeps the largest it saw, so that scenarios running
 * side by side each learn what happened during their own time.
 */

// A tick every 5 ms: a stall of D ms is read as between D - 5 and D, so stalls of 20 ms and more
// are always seen (as 15 ms or more); a timer this fast costs a few hundred callbacks a second.
const TICK_MS = 5;

export type LoopDelayWatch = {
  /** The largest delay of the event loop, in ms, since the watch began (rounded). */
  max(): number;
  /** Ends the watch; its `max` stays readable. */
  stop(): void;
};

type State = { readonly since: number; max: number };

const watching = new Set<State>();
let timer: NodeJS.Timeout | undefined;
let last = 0;

/** The delay `state` has seen of the stretch from the last tick to `now` (only since it began). */
function seen(state: State, now: number): number {
  return now - Math.max(last, state.since) - TICK_MS;
}

function tick(): void {
  const now = performance.now();
  for (const state of watching) state.max = Math.max(state.max, seen(state, now));
  last = now;
}

/** Begins a watch of the event loop's delays (the sampler runs while any watch does). */
export function watchLoopDelay(): LoopDelayWatch {
  const state: State = { since: performance.now(), max: 0 };
  if (!timer) {
    last = state.since;
    // Unref'd: watching never keeps the process alive.
    timer = setInterval(tick, TICK_MS).unref();
  }
  watching.add(state);
  // A stall still going on when asked (the caller itself ran long) counts too.
  const now = () => (watching.has(state) ? Math.max(state.max, seen(state, performance.now())) : state.max);
  return {
    max: () => Math.round(now()),
    stop: () => {
      if (!watching.has(state)) return;
      state.max = now();
      watching.delete(state);
      if (watching.size === 0) {
        clearInterval(timer);
        timer = undefined;
      }
    },
  };
}
