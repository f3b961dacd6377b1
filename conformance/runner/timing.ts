/**
 * Deadlines of a run. Every wait is for evidence (a printed line, a bound port, a file) with one of
 * these deadlines, never a fixed sleep. They scale with the ping interval because a peer does
 * most of its work on its ping timer; real programs start and transfer slowly (spec §4).
 */

export type Timing = {
  /** Ping interval in ms. */
  readonly intervalMs: number;
  /** Ports bound after start (step 1). */
  readonly startMs: number;
  /** Every peer has had a ping response from both successors (spec §4). */
  readonly settleMs: number;
  /**
   * How long a correct peer needs after a change to learn its new predecessors and successors from
   * the pings it sends and receives: conform waits this long when the peers' lines cannot show
   * the ring settle (spec §4). A changed peer pings its new successors at its next round (within
   * one interval) and hears back within another; a third interval and 2 s cover a loaded machine.
   */
  readonly quietMs: number;
  /**
   * Step 2's rate: how long the settled ring is watched at most for every peer's first rounds
   * (checkers/ping-rate.ts RATE_ROUNDS, eight: seven intervals for a correct peer). Ten intervals
   * and 5 s let a peer at a rate of its own up to three times slower show six gaps, and a peer
   * whose rounds stopped show a silence past the checker's bound.
   */
  readonly rateMs: number;
  /** Lines after a join, quit, store or request. */
  readonly actionMs: number;
  /** The quitting process has exited (spec §3 step 4: "within a few seconds"). */
  readonly exitMs: number;
  /** Detection of a killed peer (spec §3 step 5: the assignment's bound is 60 s). */
  readonly detectMs: number;
  /** A file transfer fails when the received file stops growing this long (spec §4). */
  readonly stallMs: number;
};

export function timingFor(options: { interval: number; detectSeconds?: number }): Timing {
  const i = options.interval * 1000;
  return {
    intervalMs: i,
    startMs: 10_000 + 2 * i,
    settleMs: 15_000 + 5 * i,
    quietMs: 2_000 + 3 * i,
    rateMs: 5_000 + 10 * i,
    actionMs: 5_000 + 4 * i,
    exitMs: 5_000 + 2 * i,
    detectMs: (options.detectSeconds ?? 60) * 1000,
    stallMs: 5_000 + 2 * i,
  };
}
