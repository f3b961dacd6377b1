/**
 * The ring situations a fuzzed sequence reaches, by name, for `conform fuzz`'s coverage counts:
 * joins at each side of the wrap-around gap and next to a peer, departures of the smallest and
 * largest peer, kills just after, half-way between and just before ping rounds, keys on a peer's ID, above every ID and below every ID, commands at the owner.
 * Pure: read from the ring model.
 */
import { ACTIONS, type Action } from '../conformance/protocol/actions.ts';
import { keyOf, makeRing, ownerOf, type Ring } from '../conformance/protocol/ring.ts';

export const SITUATIONS = [
  'ring-has-0',
  'ring-has-255',
  'join-wrap-high',
  'join-wrap-low',
  'join-middle',
  'join-next-to-a-peer',
  'quit-smallest',
  'quit-largest',
  'quit-middle',
  'kill-smallest',
  'kill-largest',
  'kill-middle',
  'kill-after-round',
  'kill-mid-round',
  'kill-before-round',
  'key-equal-to-an-id',
  'key-above-every-id',
  'key-below-every-id',
  'command-at-owner',
  'ring-of-3',
] as const;
export type Situation = (typeof SITUATIONS)[number];

function ofAction(ring: Ring, action: Action): Situation[] {
  const low = ring[0];
  const high = ring[ring.length - 1];
  const found: Situation[] = [];
  if (action.type === 'join') {
    found.push(action.peer > high ? 'join-wrap-high' : action.peer < low ? 'join-wrap-low' : 'join-middle');
    if (ring.includes(action.peer - 1) || ring.includes(action.peer + 1)) found.push('join-next-to-a-peer');
  } else if (action.type === 'quit' || action.type === 'kill') {
    found.push(`${action.type}-${action.peer === low ? 'smallest' : action.peer === high ? 'largest' : 'middle'}` as Situation);
    // Where in the victim's ping cycle the kill was aimed (drawn with the sequence).
    if (action.type === 'kill' && action.phase) found.push(`kill-${action.phase}` as Situation);
  } else {
    const key = keyOf(action.file);
    if (ring.includes(key)) found.push('key-equal-to-an-id');
    if (key > high) found.push('key-above-every-id');
    if (key < low) found.push('key-below-every-id');
    if (ownerOf(ring, key) === action.at) found.push('command-at-owner');
  }
  if (ring.length === 3) found.push('ring-of-3');
  return found;
}

/** Every situation the sequence reaches, in order, once per action that reaches it. */
export function situationsOf(start: readonly number[], actions: readonly Action[]): Situation[] {
  let ring = makeRing(start);
  const found: Situation[] = [];
  if (ring.includes(0)) found.push('ring-has-0');
  if (ring.includes(255)) found.push('ring-has-255');
  for (const action of actions) {
    found.push(...ofAction(ring, action));
    ring = ACTIONS[action.type].after(ring, action as never);
  }
  return found;
}
