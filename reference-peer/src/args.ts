/**
 * The peer's command line (spec §1) and its environment settings.
 *
 *   p2p init <PEER> <FIRST_SUCCESSOR> <SECOND_SUCCESSOR> <PING_INTERVAL>
 *   p2p join <PEER> <KNOWN_PEER> <PING_INTERVAL>
 *
 * Environment:
 *   P2P_PORT_BASE     UDP and TCP port of peer i is base+i (default 12000, spec §1).
 *   P2P_MISSED_PINGS  consecutive unanswered pings after which a successor is dead (default 3).
 */
import { isPeerId } from '../../conformance/protocol/ring.ts';

export type Settings = {
  readonly host: string;
  readonly portBase: number;
  readonly missedPings: number;
};

export type StartOptions =
  | { readonly mode: 'init'; readonly peer: number; readonly s1: number; readonly s2: number; readonly intervalMs: number }
  | { readonly mode: 'join'; readonly peer: number; readonly known: number; readonly intervalMs: number };

export type Parsed =
  | { readonly ok: true; readonly start: StartOptions; readonly settings: Settings }
  | { readonly ok: false; readonly problem: string };

export const USAGE = `usage:
  p2p init <PEER> <FIRST_SUCCESSOR> <SECOND_SUCCESSOR> <PING_INTERVAL>
  p2p join <PEER> <KNOWN_PEER> <PING_INTERVAL>
PEER and successors are integers 0..255; PING_INTERVAL is in seconds (>= 0.1, fractions allowed).
Commands on stdin: Store NNNN, Request NNNN, Quit.
Environment: P2P_PORT_BASE (default 12000; peer i uses UDP and TCP port base+i),
             P2P_MISSED_PINGS (unanswered pings before a successor is dead, default 3).`;

const MIN_INTERVAL_S = 0.1;

class ArgError extends Error {}

function peerId(text: string, what: string): number {
  if (!/^[-+]?\d+$/.test(text)) throw new ArgError(`${what} '${text}' is not an integer`);
  const id = Number(text);
  if (!isPeerId(id)) throw new ArgError(`${what} ${text} is outside 0..255`);
  return id;
}

function interval(text: string): number {
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) throw new ArgError(`ping interval '${text}' is not a number of seconds`);
  const seconds = Number(text);
  if (!(seconds >= MIN_INTERVAL_S)) throw new ArgError(`ping interval ${text} is below ${MIN_INTERVAL_S} s`);
  return Math.round(seconds * 1000);
}

function integerSetting(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new ArgError(`${name}=${text} is not an integer in ${min}..${max}`);
  }
  return value;
}

function arity(args: readonly string[], want: number, mode: string): void {
  if (args.length !== want) {
    throw new ArgError(`'${mode}' takes ${want - 1} arguments, got ${args.length - 1}`);
  }
}

/** Parses argv (without node and script) and the environment; never throws. */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Parsed {
  try {
    const settings: Settings = {
      host: '127.0.0.1',
      portBase: integerSetting(env, 'P2P_PORT_BASE', 12000, 1, 65535 - 255),
      missedPings: integerSetting(env, 'P2P_MISSED_PINGS', 3, 1, 1000),
    };
    const mode = argv[0];
    if (mode === 'init') {
      arity(argv, 5, mode);
      const start = {
        mode,
        peer: peerId(argv[1], 'peer ID'),
        s1: peerId(argv[2], 'first successor ID'),
        s2: peerId(argv[3], 'second successor ID'),
        intervalMs: interval(argv[4]),
      } as const;
      return { ok: true, start, settings };
    }
    if (mode === 'join') {
      arity(argv, 4, mode);
      const start = {
        mode,
        peer: peerId(argv[1], 'peer ID'),
        known: peerId(argv[2], 'known peer ID'),
        intervalMs: interval(argv[3]),
      } as const;
      if (start.known === start.peer) throw new ArgError(`peer ${start.peer} cannot join through itself`);
      return { ok: true, start, settings };
    }
    if (mode === undefined) return { ok: false, problem: 'no mode given (init or join)' };
    return { ok: false, problem: `unknown mode '${mode}' (expected init or join)` };
  } catch (error) {
    if (error instanceof ArgError) return { ok: false, problem: error.message };
    throw error;
  }
}
