/**
 * Ping rounds (spec §3 step 2) and the detection and repair of a dead successor (step 5).
 */
import { judgePing, missLimit, noteAnswer, notePingSent, responseWindow } from './liveness.ts';
import { askPeer, portOf, type Peer, type Repair } from './context.ts';
import { notePing, secondAfterDeath, setSuccessors, type Successors } from './peer.ts';
import { reasonOf, say, warn } from './print.ts';
import type { Ping, Pong } from './wire.ts';

/** Starts the rounds: the first now, then one every interval. Safe to call twice. */
export function startPinging(peer: Peer): void {
  if (peer.pinging.timer) return;
  peer.pinging.timer = setInterval(() => void runRound(peer), peer.intervalMs);
  void runRound(peer);
}

export function stopPinging(peer: Peer): void {
  clearInterval(peer.pinging.timer);
  peer.pinging.timer = undefined;
}

/** One round: finish a pending repair first (no pings to a dead peer), then ping both successors. */
async function runRound(peer: Peer): Promise<void> {
  if (peer.state.quitting || !peer.state.successors) return;
  if (peer.pinging.repair && !(await tryRepair(peer))) return;
  const seq = sendPings(peer);
  if (seq !== undefined) setTimeout(() => void judgeRound(peer, seq), responseWindow(peer.intervalMs));
}

/** A response window after the pings: a successor found dead is announced once and repaired. */
async function judgeRound(peer: Peer, seq: number): Promise<void> {
  if (peer.state.quitting || peer.pinging.repair) return;
  peer.pinging.repair = findDeath(peer, seq);
  if (peer.pinging.repair) await tryRepair(peer);
}

/** Runs the pending repair unless one is in flight; true when it is done. */
async function tryRepair(peer: Peer): Promise<boolean> {
  const plan = peer.pinging.repair;
  if (!plan) return true;
  // A repair still waiting on its query makes the next attempt a no-op rather than a second query.
  if (peer.pinging.busy) return false;
  peer.pinging.busy = true;
  try {
    return await repair(peer, plan);
  } catch (error) {
    warn(`repair after peer ${plan.dead} died failed: ${reasonOf(error)}`);
    return false;
  } finally {
    peer.pinging.busy = false;
  }
}

/** Judges the last pings; a dead successor is announced here, once. */
function findDeath(peer: Peer, seq: number): Repair | undefined {
  const { watches, successors } = peer.state;
  if (!watches || !successors) return undefined;
  const limit = missLimit(peer.settings.missedPings, peer.intervalMs);
  const firstDead = judgePing(watches[0], seq, limit);
  const secondDead = judgePing(watches[1], seq, limit);
  let found: Repair | undefined;
  // S1 dead: S2 becomes S1, and it tells us its first successor, our new S2.
  if (firstDead) found = { dead: successors.s1, which: 'first', ask: successors.s2 };
  // S2 dead: S1 tells us its successors; the one after the dead peer is our new S2.
  else if (secondDead) found = { dead: successors.s2, which: 'second', ask: successors.s1 };
  if (found) say('no-longer-alive', { peer: found.dead });
  return found;
}

/** Asks a live successor for its successors and applies the repair; false to retry next round. */
async function repair(peer: Peer, plan: Repair): Promise<boolean> {
  let theirs: Successors;
  try {
    const reply = await askPeer(peer, plan.ask, { t: 'successors-query', from: peer.state.self });
    if (reply.t !== 'successors' || reply.from !== plan.ask) throw new Error(`unexpected reply '${reply.t}'`);
    theirs = { s1: reply.s1, s2: reply.s2 };
  } catch (error) {
    warn(`repair after peer ${plan.dead} died: asking peer ${plan.ask} failed (${reasonOf(error)}); retrying next round`);
    return false;
  }
  const current = peer.state.successors;
  if (!current) return false;
  const next: Successors = plan.which === 'first'
    ? { s1: plan.ask, s2: secondAfterDeath(plan.dead, theirs) }
    : { s1: current.s1, s2: secondAfterDeath(plan.dead, theirs) };
  setSuccessors(peer.state, next, true);
  peer.pinging.repair = undefined;
  say('new-first-successor', { peer: next.s1 });
  say('new-second-successor', { peer: next.s2 });
  return true;
}

/** Pings both successors; returns the round's sequence number. */
function sendPings(peer: Peer): number | undefined {
  const { successors, watches, self } = peer.state;
  if (!successors || !watches) return undefined;
  const seq = ++peer.pinging.seq;
  peer.udp.send(portOf(peer, successors.s1), { t: 'ping', from: self, rank: 1, seq });
  peer.udp.send(portOf(peer, successors.s2), { t: 'ping', from: self, rank: 2, seq });
  notePingSent(watches[0], seq);
  notePingSent(watches[1], seq);
  say('ping-sent', { s1: successors.s1, s2: successors.s2 });
  return seq;
}

/** A ping from a predecessor: print it, learn the predecessor, answer to the sender's port. */
export function onPing(peer: Peer, ping: Ping, replyPort: number): void {
  say('ping-received', { from: ping.from });
  notePing(peer.state, ping.from, ping.rank, Date.now());
  peer.udp.send(replyPort, { t: 'pong', from: peer.state.self, seq: ping.seq });
}

/** An answer from a successor. */
export function onPong(peer: Peer, pong: Pong): void {
  say('ping-response', { from: pong.from });
  for (const watch of peer.state.watches ?? []) {
    if (watch.id === pong.from) noteAnswer(watch, pong.seq);
  }
}
