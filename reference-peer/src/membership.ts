/**
 * Joining (spec §3 step 3) and graceful departure (step 4), on both sides.
 */
import { askPeer, predecessorMaxAge, predecessorPatience, sendTo, sleep, type Peer } from './context.ts';
import { acceptsJoin, MAX_HOPS, predecessor, setSuccessors, successorsAfterDeparture } from './peer.ts';
import { startPinging, stopPinging } from './ping.ts';
import { reasonOf, say, warn } from './print.ts';
import type { Depart, DepartAck, Join, JoinAccept, SuccessorChange } from './wire.ts';

/** Waits until our predecessor of `rank` is known, for at most `predecessorPatience`. */
async function awaitPredecessor(peer: Peer, rank: 1 | 2, until: number): Promise<number | undefined> {
  for (;;) {
    const known = predecessor(peer.state, rank, Date.now(), predecessorMaxAge(peer));
    if (known !== undefined || Date.now() >= until) return known;
    await sleep(Math.min(50, peer.intervalMs / 4));
  }
}

/** The new peer asks a known peer to place it, retrying while that peer is not up yet (spec §4). */
export async function requestJoin(peer: Peer, known: number): Promise<boolean> {
  const until = Date.now() + Math.max(10_000, 3 * peer.intervalMs);
  for (let backoff = 100; ; backoff = Math.min(backoff * 2, 1000)) {
    try {
      await sendTo(peer, known, { t: 'join', peer: peer.state.self, hops: 0 });
      return true;
    } catch (error) {
      if (Date.now() + backoff > until) {
        warn(`could not send the join request to peer ${known}: ${reasonOf(error)}`);
        return false;
      }
      await sleep(backoff);
    }
  }
}

/** A join request: accept it when the new peer falls between us and our first successor, else pass it on. */
export async function onJoin(peer: Peer, join: Join): Promise<void> {
  const { state } = peer;
  const ours = state.successors;
  const problem = !ours ? 'I am not in a ring yet'
    : [state.self, ours.s1, ours.s2].includes(join.peer) ? 'that peer is already in the ring'
    : join.hops > MAX_HOPS ? `it went round after ${join.hops} hops`
    : undefined;
  if (problem || !ours) {
    warn(`dropped the join of peer ${join.peer}: ${problem}`);
    return;
  }
  if (!acceptsJoin(state, join.peer)) {
    say('join-forwarded', { peer: join.peer });
    try {
      await sendTo(peer, ours.s1, { ...join, hops: join.hops + 1 });
    } catch (error) {
      warn(`could not forward the join of peer ${join.peer} to peer ${ours.s1}: ${reasonOf(error)}`);
    }
    return;
  }
  say('join-received', { peer: join.peer });
  try {
    await sendTo(peer, join.peer, { t: 'join-accept', from: state.self, s1: ours.s1, s2: ours.s2 });
  } catch (error) {
    warn(`could not tell peer ${join.peer} its successors: ${reasonOf(error)}`);
    return;
  }
  setSuccessors(state, { s1: join.peer, s2: ours.s1 }, true);
  say('new-first-successor', { peer: join.peer });
  say('new-second-successor', { peer: ours.s1 });
  const pred1 = await awaitPredecessor(peer, 1, Date.now() + predecessorPatience(peer));
  if (pred1 === undefined) {
    warn(`no first predecessor known: nobody told of peer ${join.peer}'s arrival`);
    return;
  }
  try {
    await sendTo(peer, pred1, { t: 'successor-change', from: state.self, s1: state.self, s2: join.peer });
  } catch (error) {
    warn(`could not send the successor change to peer ${pred1}: ${reasonOf(error)}`);
  }
}

/** The new peer learns its successors and starts pinging. */
export function onJoinAccept(peer: Peer, accept: JoinAccept): void {
  if (peer.state.successors) {
    warn(`ignored a join acceptance from peer ${accept.from}: already in the ring`);
    return;
  }
  setSuccessors(peer.state, { s1: accept.s1, s2: accept.s2 }, true);
  say('join-accepted');
  say('first-successor', { peer: accept.s1 });
  say('second-successor', { peer: accept.s2 });
  startPinging(peer);
}

/** Our first successor took in a new peer, which is now our second successor. */
export function onSuccessorChange(peer: Peer, change: SuccessorChange): void {
  say('successor-change');
  setSuccessors(peer.state, { s1: change.s1, s2: change.s2 }, true);
  say('new-first-successor', { peer: change.s1 });
  say('new-second-successor', { peer: change.s2 });
}

/** A successor is leaving and tells us its successors; we acknowledge. */
export function onDepart(peer: Peer, depart: Depart): DepartAck {
  say('departing', { peer: depart.peer });
  const next = successorsAfterDeparture(peer.state, depart.peer, { s1: depart.s1, s2: depart.s2 });
  if (next) {
    setSuccessors(peer.state, next, true);
    say('new-first-successor', { peer: next.s1 });
    say('new-second-successor', { peer: next.s2 });
  } else {
    warn(`peer ${depart.peer} is departing but is not one of my successors`);
  }
  return { t: 'depart-ack', from: peer.state.self };
}

const ACK_TIMEOUT_MS = 2000;

/** `Quit`: tell both predecessors our successors, wait for their acknowledgements, then exit. */
export async function quit(peer: Peer): Promise<void> {
  const { state } = peer;
  if (state.quitting) return;
  state.quitting = true;
  stopPinging(peer);
  const ours = state.successors;
  if (ours) {
    const until = Date.now() + predecessorPatience(peer);
    const preds = [await awaitPredecessor(peer, 1, until), await awaitPredecessor(peer, 2, until)];
    const targets = [...new Set(preds.filter((p): p is number => p !== undefined && p !== state.self))];
    if (targets.length < 2) warn(`quitting with ${targets.length} predecessor(s) known`);
    const depart: Depart = { t: 'depart', peer: state.self, s1: ours.s1, s2: ours.s2 };
    await Promise.all(targets.map(async (target) => {
      try {
        const reply = await askPeer(peer, target, depart, ACK_TIMEOUT_MS);
        if (reply.t !== 'depart-ack') warn(`peer ${target} answered the departure with '${reply.t}'`);
      } catch (error) {
        warn(`peer ${target} did not acknowledge the departure: ${reasonOf(error)}`);
      }
    }));
  }
  process.exit(0);
}
