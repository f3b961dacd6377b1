/** How a peer ended, in words a student can act on: its exit status or signal, and its last stderr. */
import { constants as osConstants } from 'node:os';
import type { Exit } from '../driver/peer-process.ts';
import { quote } from './lines.ts';

/** What is known of a peer that ended: its ID, how it exited, the end of its stderr. */
export type Ended = { readonly peer: number; readonly exit?: Exit; readonly stderr: readonly string[] };

/**
 * How a peer ended, with its last stderr lines, for evidence. `memoryKills` is how many processes
 * the kernel killed at the sandbox's memory limit: a SIGKILL nobody sent then most likely came from it.
 */
export function describeExit(peer: Ended, memoryKills = 0): string {
  const exit = peer.exit;
  if (!exit) return `peer ${peer.peer} is still running`;
  const name = exit.signal ? signalName(exit.signal) : '';
  const how = exit.signal ? `was ended by ${name}` : `exited with status ${exit.code}`;
  const why = name === 'SIGKILL' && memoryKills > 0 ? "most likely by the kernel at the sandbox's memory limit" : LIMIT_SIGNALS[name];
  const tail = peer.stderr.slice(-3);
  return (
    `peer ${peer.peer} ${how} at ${(exit.at / 1000).toFixed(1)} s` +
    (why ? `, ${why}` : '') +
    (tail.length ? `; its last stderr lines: ${tail.map(quote).join(' / ')}` : '')
  );
}

// Why the kernel ended a process, for signals that come from the sandbox's limits.
const LIMIT_SIGNALS: Record<string, string> = {
  SIGXFSZ: 'for writing a file past the size limit',
  SIGXCPU: 'for using more CPU time than the limit',
};

function signalName(signal: number): string {
  return Object.entries(osConstants.signals).find(([, n]) => n === signal)?.[0] ?? `signal ${signal}`;
}
