/**
 * The reference peer: argv → ports → ring membership, ping rounds, stdin commands (spec §1–§3).
 * Exit status 2 for a bad command line or a port already in use, 0 after Quit.
 */
import { flushCompileCache } from 'node:module';
import { parseArgs, USAGE } from './args.ts';
import { readCommands, type Command } from './commands.ts';
import type { Peer } from './context.ts';
import { onFile, onFileMissing, onRequest, onStore } from './files.ts';
import { onDepart, onJoin, onJoinAccept, onSuccessorChange, quit, requestJoin } from './membership.ts';
import { newPeerState } from './peer.ts';
import { onPing, onPong, startPinging } from './ping.ts';
import { reasonOf, setPeerLabel, warn } from './print.ts';
import { openTcpServer, type TcpHandlers } from './tcp.ts';
import { openUdp, type UdpLink } from './udp.ts';
import type { TcpMessage } from './wire.ts';

// A client silent this long is cut off, so it cannot pin a socket and its buffers.
const TCP_IDLE_MS = 10_000;

function fail(problem: string): never {
  process.stderr.write(`p2p: ${problem}\n${USAGE}\n`);
  process.exit(2);
}

function tcpHandlers(peer: Peer): TcpHandlers {
  return {
    onMessage(message): Promise<TcpMessage | undefined> | TcpMessage | undefined {
      switch (message.t) {
        case 'join': void onJoin(peer, message); return undefined;
        case 'join-accept': onJoinAccept(peer, message); return undefined;
        case 'successor-change': onSuccessorChange(peer, message); return undefined;
        case 'depart': return onDepart(peer, message);
        case 'successors-query': {
          const ours = peer.state.successors;
          if (!ours) return undefined;
          return { t: 'successors', from: peer.state.self, s1: ours.s1, s2: ours.s2 };
        }
        case 'store': void onStore(peer, message); return undefined;
        case 'request': void onRequest(peer, message); return undefined;
        case 'file-missing': onFileMissing(peer, message); return undefined;
        default:
          warn(`dropped TCP message '${message.t}': a reply that came unasked`);
          return undefined;
      }
    },
    onFile: (header, socket, rest) => void onFile(peer, header, socket, rest),
    onProblem: warn,
  };
}

function onCommand(peer: Peer, command: Command): void {
  const self = peer.state.self;
  switch (command.kind) {
    case 'store': void onStore(peer, { t: 'store', file: command.file, from: self, hops: 0, toOwner: false }); return;
    case 'request': void onRequest(peer, { t: 'request', file: command.file, requester: self, hops: 0, toOwner: false }); return;
    case 'quit': void quit(peer); return;
    case 'empty': return;
    case 'unknown': warn(command.problem); return;
  }
}

function bindProblem(protocol: string, port: number, host: string, error: unknown): string {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return `${protocol} port ${port} on ${host} is already in use`;
  return `cannot bind ${protocol} port ${port} on ${host}: ${reasonOf(error)}`;
}

/** Binds UDP and TCP on base+ID (spec §1); a port that cannot be had ends the program (status 2). */
async function openPorts(peer: Omit<Peer, 'udp'>): Promise<Peer> {
  const port = peer.settings.portBase + peer.state.self;
  const host = peer.settings.host;
  // Datagrams arriving in the moment before the TCP port is up are dropped: nobody to answer yet.
  let full: Peer | undefined;
  let udp: UdpLink;
  try {
    udp = await openUdp({
      host,
      port,
      onMessage(message, from) {
        if (!full) return;
        if (message.t === 'ping') onPing(full, message, from.port);
        else onPong(full, message);
      },
      onProblem: warn,
    });
  } catch (error) {
    fail(bindProblem('UDP', port, host, error));
  }
  full = { ...peer, udp };
  try {
    await openTcpServer({ host, port, idleMs: TCP_IDLE_MS, handlers: tcpHandlers(full) });
  } catch (error) {
    fail(bindProblem('TCP', port, host, error));
  }
  return full;
}

/** A join request that got lost leaves the new peer waiting: say so on stderr, keep waiting. */
function warnIfNotAccepted(peer: Peer, known: number): void {
  const patience = Math.max(10_000, 5 * peer.intervalMs);
  setTimeout(() => {
    if (!peer.state.successors) warn(`no answer to the join request sent to peer ${known} after ${patience / 1000} s; still waiting`);
  }, patience).unref();
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) fail(parsed.problem);
  const { start, settings } = parsed;
  setPeerLabel(start.peer);
  const state = start.mode === 'init'
    ? newPeerState(start.peer, { s1: start.s1, s2: start.s2 })
    : newPeerState(start.peer);
  const peer = await openPorts({
    state,
    settings,
    intervalMs: start.intervalMs,
    pinging: { timer: undefined, seq: 0, busy: false, repair: undefined },
  });
  readCommands(process.stdin, (command) => onCommand(peer, command));
  if (start.mode === 'init') startPinging(peer);
  else if (await requestJoin(peer, start.known)) warnIfNotAccepted(peer, start.known);
  else process.exit(1);
}

// The grader ends peers with signals (spec §3 step 5): go at once, without a word on stdout.
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
process.on('SIGHUP', () => process.exit(129));
// A reader that went away must not kill the peer with EPIPE: the ring still needs it.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);
// Last resort, so one bad message cannot take a peer out of the ring; causes are fixed where found.
process.on('uncaughtException', (error) => warn(`unexpected error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (error) => warn(`unexpected rejection: ${error instanceof Error ? error.stack ?? error.message : String(error)}`));

// bin/p2p fills Node's compile cache once with every module loaded above (see there), then runs the peer.
if (process.env.P2P_WARM_COMPILE_CACHE === '1') {
  flushCompileCache();
  process.exit(0);
}
await main();
