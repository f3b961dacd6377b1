/**
 * Data insertion and retrieval (spec §3 steps 6 and 7): routing a store or request along first
 * successors to the owner of the file's key, and the owner's answer to a request.
 */
import type net from 'node:net';
import { portOf, predecessorMaxAge, sendTo, type Peer } from './context.ts';
import { expectFile, MAX_HOPS, ownsFile, predecessor, successorOwns, takeExpectedFile } from './peer.ts';
import { reasonOf, say, warn } from './print.ts';
import { receiveFile, sizeOfSource, sendFile } from './transfer.ts';
import type { FileHeader, FileMissing, FileRequest, Store } from './wire.ts';

// A transfer that makes no progress for this long is abandoned.
const TRANSFER_IDLE_MS = 10_000;

function isHere(peer: Peer, file: string, toOwner: boolean): boolean {
  const pred1 = predecessor(peer.state, 1, Date.now(), predecessorMaxAge(peer));
  return toOwner || ownsFile(peer.state, file, pred1);
}

/** Where the files live: the peer's working directory (spec §3 step 7). */
function dir(): string {
  return process.cwd();
}

/** `Store NNNN` typed here (hops 0) or arriving from a predecessor. */
export async function onStore(peer: Peer, store: Store): Promise<void> {
  if (isHere(peer, store.file, store.toOwner)) {
    say('store-accepted', { file: store.file });
    return;
  }
  const next = peer.state.successors?.s1;
  if (next === undefined || store.hops >= MAX_HOPS) {
    warn(`dropped store of ${store.file} (${next === undefined ? 'no successor yet' : `after ${store.hops} hops`})`);
    return;
  }
  say('store-forwarded', { file: store.file });
  try {
    await sendTo(peer, next, { ...store, hops: store.hops + 1, toOwner: successorOwns(peer.state, store.file) });
  } catch (error) {
    warn(`could not forward store of ${store.file} to peer ${next}: ${reasonOf(error)}`);
  }
}

/** `Request NNNN` typed here (hops 0, requester = self) or arriving from a predecessor. */
export async function onRequest(peer: Peer, request: FileRequest): Promise<void> {
  const typedHere = request.hops === 0 && request.requester === peer.state.self;
  if (typedHere) expectFile(peer.state, request.file);
  if (isHere(peer, request.file, request.toOwner)) {
    await serveFile(peer, request.file, request.requester);
    return;
  }
  const next = peer.state.successors?.s1;
  if (next === undefined || request.hops >= MAX_HOPS) {
    warn(`dropped request for ${request.file} (${next === undefined ? 'no successor yet' : `after ${request.hops} hops`})`);
    return;
  }
  say(typedHere ? 'request-sent' : 'request-not-here', { file: request.file });
  try {
    await sendTo(peer, next, { ...request, hops: request.hops + 1, toOwner: successorOwns(peer.state, request.file) });
  } catch (error) {
    warn(`could not forward request for ${request.file} to peer ${next}: ${reasonOf(error)}`);
  }
}

/** The owner sends `NNNN.pdf` to the requester, or (never claiming it is stored here) says it is missing. */
async function serveFile(peer: Peer, file: string, requester: number): Promise<void> {
  const owner = peer.state.self;
  const size = await sizeOfSource(dir(), file);
  if (size === undefined) {
    say('file-missing-at-owner', { file, to: requester });
    try {
      await sendTo(peer, requester, { t: 'file-missing', file, owner });
    } catch (error) {
      warn(`could not tell peer ${requester} that ${file}.pdf is missing: ${reasonOf(error)}`);
    }
    return;
  }
  say('file-stored-here', { file });
  say('sending-file', { file, to: requester });
  try {
    await sendFile({
      host: peer.settings.host,
      port: portOf(peer, requester),
      dir: dir(),
      header: { t: 'file', file, owner, size },
      idleMs: TRANSFER_IDLE_MS,
    });
  } catch (error) {
    warn(`sending ${file}.pdf to peer ${requester} failed: ${reasonOf(error)}`);
    return;
  }
  say('file-sent');
}

/** A file arriving for a request of ours. */
export async function onFile(peer: Peer, header: FileHeader, socket: net.Socket, rest: Buffer): Promise<void> {
  if (!takeExpectedFile(peer.state, header.file)) {
    warn(`refused file ${header.file} from peer ${header.owner}: not requested`);
    socket.destroy();
    return;
  }
  say('peer-had-file', { owner: header.owner, file: header.file });
  say('receiving-file', { file: header.file, owner: header.owner });
  try {
    await receiveFile(socket, header, rest, dir());
  } catch (error) {
    warn(`receiving ${header.file}.pdf from peer ${header.owner} failed: ${reasonOf(error)}; nothing kept`);
    return;
  }
  say('file-received', { file: header.file });
}

/** The owner has no copy of a file we asked for. */
export function onFileMissing(peer: Peer, missing: FileMissing): void {
  if (!takeExpectedFile(peer.state, missing.file)) {
    warn(`ignored news that file ${missing.file} is missing: not requested`);
    return;
  }
  say('file-missing-at-requester', { owner: missing.owner, file: missing.file });
}
