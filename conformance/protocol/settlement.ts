/**
 * When a ring has settled (spec §4): each peer's pings reach both its successors. Either side's
 * line shows it: the peer's 'Ping response received from Peer S', or the successor's 'Ping request
 * message received from Peer P'. So a peer whose response lines are wrong (step 2's defect alone)
 * still lets the grader see the ring settle from its successors' lines, and the steps after it are
 * not charged for it. Pure: feed it lines as they come.
 */
import { findEvents } from './matcher.ts';
import { successorsOf, type Ring } from './ring.ts';

export type Settlement = {
  /** Takes in one line printed by `peer`; true once every peer of the ring is confirmed. */
  readonly add: (peer: number, text: string) => boolean;
  readonly isSettled: () => boolean;
  /** Every peer has printed a response from both its successors (its own side of every ping). */
  readonly isAnswered: () => boolean;
  /** Each peer with the successors its pings were not seen to reach. */
  readonly missing: () => Map<number, number[]>;
};

export function trackSettlement(ring: Ring): Settlement {
  const confirmed = new Map(ring.map((id) => [id, new Set<number>()]));
  const answered = new Map(ring.map((id) => [id, new Set<number>()]));
  const successors = new Map(ring.map((id) => [id, successorsOf(ring, id)]));
  const reaches = (from: number, to: number, seen: Map<number, Set<number>>) => {
    if (successors.get(from)?.includes(to)) seen.get(from)!.add(to);
  };
  const isSettled = () => [...confirmed.values()].every((set) => set.size === 2);
  const isAnswered = () => [...answered.values()].every((set) => set.size === 2);
  const add = (peer: number, text: string) => {
    for (const event of findEvents(text)) {
      if (event.id === 'ping-response') {
        reaches(peer, event.values[0], confirmed);
        reaches(peer, event.values[0], answered);
      }
      if (event.id === 'ping-received') reaches(event.values[0], peer, confirmed);
    }
    return isSettled();
  };
  const missing = () =>
    new Map(
      [...confirmed]
        .filter(([, set]) => set.size < 2)
        .map(([id, set]) => [id, successors.get(id)!.filter((s) => !set.has(s))]),
    );
  return { add, isSettled, isAnswered, missing };
}
