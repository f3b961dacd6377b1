/**
 * What a peer may truthfully say about the ring while a change takes effect (spec §3 steps 3–5,
 * §5). A successor line names, for its role (first or second), the successor the model gives the
 * peer after the change, or the one it had before: a peer that has not heard of the change yet
 * says nothing false. Once it has said that its old successor departed or is no longer alive,
 * naming that peer as its successor again is false. Only the peer that quits departs, and
 * only a peer that has left is no longer alive. Lines the spec's tables leave out are judged too:
 * a peer that names a dead peer as its new successor and corrects itself seconds later has said
 * something false, whatever follows.
 */
import { successorsOf, type Ring } from './ring.ts';

/** 0: first successor, 1: second successor. */
export type Role = 0 | 1;

export type RingTruth = {
  /**
   * The successor `peer` has in `role` after the change and the one it had before; undefined when
   * its lines are not judged (it left).
   */
  readonly successors: (peer: number, role: Role) => { readonly now: number; readonly was?: number } | undefined;
  /** Whether a line may say that `peer` will depart from the network. */
  readonly mayDepart: (peer: number) => boolean;
  /** Whether a line may say that `peer` is no longer alive. */
  readonly mayBeDead: (peer: number) => boolean;
  /** Why a successor line about `peer` in `role` is false, for the evidence. */
  readonly whySuccessor: (peer: number, role: Role) => string;
  /** The peers that left with the change. */
  readonly gone: readonly number[];
  /** The ring after the change. */
  readonly after: Ring;
};

export const ROLE_NAME: Readonly<Record<Role, string>> = { 0: 'first', 1: 'second' };

/**
 * The truth about the ring from `before` to `after` (equal for a Store or a Request). `quit` names
 * the peer that quits now; `left`, the peers that left earlier in the scenario (a late line about
 * them is still true).
 */
export function ringTruth(before: Ring, after: Ring, change: { quit?: number; left?: readonly number[] } = {}): RingTruth {
  const gone = before.filter((id) => !after.includes(id));
  const left = change.left ?? [];
  const successors = (peer: number, role: Role) => {
    if (!after.includes(peer)) return undefined;
    const now = successorsOf(after, peer)[role];
    return before.includes(peer) ? { now, was: successorsOf(before, peer)[role] } : { now };
  };
  const whySuccessor = (peer: number, role: Role): string => {
    const now = successorsOf(after, peer)[role];
    const left = gone.length ? `; peer ${gone.join(', ')} has left` : '';
    return `peer ${peer}'s ${ROLE_NAME[role]} successor is peer ${now}${before === after ? '' : ' after the change'}${left}`;
  };
  return {
    successors,
    mayDepart: (peer) => peer === change.quit || left.includes(peer),
    mayBeDead: (peer) => gone.includes(peer) || left.includes(peer),
    whySuccessor,
    gone,
    after,
  };
}
