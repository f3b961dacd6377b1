/**
 * Waiting for evidence with deadlines: expected lines in order, bound ports, a growing file.
 * Polling (ports, files) looks every 100 ms up to a deadline; nothing sleeps a fixed time.
 */
import { readFileSync, statSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import type { PeerProcess } from './peer-process.ts';
import type { Line } from './transcript.ts';
import { boundPorts, type BoundPorts } from './ports.ts';
import { findEvents, judgeLine, type ExpectedLine } from '../protocol/matcher.ts';
import type { FileOutcome } from '../history/history.ts';

const POLL_MS = 100;

/**
 * A signal for one wait: aborted when the run is interrupted or when `done` is called, so that a
 * timer that lost a race (the peer exited first) stops instead of holding the process.
 */
function scopedSignal(outer?: AbortSignal): { signal: AbortSignal; done: () => void } {
  const local = new AbortController();
  return { signal: outer ? AbortSignal.any([outer, local.signal]) : local.signal, done: () => local.abort() };
}

/**
 * Waits until `peer` has printed every row, in order, from `fromSeq` on; or the peer exits, the
 * deadline (ms from now) passes, or the run is aborted.
 */
export async function waitForRows(
  peer: PeerProcess,
  rows: readonly ExpectedLine[],
  options: { fromSeq: number; timeoutMs: number; signal?: AbortSignal },
): Promise<boolean> {
  const end = performance.now() + options.timeoutMs;
  let from = options.fromSeq;
  for (const row of rows) {
    const remaining = end - performance.now();
    if (remaining <= 0) return false;
    const isRow = (l: Line) => {
      const judged = judgeLine(l.text, row);
      return judged === 'exact' || judged === 'meaning';
    };
    const line = await peer.waitForLine(isRow, { fromSeq: from, timeoutMs: remaining, signal: options.signal });
    if (!line) return false;
    // Two rows glued on one line (a missing newline, spec §6): the next may be on this line too.
    from = findEvents(line.text).length > 1 ? line.seq : line.seq + 1;
  }
  return true;
}

/** Waits until the peer's process has exited, at most `timeoutMs`; true if it did. */
export async function waitForExit(peer: PeerProcess, options: { timeoutMs: number; signal?: AbortSignal }): Promise<boolean> {
  const scope = scopedSignal(options.signal);
  try {
    return await Promise.race([
      peer.exited.then(() => true),
      delay(options.timeoutMs, false, { signal: scope.signal }).catch(() => false),
    ]);
  } finally {
    scope.done();
  }
}

/**
 * Waits until `test` holds or the deadline passes; returns its last value. `read` may be
 * asynchronous (reads of /proc are, so as not to hold up the event loop), and slow: on a loaded
 * machine one read of a program holding thousands of sockets takes seconds. A value that fails is
 * returned only from a read that began at the deadline or after it, so a read begun before the
 * program was ready never stands for the whole wait.
 */
export async function pollUntil<T>(
  read: () => T | Promise<T>,
  test: (value: T) => boolean,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<T> {
  const end = performance.now() + options.timeoutMs;
  let began = performance.now();
  let value = await read();
  while (!test(value) && began < end && !options.signal?.aborted) {
    const left = end - performance.now();
    if (left > 0) await delay(Math.min(POLL_MS, left));
    began = performance.now();
    value = await read();
  }
  return value;
}

/** Waits until the peer's processes hold UDP and TCP `port`; returns what they hold at the end. */
export function waitForPorts(
  peer: PeerProcess,
  port: number,
  options: { netPid?: number; timeoutMs: number; signal?: AbortSignal },
): Promise<BoundPorts> {
  return pollUntil<BoundPorts>(
    async () => (peer.isRunning ? boundPorts(peer.pid, options.netPid ?? peer.pid) : { udp: [], tcp: [] }),
    (ports) => !peer.isRunning || (ports.udp.includes(port) && ports.tcp.includes(port)),
    options,
  );
}

function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/**
 * Waits for `path` to hold `expected`, judging by progress (spec §4: some programs send slowly):
 * it fails when the file has not appeared, or has stopped growing, for `stallMs`.
 */
export async function waitForFile(
  path: string,
  expected: Buffer,
  options: { stallMs: number; signal?: AbortSignal },
): Promise<FileOutcome> {
  let size = sizeOf(path);
  let changed = performance.now();
  while (!options.signal?.aborted) {
    if (size !== undefined && size >= expected.length) break;
    if (performance.now() - changed > options.stallMs) break;
    await delay(POLL_MS);
    const now = sizeOf(path);
    if (now !== size) [size, changed] = [now, performance.now()];
  }
  if (size === undefined) return { state: 'missing' };
  if (size < expected.length) return { state: 'stalled', size };
  let actual: Buffer;
  try {
    actual = readFileSync(path);
  } catch {
    return { state: 'missing' };
  }
  if (actual.equals(expected)) return { state: 'identical', size: actual.length };
  let first = 0;
  while (first < actual.length && first < expected.length && actual[first] === expected[first]) first++;
  return { state: 'different', size: actual.length, firstDifference: first };
}
