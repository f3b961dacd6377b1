/**
 * Lines that would say what did not happen after an action (spec §5: a line carrying different
 * information fails, even beside the expected one). Each claim names a message about the action's
 * file or joining peer and the peers that may truthfully print it, from the ring model: only the
 * owner accepts a Store, the owner never forwards one, only the requester receives the file.
 * Lines that are true though the spec's tables leave them out (a forwarder saying it received a
 * join, a requester saying the file is not stored at it) are no claim.
 */
import type { MessageId } from './catalogue.ts';
import { acceptorOf, keyOf, ownerOf, type Ring } from './ring.ts';

export type Claim = {
  readonly id: MessageId;
  /** The message's number that names the action's subject (its file, or the joining peer). */
  readonly subject: number;
  /** Which of the message's numbers is the subject, in the order its meaning captures them. */
  readonly slot: number;
  /** Whether `peer` may print it about this action. */
  readonly mayPrint: (peer: number) => boolean;
  /** Why the others may not, for the evidence. */
  readonly why: string;
  /** Another of the message's numbers that must be this value whoever prints it (the owner named). */
  readonly names?: { readonly slot: number; readonly value: number; readonly why: string };
};

/** `Store <file>` typed at any peer. */
export function storeClaims(ring: Ring, file: string): Claim[] {
  const key = keyOf(file);
  const owner = ownerOf(ring, key);
  const why = `peer ${owner} owns key ${key}`;
  return [
    { id: 'store-accepted', subject: Number(file), slot: 0, mayPrint: (p) => p === owner, why },
    { id: 'store-forwarded', subject: Number(file), slot: 0, mayPrint: (p) => p !== owner, why: `${why} and keeps the file` },
  ];
}

/**
 * `Request <file>` typed at `at`. Typed at the owner, the spec (§3 step 7) leaves open whether it
 * answers at once or sends the request round the ring and the file to itself: both are true, so
 * the owner may then say it sent the request on and received the file.
 */
export function requestClaims(ring: Ring, at: number, file: string): Claim[] {
  const key = keyOf(file);
  const owner = ownerOf(ring, key);
  const owns = `peer ${owner} owns key ${key}`;
  const receiver = (p: number) => p === at;
  const asked = `peer ${at} asked for it`;
  const f = Number(file);
  const namesOwner = (slot: number) => ({ slot, value: owner, why: owns });
  return [
    { id: 'file-stored-here', subject: f, slot: 0, mayPrint: (p) => p === owner, why: owns },
    { id: 'request-not-here', subject: f, slot: 0, mayPrint: (p) => p !== owner, why: owns },
    { id: 'request-sent', subject: f, slot: 0, mayPrint: (p) => p !== owner || p === at, why: `${owns} and answers the request` },
    { id: 'sending-file', subject: f, slot: 0, mayPrint: (p) => p === owner, why: owns, names: { slot: 1, value: at, why: asked } },
    { id: 'peer-had-file', subject: f, slot: 1, mayPrint: receiver, why: asked, names: namesOwner(0) },
    { id: 'receiving-file', subject: f, slot: 0, mayPrint: receiver, why: asked, names: namesOwner(1) },
    { id: 'file-received', subject: f, slot: 0, mayPrint: receiver, why: asked },
  ];
}

/** `join <newId> <known>`. */
export function joinClaims(ring: Ring, newId: number): Claim[] {
  const acceptor = acceptorOf(ring, newId);
  return [{ id: 'join-forwarded', subject: newId, slot: 0, mayPrint: (p) => p !== acceptor, why: `peer ${acceptor} is the one to accept peer ${newId}` }];
}
