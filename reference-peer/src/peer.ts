/**
 * A peer's state and the decisions made on it (spec §1, §3). No I/O here: the handlers in
 * ping.ts, membership.ts and files.ts read and change this state and do the talking.
 */
import { isBetween, keyOf } from '../../conformance/protocol/ring.ts';
import { newWatch, type Watch } from './liveness.ts';

/** Beyond this many hops a message has gone round the ring and is dropped (IDs are 0..255). */
export const MAX_HOPS = 256;

export type Successors = { readonly s1: number; readonly s2: number };

type Heard = { readonly id: number; readonly at: number };

export type PeerState = {
  readonly self: number;
  /** Undefined until a joining peer is accepted. */
  successors: Successors | undefined;
  /** Liveness of each successor, index 0 for the first (spec §3 step 5). */
  watches: [Watch, Watch] | undefined;
  /** The last peers that pinged us as their first / second successor (spec §1). */
  predecessors: [Heard | undefined, Heard | undefined];
  /** Files this peer asked for and has not received yet, with how many times each was asked. */
  readonly awaiting: Map<string, number>;
  quitting: boolean;
};

export function newPeerState(self: number, successors?: Successors, armed = false): PeerState {
  const state: PeerState = {
    self,
    successors: undefined,
    watches: undefined,
    predecessors: [undefined, undefined],
    awaiting: new Map(),
    quitting: false,
  };
  if (successors) setSuccessors(state, successors, armed);
  return state;
}

/**
 * Replaces the successors. A successor that changed gets a fresh watch; `armed` says it is known
 * to be live (learned from a join, quit or repair), so silence from it counts at once.
 */
export function setSuccessors(state: PeerState, next: Successors, armed: boolean): void {
  const old = state.watches;
  const keep = (id: number): Watch => old?.find((w) => w.id === id) ?? newWatch(id, armed);
  state.watches = [keep(next.s1), keep(next.s2)];
  state.successors = next;
}

/** A ping from `from` naming us its successor of `rank`: that is our predecessor of that rank. */
export function notePing(state: PeerState, from: number, rank: 1 | 2, now: number): void {
  const here = rank - 1;
  const other = 1 - here;
  state.predecessors[here] = { id: from, at: now };
  // A peer that moved from one rank to the other no longer holds the old one.
  if (state.predecessors[other]?.id === from) state.predecessors[other] = undefined;
}

/** Our predecessor of `rank` if it pinged us within `maxAgeMs`. */
export function predecessor(state: PeerState, rank: 1 | 2, now: number, maxAgeMs: number): number | undefined {
  const heard = state.predecessors[rank - 1];
  return heard && now - heard.at <= maxAgeMs ? heard.id : undefined;
}

/** Notes that we asked for `file`: its bytes (or news it is missing) will come to us. */
export function expectFile(state: PeerState, file: string): void {
  state.awaiting.set(file, (state.awaiting.get(file) ?? 0) + 1);
}

/** Whether we asked for `file`; counts one answer as received. */
export function takeExpectedFile(state: PeerState, file: string): boolean {
  const count = state.awaiting.get(file);
  if (count === undefined) return false;
  if (count <= 1) state.awaiting.delete(file);
  else state.awaiting.set(file, count - 1);
  return true;
}

/**
 * Whether this peer owns `file` (spec §3 step 6): its key lies in (predecessor, self]. Without a
 * known predecessor only the key equal to our ID is surely ours.
 */
export function ownsFile(state: PeerState, file: string, pred1: number | undefined): boolean {
  const key = keyOf(file);
  return pred1 === undefined ? key === state.self : isBetween(pred1, key, state.self);
}

/** Whether our first successor owns `file`: then a store or request we pass on is marked for it. */
export function successorOwns(state: PeerState, file: string): boolean {
  return state.successors !== undefined && isBetween(state.self, keyOf(file), state.successors.s1);
}

/** Whether this peer accepts the join of `newId`: it falls between us and our first successor (spec §3 step 3). */
export function acceptsJoin(state: PeerState, newId: number): boolean {
  return state.successors !== undefined && newId !== state.self && isBetween(state.self, newId, state.successors.s1);
}

/** Our successors after `departed` leaves, given its successors (spec §3 step 4); undefined if it is neither of ours. */
export function successorsAfterDeparture(state: PeerState, departed: number, theirs: Successors): Successors | undefined {
  const ours = state.successors;
  if (!ours) return undefined;
  if (ours.s1 === departed) return { s1: theirs.s1, s2: theirs.s2 };
  if (ours.s2 === departed) return { s1: ours.s1, s2: theirs.s1 };
  return undefined;
}

/** The second successor after `dead` (our old second) died, from our first successor's successors (spec §3 step 5). */
export function secondAfterDeath(dead: number, firstsSuccessors: Successors): number {
  return firstsSuccessors.s1 === dead ? firstsSuccessors.s2 : firstsSuccessors.s1;
}
