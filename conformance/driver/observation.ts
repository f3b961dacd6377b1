/**
 * What conform saw of its own fairness while it ran a ring: how far apart the ring's peers were
 * started, how long its event loop was ever held up (see loop-delay.ts), and when each peer
 * started and first printed. A ring started seconds apart, or read on a stalled loop, was not
 * judged on what the submission did.
 */
import type { LoopDelayWatch } from './loop-delay.ts';
import type { RunningRing } from './ring.ts';

export type PeerObservation = {
  readonly peer: number;
  /** Run-clock ms when the peer was spawned. */
  readonly startedAt: number;
  /** Run-clock ms of its first line; undefined when it printed none. */
  readonly firstLineAt: number | undefined;
};

export type Observation = {
  /** Last start minus first among the peers started together (the starting ring), ms. */
  readonly startSpreadMs: number;
  /** The largest delay of conform's event loop while the ring ran, ms. */
  readonly maxLoopDelayMs: number;
  readonly peers: readonly PeerObservation[];
};

/** The observation of `ring` so far, with the delays `loop` saw. */
export function observeRing(ring: RunningRing, loop: LoopDelayWatch): Observation {
  return {
    startSpreadMs: ring.startSpread(),
    maxLoopDelayMs: loop.max(),
    peers: ring.history.map((p) => ({ peer: p.id, startedAt: p.startedAt, firstLineAt: p.firstLineAt })),
  };
}
