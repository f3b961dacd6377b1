/** How a peer ended, in words a student can act on: its exit status or signal, and its last stderr. */
import { constants as osConstants } from 'node:os';
import type { PeerProcess } from '../driver/peer-process.ts';
import { quote } from '../checkers/lines.ts';

/** How a peer ended, with its last stderr lines, for evidence. */
export function describeExit(peer: PeerProcess): string {
  const exit = peer.exit;
  if (!exit) return `peer ${peer.id} is still running`;
  const how = exit.signal ? `was ended by ${signalName(exit.signal)}` : `exited with status ${exit.code}`;
  const tail = peer.stderrTail().slice(-3);
  return `peer ${peer.id} ${how} at ${(exit.at / 1000).toFixed(1)} s` + (tail.length ? `; its last stderr lines: ${tail.map(quote).join(' / ')}` : '');
}

// Why the kernel ended a process, for signals that come from the sandbox's limits.
const LIMIT_SIGNALS: Record<string, string> = {
  SIGXFSZ: 'writing a file (its stderr counts) past the size limit',
  SIGXCPU: 'using more CPU time than the limit',
};

function signalName(signal: number): string {
  const name = Object.entries(osConstants.signals).find(([, n]) => n === signal)?.[0] ?? `signal ${signal}`;
  return LIMIT_SIGNALS[name] ? `${name}, for ${LIMIT_SIGNALS[name]}` : name;
}

