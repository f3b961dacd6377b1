/**
 * Whose job each peer's lines are in an action (spec §3 steps 3–7), and where on the ring the
 * action falls: what a diagnosis says of the peer whose line decided a failure, and what the known
 * mistakes of the assignment are matched on.
 */
import type { Action } from './actions.ts';
import { acceptorOf, keyOf, ownerOf, predecessorsOf, type Ring } from './ring.ts';

export type PeerRole = 'joiner' | 'acceptor' | 'acceptor-predecessor' | 'departing' | 'first-predecessor' | 'second-predecessor' | 'owner' | 'requester' | 'typist';

/**
 * Where an action falls: at the wrap-around (a join above the highest ID or below the lowest, a
 * key above the highest ID, a departure of the lowest or highest peer), or on a key equal to a
 * peer's ID.
 */
export type Place = 'wrap' | 'key-is-peer' | 'middle';

export type ActionRoles = { readonly roles: ReadonlyMap<number, PeerRole>; readonly places: readonly Place[]; readonly words: ReadonlyMap<number, string> };

const wrapGap = (ring: Ring) => `${ring[ring.length - 1]} → ${ring[0]}`;

export function rolesOf(ring: Ring, action: Action): ActionRoles {
  const roles = new Map<number, PeerRole>();
  const words = new Map<number, string>();
  const places: Place[] = [];
  const highest = ring[ring.length - 1];
  const lowest = ring[0];
  switch (action.type) {
    case 'join': {
      const acceptor = acceptorOf(ring, action.peer);
      const [first] = predecessorsOf(ring, acceptor);
      const wrap = action.peer > highest || action.peer < lowest;
      if (wrap) places.push('wrap');
      roles.set(action.peer, 'joiner').set(acceptor, 'acceptor').set(first, 'acceptor-predecessor');
      words.set(action.peer, `peer ${action.peer} is the joining peer`);
      words.set(acceptor, wrap
        ? `peer ${acceptor} is the last peer before the wrap-around ${wrapGap(ring)}, so peer ${action.peer} is its to accept`
        : `peer ${acceptor} is the peer whose gap to its successor holds ${action.peer}, so it is the one to accept it`);
      words.set(first, `peer ${first} is the first predecessor of the accepting peer ${acceptor}, which must tell it of its new second successor`);
      break;
    }
    case 'quit':
    case 'kill': {
      const [first, second] = predecessorsOf(ring, action.peer);
      if (action.peer === highest || action.peer === lowest) places.push('wrap');
      roles.set(action.peer, 'departing').set(first, 'first-predecessor').set(second, 'second-predecessor');
      const how = action.type === 'quit' ? `is told by peer ${action.peer} as it departs` : `must notice from missing ping responses`;
      words.set(first, `peer ${first} is peer ${action.peer}'s first predecessor: it ${how}`);
      words.set(second, `peer ${second} is peer ${action.peer}'s second predecessor: it too ${how}`);
      break;
    }
    case 'store':
    case 'request': {
      const key = keyOf(action.file);
      const owner = ownerOf(ring, key);
      if (key > highest) places.push('wrap');
      if (ring.includes(key)) places.push('key-is-peer');
      roles.set(action.at, action.type === 'store' ? 'typist' : 'requester').set(owner, 'owner');
      words.set(owner, key > highest
        ? `peer ${owner} owns key ${key}: no ID is ${key} or more, so the key wraps around to the lowest peer`
        : key === owner
          ? `peer ${owner} owns key ${key}: a key equal to a peer's ID is that peer's`
          : `peer ${owner} owns key ${key}: it is the smallest ID that is ${key} or more`);
      break;
    }
  }
  if (places.length === 0) places.push('middle');
  return { roles, places, words };
}
