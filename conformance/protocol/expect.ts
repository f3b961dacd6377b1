/**
 * Expected lines derived from the ring model (spec §3 tables): for an action on a ring, what each
 * peer must print, in order per peer. Scenarios, the reference peer's tests and the fuzzer use
 * these; nothing types expected lines out by hand.
 */
import type { MessageId, Slots } from './catalogue.ts';
import type { ExpectedLine } from './matcher.ts';
import { acceptorOf, keyOf, refusesDeparture, ownerOf, pathAlong, predecessorsOf, successorsOf, type Ring } from './ring.ts';

/** Each peer's expected lines, in the order that peer must print them. */
export type Expectations = ReadonlyMap<number, readonly ExpectedLine[]>;

class Builder {
  readonly rows = new Map<number, ExpectedLine[]>();
  add(peer: number, id: MessageId, slots: Slots = {}, row?: string): this {
    const list = this.rows.get(peer) ?? [];
    list.push(row === undefined ? { id, slots } : { id, slots, row });
    this.rows.set(peer, list);
    return this;
  }
}

/** Step 2: one round of pings, as seen by every peer of a settled ring. */
export function expectPings(ring: Ring): Expectations {
  const b = new Builder();
  for (const peer of ring) {
    const [s1, s2] = successorsOf(ring, peer);
    const [p1, p2] = predecessorsOf(ring, peer);
    b.add(peer, 'ping-sent', { s1, s2 })
      .add(peer, 'ping-received', { from: p1 })
      .add(peer, 'ping-received', { from: p2 })
      .add(peer, 'ping-response', { from: s1 })
      .add(peer, 'ping-response', { from: s2 });
  }
  return b.rows;
}

/** Step 3: `join <newId> <known>` on `ring`. */
export function expectJoin(ring: Ring, newId: number, known: number): Expectations {
  const b = new Builder();
  const acceptor = acceptorOf(ring, newId);
  const [s1, s2] = successorsOf(ring, acceptor);
  const [pred] = predecessorsOf(ring, acceptor);
  for (const peer of pathAlong(ring, known, acceptor).slice(0, -1)) {
    b.add(peer, 'join-forwarded', { peer: newId }, 'forward');
  }
  b.add(acceptor, 'join-received', { peer: newId })
    .add(acceptor, 'new-first-successor', { peer: newId })
    .add(acceptor, 'new-second-successor', { peer: s1 });
  b.add(pred, 'successor-change', {}, 'successor-change')
    .add(pred, 'new-first-successor', { peer: acceptor }, 'successor-change')
    .add(pred, 'new-second-successor', { peer: newId }, 'successor-change');
  b.add(newId, 'join-accepted')
    .add(newId, 'first-successor', { peer: s1 })
    .add(newId, 'second-successor', { peer: s2 });
  return b.rows;
}

function expectDeparture(ring: Ring, gone: number, id: 'departing' | 'no-longer-alive'): Expectations {
  const refused = refusesDeparture(ring, gone);
  if (refused) throw new RangeError(refused);
  const b = new Builder();
  const [s1, s2] = successorsOf(ring, gone);
  const [p1, p2] = predecessorsOf(ring, gone);
  b.add(p1, id, { peer: gone }).add(p1, 'new-first-successor', { peer: s1 }).add(p1, 'new-second-successor', { peer: s2 });
  b.add(p2, id, { peer: gone }).add(p2, 'new-first-successor', { peer: p1 }).add(p2, 'new-second-successor', { peer: s1 });
  return b.rows;
}

/** Step 4: `Quit` typed at `peer`. */
export function expectQuit(ring: Ring, peer: number): Expectations {
  return expectDeparture(ring, peer, 'departing');
}

/** Step 5: `peer` killed; its predecessors detect and repair. */
export function expectKill(ring: Ring, peer: number): Expectations {
  return expectDeparture(ring, peer, 'no-longer-alive');
}

/** Step 6: `Store <file>` typed at `at`. `file` keeps its four digits as typed. */
export function expectStore(ring: Ring, at: number, file: string): Expectations {
  const b = new Builder();
  const owner = ownerOf(ring, keyOf(file));
  for (const peer of pathAlong(ring, at, owner).slice(0, -1)) b.add(peer, 'store-forwarded', { file });
  b.add(owner, 'store-accepted', { file });
  return b.rows;
}

/**
 * Step 7: `Request <file>` typed at `at`. When `at` owns the file the spec prints nothing in
 * particular: the owner must say the file is stored here (and the file must still arrive).
 */
export function expectRequest(ring: Ring, at: number, file: string): Expectations {
  const b = new Builder();
  const owner = ownerOf(ring, keyOf(file));
  if (owner === at) return b.add(at, 'file-stored-here', { file }).rows;
  b.add(at, 'request-sent', { file }, 'request');
  for (const peer of pathAlong(ring, at, owner).slice(1, -1)) b.add(peer, 'request-not-here', { file });
  b.add(owner, 'file-stored-here', { file })
    .add(owner, 'sending-file', { file, to: at })
    .add(owner, 'file-sent');
  b.add(at, 'peer-had-file', { owner, file }, 'receive')
    .add(at, 'receiving-file', { file, owner }, 'receive')
    .add(at, 'file-received', { file }, 'receive');
  return b.rows;
}

/**
 * Step 7, `Request <file>` typed at its owner and sent round the ring (spec §3 step 7, the second
 * of its two correct behaviours): the owner says it sent the request on, finds the file is its own
 * when the request comes back, and sends it to itself, printing the owner's and the requester's
 * lines. The peers it passes may print that the file is not here; that is not required.
 */
export function expectRequestRoundTrip(owner: number, file: string): Expectations {
  return new Builder()
    .add(owner, 'request-sent', { file }, 'request')
    .add(owner, 'file-stored-here', { file }, 'serve')
    .add(owner, 'sending-file', { file, to: owner }, 'serve')
    .add(owner, 'file-sent', {}, 'serve')
    .add(owner, 'peer-had-file', { owner, file }, 'receive')
    .add(owner, 'receiving-file', { file, owner }, 'receive')
    .add(owner, 'file-received', { file }, 'receive').rows;
}

/** The expected lines of one peer grouped by the spec's table rows, in order within each. */
export function byRow(expected: readonly ExpectedLine[]): ExpectedLine[][] {
  const rows = new Map<string | undefined, ExpectedLine[]>();
  for (const line of expected) rows.set(line.row, [...(rows.get(line.row) ?? []), line]);
  return [...rows.values()];
}
