/**
 * What every handler works with: the peer's state, its settings and its ways of talking.
 * One object per running peer, made in main.ts.
 */
import type { Settings } from './args.ts';
import type { PeerState } from './peer.ts';
import { askTcp, sendTcp } from './tcp.ts';
import type { UdpLink } from './udp.ts';
import type { TcpMessage } from './wire.ts';

/** A repair in progress after a successor died (spec §3 step 5): who died, whom we ask. */
export type Repair = { readonly dead: number; readonly which: 'first' | 'second'; readonly ask: number };

export type Peer = {
  readonly state: PeerState;
  readonly settings: Settings;
  readonly intervalMs: number;
  readonly udp: UdpLink;
  readonly pinging: { timer: NodeJS.Timeout | undefined; seq: number; busy: boolean; repair: Repair | undefined };
};

// Replies on loopback come in milliseconds; these bound a peer that is stuck or gone.
const TCP_TIMEOUT_MS = 3000;

export function portOf(peer: Peer, id: number): number {
  return peer.settings.portBase + id;
}

/** Sends one TCP message to peer `to`; rejects when it cannot be delivered. */
export function sendTo(peer: Peer, to: number, message: TcpMessage): Promise<void> {
  return sendTcp({ host: peer.settings.host, port: portOf(peer, to), message, timeoutMs: TCP_TIMEOUT_MS });
}

/** Sends one TCP message to peer `to` and resolves with its reply. */
export function askPeer(peer: Peer, to: number, message: TcpMessage, timeoutMs = TCP_TIMEOUT_MS): Promise<TcpMessage> {
  return askTcp({ host: peer.settings.host, port: portOf(peer, to), message, timeoutMs });
}

/**
 * How long a predecessor stays known without pinging us: a few rounds, so one that quit or died
 * is forgotten, and a slow round or two is forgiven.
 */
export function predecessorMaxAge(peer: Peer): number {
  return (peer.settings.missedPings + 2) * peer.intervalMs + 1000;
}

/** How long to wait for a predecessor we do not know yet (spec §4: a peer may start slowly). */
export function predecessorPatience(peer: Peer): number {
  return 4 * peer.intervalMs + 1000;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
