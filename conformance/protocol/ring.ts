/**
 * The ring model (spec §1–§3): a ring is the sorted list of live peer IDs. Every function is pure
 * and returns a new ring; the reference peer, the scenarios and the fuzzer all reason with these.
 */

export type Ring = readonly number[];

export const MIN_ID = 0;
export const MAX_ID = 255;
/** Keys live in 0..255: a file's key is its number mod 256 (spec §3 step 6). */
export const KEY_SPACE = 256;

/** The spec's standard test network (§2). */
export const STANDARD_RING: Ring = [2, 4, 5, 8, 9, 14, 19];

export function isPeerId(value: number): boolean {
  return Number.isInteger(value) && value >= MIN_ID && value <= MAX_ID;
}

/** A ring from any list of distinct IDs. */
export function makeRing(ids: Iterable<number>): Ring {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  for (const id of sorted) {
    if (!isPeerId(id)) throw new RangeError(`peer ID ${id} is outside 0..255`);
  }
  return sorted;
}

function indexOf(ring: Ring, id: number): number {
  const index = ring.indexOf(id);
  if (index < 0) throw new RangeError(`peer ${id} is not in the ring ${ring.join(' ')}`);
  return index;
}

/** The first and second successors of `id` (spec §1: each peer keeps two). */
export function successorsOf(ring: Ring, id: number): [number, number] {
  const i = indexOf(ring, id);
  return [ring[(i + 1) % ring.length], ring[(i + 2) % ring.length]];
}

/** The first and second predecessors of `id`: the peers whose first / second successor it is. */
export function predecessorsOf(ring: Ring, id: number): [number, number] {
  const i = indexOf(ring, id);
  const n = ring.length;
  return [ring[(i - 1 + n) % n], ring[(i - 2 + n) % n]];
}

/** A file's key: its number mod 256 (spec §3 step 6). */
export function keyOf(file: number | string): number {
  return Number(file) % KEY_SPACE;
}

/** The peer that owns `key`: the smallest ID >= key, wrapping to the smallest ID (spec §3 step 6). */
export function ownerOf(ring: Ring, key: number): number {
  if (ring.length === 0) throw new RangeError('an empty ring owns nothing');
  return ring.find((id) => id >= key) ?? ring[0];
}

/**
 * True when `x` lies strictly after `from` and at or before `to` going round the ring: the
 * interval (from, to]. With from === to it is the whole ring.
 */
export function isBetween(from: number, x: number, to: number): boolean {
  if (from < to) return from < x && x <= to;
  return x > from || x <= to;
}

/** The peer that accepts a join of `newId`: the p with p < newId < successor(p), wrapping (§3 step 3). */
export function acceptorOf(ring: Ring, newId: number): number {
  if (ring.includes(newId)) throw new RangeError(`peer ${newId} is already in the ring`);
  const after = ownerOf(ring, newId);
  return predecessorsOf(ring, after)[0];
}

/** The path a request takes from `from` along first successors until (and including) `to`. */
export function pathAlong(ring: Ring, from: number, to: number): number[] {
  indexOf(ring, to);
  const path = [from];
  let at = from;
  while (at !== to) {
    at = successorsOf(ring, at)[0];
    path.push(at);
  }
  return path;
}

export function afterJoin(ring: Ring, newId: number): Ring {
  if (ring.includes(newId)) throw new RangeError(`peer ${newId} is already in the ring`);
  return makeRing([...ring, newId]);
}

function without(ring: Ring, id: number): Ring {
  indexOf(ring, id);
  return ring.filter((x) => x !== id);
}

/** The network never shrinks below 3 peers (spec §3 step 4, §4). */
export const MIN_PEERS = 3;

/** Why `id` cannot leave `ring` (spec §4), or undefined when it can. */
export function refusesDeparture(ring: Ring, id: number): string | undefined {
  if (!ring.includes(id)) return `peer ${id} is not in the ring ${ring.join(' ')} at that point`;
  return ring.length <= MIN_PEERS ? `the ring ${ring.join(' ')} would shrink below ${MIN_PEERS} peers (spec §3 step 4)` : undefined;
}

/** The ring after `id` types Quit (spec §3 step 4). */
export function afterQuit(ring: Ring, id: number): Ring {
  return without(ring, id);
}

/** The ring after `id` is killed and its predecessors have repaired (spec §3 step 5). */
export function afterKill(ring: Ring, id: number): Ring {
  return without(ring, id);
}
