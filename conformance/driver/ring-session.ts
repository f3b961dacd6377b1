/**
 * A ring session: a sandboxed ring of any peer program that a caller drives one step at a time —
 * start the ring, join, type, kill, wait for rows, files, ports or the ring to settle, read the
 * lines since a mark — and closes, leaving nothing behind. The runner, the reference peer's tests,
 * the ring benchmark and the fuzzer drive rings through it; only the driver touches processes,
 * sockets, /proc and the peers' files.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { basename, join } from 'node:path';
import type { Expectations } from '../protocol/expect.ts';
import { byRow } from '../protocol/expect.ts';
import type { Ring } from '../protocol/ring.ts';
import type { FileOutcome, Mark, PeerRecord, Unsettled } from '../history/history.ts';
import { createNamespace, type Namespace } from './namespace.ts';
import { detached, killMarked, markedProcesses } from './marked.ts';
import { ownPrefix } from './owned-names.ts';
import type { PeerProcess } from './peer-process.ts';
import type { BoundPorts } from './ports.ts';
import { RunningRing } from './ring.ts';
import type { LoopDelayWatch } from './loop-delay.ts';
import type { CgroupLimits } from './cgroup.ts';
import { observeRing, type Observation } from './observation.ts';
import { STDERR_KEEP } from './stderr-pipe.ts';
import type { Line, TranscriptLimits } from './transcript.ts';
import { waitForExit, waitForFile, waitForPorts, waitForRows } from './waits.ts';

export type SessionOptions = {
  /** argv prefix of the submission. */
  readonly program: readonly string[];
  /** PING_INTERVAL as typed on the command line. */
  readonly interval: string;
  readonly portBase: number;
  /** Run inside a fresh namespace (false where the machine has none). */
  readonly isolate: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly limits?: TranscriptLimits;
  readonly signal?: AbortSignal;
  /** What the sandbox's cgroup caps, where not the defaults (a benchmark's 256 peers need more). */
  readonly cgroup?: CgroupLimits;
};

const NO_SANDBOX = 'no sandbox: no namespaces, cgroup or resource limits';

/** How much of each peer's stderr a record keeps. */
const RECORD_STDERR = 64 * 1024;

export class RingSession {
  readonly ring: RunningRing;
  readonly options: SessionOptions;
  readonly #workdir: string;
  readonly #namespace: Namespace | undefined;
  #closed = false;

  private constructor(options: SessionOptions, workdir: string, namespace: Namespace | undefined) {
    this.options = options;
    this.#workdir = workdir;
    this.#namespace = namespace;
    this.ring = new RunningRing({
      program: options.program,
      interval: options.interval,
      workdir,
      namespace,
      env: { P2P_PORT_BASE: String(options.portBase), ...options.env },
      limits: options.limits,
    });
  }

