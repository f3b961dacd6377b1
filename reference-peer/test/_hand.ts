/**
 * Hand-driven rings of the reference peer: a ring session (driver/ring-session.ts) that a test
 * drives step by step, always stopped, closed and removed at the end, whatever the test did.
 */
import { RingSession } from '../../conformance/driver/ring-session.ts';
import type { RunningRing } from '../../conformance/driver/ring.ts';
import type { ExpectedLine } from '../../conformance/protocol/matcher.ts';
import type { Ring } from '../../conformance/protocol/ring.ts';
import type { PeerProcess } from '../../conformance/driver/peer-process.ts';
import { pollUntil, waitForRows } from '../../conformance/driver/waits.ts';
import { INTERVAL, PEER_BIN, TIMING, withRingSlot } from './_ring.ts';

export type HandRing = { readonly session: RingSession; readonly ring: RunningRing };

/** A fresh ring session of the reference peer for `work`, closed afterwards. */
export async function withRing<R>(work: (hand: HandRing) => Promise<R>): Promise<R> {
  return withRingSlot(async () => {
    const session = await RingSession.open({ program: [PEER_BIN], interval: INTERVAL, portBase: 12000, isolate: true });
    try {
      return await work({ session, ring: session.ring });
    } finally {
      await session.close();
    }
  });
}

/**
 * Starts `ids` with `init` (spec §2) in a fresh session, waits until settled, runs `work`, and
 * ends everything. Rejects when the ring does not settle.
 */
export function withSettledRing<R>(ids: Ring, work: (hand: HandRing) => Promise<R>): Promise<R> {
  return withRing(async (hand) => {
    await hand.session.startAll(ids);
    const missing = await hand.session.waitSettled(ids, TIMING.settleMs, {});
    if (missing.length > 0) {
      const stderr = ids.flatMap((id) => hand.ring.peer(id).stderrTail().map((l) => `peer ${id}: ${l}`));
      throw new Error(`the ring did not settle: ${missing.map(([id, s]) => `${id} lacks ${s.join(',')}`).join('; ')}\n${stderr.join('\n')}`);
    }
    return work(hand);
  });
}

/** Waits for each peer's rows in order from the given seqs; returns the peers that missed some. */
export async function waitForAll(
  ring: RunningRing,
  expectations: ReadonlyMap<number, readonly ExpectedLine[]>,
  seqs: ReadonlyMap<number, number>,
  timeoutMs = TIMING.actionMs,
): Promise<number[]> {
  const results = await Promise.all(
    [...expectations].map(async ([id, rows]) => ({
      id,
      ok: await waitForRows(ring.peer(id), rows, { fromSeq: seqs.get(id) ?? 0, timeoutMs }),
    })),
  );
  return results.filter((r) => !r.ok).map((r) => r.id);
}

/** Every running peer's next seq: "from now on". */
export function seqsNow(ring: RunningRing): Map<number, number> {
  return new Map([...ring.peers].map(([id, peer]) => [id, peer.transcript.nextSeq]));
}

/** Waits until the peer's stderr has a line matching `pattern`; returns it, or undefined at the deadline. */
export async function waitForStderr(peer: PeerProcess, pattern: RegExp, timeoutMs: number): Promise<string | undefined> {
  const tail = await pollUntil(
    () => peer.stderrTail(256 * 1024),
    (lines) => lines.some((l) => pattern.test(l)),
    { timeoutMs },
  );
  return tail.find((l) => pattern.test(l));
}
