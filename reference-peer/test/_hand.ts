/**
 * Hand-driven rings of the reference peer: a namespace, a directory and a RunningRing, always
 * stopped, closed and removed at the end, whatever the test did.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNamespace, type Namespace } from '../../conformance/driver/namespace.ts';
import { RunningRing } from '../../conformance/driver/ring.ts';
import type { ExpectedLine } from '../../conformance/protocol/matcher.ts';
import type { Ring } from '../../conformance/protocol/ring.ts';
import type { PeerProcess } from '../../conformance/driver/peer-process.ts';
import { pollUntil, waitForRows } from '../../conformance/driver/waits.ts';
import { INTERVAL, PEER_BIN, TIMING, withRingSlot } from './_ring.ts';

export type HandRing = { readonly ring: RunningRing; readonly namespace: Namespace; readonly workdir: string };

/** A fresh namespace, directory and RunningRing for `work`, all ended and removed afterwards. */
export async function withRing<R>(work: (hand: HandRing) => Promise<R>): Promise<R> {
  return withRingSlot(async () => {
    const workdir = mkdtempSync(join(tmpdir(), 'ref-peer-test-'));
    let namespace: Namespace | undefined;
    let ring: RunningRing | undefined;
    try {
      namespace = await createNamespace({ writable: workdir });
      ring = new RunningRing({ program: [PEER_BIN], interval: INTERVAL, workdir, namespace, env: { P2P_PORT_BASE: '12000' } });
      return await work({ ring, namespace, workdir });
    } finally {
      await ring?.stopAll(300);
      await namespace?.close();
      rmSync(workdir, { recursive: true, force: true });
    }
  });
}

/**
 * Starts `ids` with `init` (spec §2) in a fresh namespace, waits until settled, runs `work`, and
 * ends everything. Rejects when the ring does not settle.
 */
export function withSettledRing<R>(ids: Ring, work: (hand: HandRing) => Promise<R>): Promise<R> {
  return withRing(async (hand) => {
    await hand.ring.startAll(ids);
    const missing = await hand.ring.waitSettled(ids, TIMING.settleMs);
    if (missing.size > 0) {
      const stderr = ids.flatMap((id) => hand.ring.peer(id).stderrTail().map((l) => `peer ${id}: ${l}`));
      throw new Error(`the ring did not settle: ${[...missing].map(([id, s]) => `${id} lacks ${s.join(',')}`).join('; ')}\n${stderr.join('\n')}`);
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