  /** A fresh directory and sandbox; nothing runs yet. */
  static async open(options: SessionOptions): Promise<RingSession> {
    const workdir = mkdtempSync(join(tmpdir(), ownPrefix('run')));
    try {
      const namespace = options.isolate ? await createNamespace({ writable: workdir, cgroup: options.cgroup }) : undefined;
      return new RingSession(options, workdir, namespace);
    } catch (error) {
      rmSync(workdir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Argument list that runs a command inside the ring's sandbox (its network): `[...enter, program]`. */
  get enter(): readonly string[] {
    return this.#namespace?.enter ?? [];
  }

  /** The PID whose /proc/<pid>/net shows the ring's sockets. */
  get netPid(): number | undefined {
    return this.#namespace?.initPid;
  }

  /** The walls of the sandbox, in words. */
  get walls(): string {
    return this.#namespace?.walls ?? NO_SANDBOX;
  }

  clock(): number {
    return this.ring.clock();
  }

  peer(id: number): PeerProcess {
    return this.ring.peer(id);
  }

  isRunning(id: number): boolean {
    return this.ring.peers.get(id)?.isRunning ?? false;
  }

  // ---------------------------------------------------------------- files in the peers' directories

  #path(peer: number, name: string): string {
    return join(this.ring.dirOf(peer), name);
  }

  writeFile(peer: number, name: string, content: Buffer): void {
    writeFileSync(this.#path(peer, name), content);
  }

  readFile(peer: number, name: string): Buffer | undefined {
    try {
      return readFileSync(this.#path(peer, name));
    } catch {
      return undefined;
    }
  }

  listing(peer: number): string[] {
    try {
      return readdirSync(this.ring.dirOf(peer));
    } catch {
      return [];
    }
  }

  // ---------------------------------------------------------------- driving

  /** Starts every peer of `ring` with `init` (spec §2), together. */
  async startAll(ring: Ring): Promise<void> {
    await this.ring.startAll(ring);
  }

  async startJoin(id: number, known: number): Promise<void> {
    await this.ring.startJoin(id, known);
  }

  /** How fairly the ring was started and read so far (observation.ts). */
  observe(loop: LoopDelayWatch): Observation {
    return observeRing(this.ring, loop);
  }

  type(id: number, line: string): void {
    this.ring.peer(id).type(line);
  }

  /** SIGKILL, as `kill -9` (spec §3 step 5); resolves once the peer has exited. */
  async kill(id: number): Promise<void> {
    const peer = this.ring.peer(id);
    peer.signal('SIGKILL');
    await peer.exited;
  }

  async stop(id: number): Promise<void> {
    await this.ring.peer(id).stop();
  }

  // ---------------------------------------------------------------- reading

  /** Each running peer's next line number: the lines after it are "since" this moment. */
  mark(): Mark {
    return Object.fromEntries([...this.ring.peers].map(([id, peer]) => [String(id), peer.transcript.nextSeq]));
  }

  /** Each peer's lines since `from` (all of a peer that started after it). */
  linesSince(from: Mark): Map<number, Line[]> {
    return new Map([...this.ring.peers].map(([id, peer]) => [id, peer.transcript.linesFrom(from[String(id)] ?? 0)]));
  }

  /**
   * Calls `onLine` with every line each running peer printed since `from`, then with each new one,
   * until the returned function is called.
   */
  watch(from: Mark, onLine: (peer: number, line: Line) => void): () => void {
    const stops = [...this.ring.peers].map(([id, peer]) => {
      const start = from[String(id)] ?? 0;
      for (const line of peer.transcript.linesFrom(start)) onLine(id, line);
      return peer.transcript.onLine((line) => {
        if (line.seq >= start) onLine(id, line);
      });
    });
    return () => stops.forEach((stop) => stop());
  }

  // ---------------------------------------------------------------- waiting, with deadlines

  /**
   * Waits until every peer has printed its expected rows since `from` (each row of the spec's
   * table in order, the rows of one peer in any order), the deadline passes, or `decided` says a
   * line already printed has decided the check (a false line fails whatever follows).
   */
  async waitForRows(expectations: Expectations, from: Mark, timeoutMs: number, decided?: AbortSignal): Promise<void> {
    const signal = decided && this.options.signal ? AbortSignal.any([this.options.signal, decided]) : (decided ?? this.options.signal);
    await Promise.all(
      [...expectations].map(([id, rows]) => {
        const peer = this.ring.peers.get(id);
        if (!peer) return false;
        const options = { fromSeq: from[String(id)] ?? 0, timeoutMs, signal };
        return Promise.all(byRow(rows).map((row) => waitForRows(peer, row, options)));
      }),
    );
  }

  /**
   * Waits until no peer has printed a line that `counts` for `quietMs`, at most `timeoutMs`: the
   * end of an action whose check is already decided, so that the next one does not overlap it
   * (spec §4: one change at a time).
   */
  async waitQuiet(from: Mark, counts: (line: Line) => boolean, quietMs: number, timeoutMs: number): Promise<void> {
    const end = performance.now() + timeoutMs;
    let last = performance.now();
    const stop = this.watch(from, (_, line) => {
      if (counts(line)) last = performance.now();
    });
    try {
      while (!this.options.signal?.aborted) {
        const now = performance.now();
        const wait = Math.min(last + quietMs, end) - now;
        if (wait <= 0) return;
        await delay(Math.ceil(wait), undefined, this.options.signal ? { signal: this.options.signal } : undefined).catch(() => undefined);
      }
    } finally {
      stop();
    }
  }

  /** Waits for the ring's pings to be seen reaching every successor (spec §4); what was not. */
  async waitSettled(model: Ring, timeoutMs: number, from: Mark): Promise<Unsettled> {
    const fromSeqs = new Map(Object.entries(from).map(([id, seq]) => [Number(id), seq]));
    const missing = await this.ring.waitSettled(model, timeoutMs, fromSeqs, this.options.signal);
    return [...missing];
  }

  waitForLine(id: number, test: (line: Line) => boolean, from: Mark, timeoutMs: number): Promise<Line | undefined> {
    return this.ring.peer(id).waitForLine(test, { fromSeq: from[String(id)] ?? 0, timeoutMs, signal: this.options.signal });
  }

  /** Waits until peer `id`'s processes hold UDP and TCP `port`; what they hold at the end. */
  waitForPorts(id: number, port: number, timeoutMs: number): Promise<BoundPorts> {
    return waitForPorts(this.ring.peer(id), port, { netPid: this.#namespace?.initPid, timeoutMs, signal: this.options.signal });
  }

  /** Waits for `name` in peer `id`'s directory to hold `expected`, judging by progress (spec §4). */
  waitForFile(id: number, name: string, expected: Buffer, stallMs: number): Promise<FileOutcome> {
    return waitForFile(this.#path(id, name), expected, { stallMs, signal: this.options.signal });
  }

  waitForExit(id: number, timeoutMs: number): Promise<boolean> {
    return waitForExit(this.ring.peer(id), { timeoutMs, signal: this.options.signal });
  }

  // ---------------------------------------------------------------- the sandbox

  /** How many processes the kernel killed at the sandbox's memory limit (0 without one). */
  memoryKills(): number {
    return this.#namespace?.memoryKills() ?? 0;
  }

  /** Every peer ever started, as data. */
  records(): PeerRecord[] {
    return this.ring.history.map((peer) => ({
      peer: peer.id,
      command: peer.command.join(' '),
      startedAt: peer.startedAt,
      ...(peer.firstLineAt !== undefined ? { firstLineAt: peer.firstLineAt } : {}),
      lines: peer.transcript.lines(),
      cut: peer.transcript.cut,
      stderr: peer.stderrTail(RECORD_STDERR),
      stderrCut: peer.stderrCut,
      ...(peer.exit ? { exit: peer.exit } : {}),
    }));
  }

  /**
   * Stops every peer, ends the sandbox and removes the ring's directory. Returns what a person
   * should know: limits the submission ran into, processes it left behind, output that was cut.
   * Safe to call twice.
   */
  async close(): Promise<string[]> {
    if (this.#closed) return [];
    this.#closed = true;
    const notes: string[] = [];
    try {
      // Read while the ring still runs: without a cgroup the count of live tasks is the evidence.
      for (const hit of this.#namespace?.limitsHit() ?? []) notes.push(`${hit} (the scenario went on within the limit)`);
      await this.ring.stopAll(300);
      const candidates = this.#namespace ? await this.#namespace.processes() : await markedProcesses((ring) => ring === basename(this.#workdir));
      const strays = detached(candidates, new Set(this.ring.history.map((peer) => peer.pid))).length;
      if (strays) {
        notes.push(`${strays} process${strays > 1 ? 'es' : ''} that the submission started outlived ${strays > 1 ? 'their' : 'its'} peer (detached from its terminal, e.g. with setsid): conform killed ${strays > 1 ? 'them' : 'it'}`);
      }
      for (const peer of this.ring.history) {
        const { lines, chars } = peer.transcript.cut;
        if (lines || chars) {
          notes.push(`peer ${peer.id} printed so much that ${lines} lines and ${chars} characters of overlong lines were left out of its transcript (spec §4: output per peer is capped)`);
        }
        if (peer.stderrCut) {
          notes.push(`peer ${peer.id} wrote so much to stderr that its first ${(peer.stderrCut / 1024 ** 2).toFixed(1)} MiB were dropped; its last ${STDERR_KEEP / 1024} KiB are kept`);
        }
      }
      return notes;
    } finally {
      await this.ring.stopAll(300);
      await this.#namespace?.close();
      // Without a namespace, what still carries the ring's mark is ended by PID (see marked.ts).
      if (!this.#namespace) await killMarked((ring) => ring === basename(this.#workdir));
      rmSync(this.#workdir, { recursive: true, force: true });
    }
  }
}
