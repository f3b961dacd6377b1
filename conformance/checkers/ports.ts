/**
 * Step 1's port check (spec §1): each peer's own processes bind UDP and TCP on base+ID. A program
 * on another base, or pinging over TCP, fails this item alone, with the ports it did bind named.
 */
import type { BoundPorts } from '../driver/ports.ts';
import { verdictOf } from './finding.ts';
import { type Verdict } from './grade-model.ts';

function list(ports: readonly number[]): string {
  return ports.length ? ports.join(', ') : 'none';
}

export function checkPorts(
  peers: readonly { id: number; bound: BoundPorts; running: boolean }[],
  base: number,
  waitedMs: number,
): Verdict {
  const reasons: string[] = [];
  for (const { id, bound, running } of peers) {
    if (!running) continue;
    const port = base + id;
    const missing = [
      ...(bound.udp.includes(port) ? [] : [`UDP ${port}`]),
      ...(bound.tcp.includes(port) ? [] : [`TCP ${port}`]),
    ];
    if (missing.length === 0) continue;
    const pingsOverTcp = bound.udp.length === 0 && bound.tcp.includes(port) ? '; it binds no UDP port at all: pings must go over UDP' : '';
    reasons.push(
      `peer ${id} did not bind ${missing.join(' and ')} within ${waitedMs / 1000} s (port base ${base}, spec §1); its processes bound UDP ${list(bound.udp)} and listened on TCP ${list(bound.tcp)}${pingsOverTcp}`,
    );
  }
  return verdictOf(reasons);
}
