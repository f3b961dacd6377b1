/**
 * A running ring of peer programs: each peer on its own terminal, in its own working directory,
 * all inside one namespace. Only this module and peer-process.ts start processes.
 */
import { mkdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { trackSettlement } from '../protocol/settlement.ts';
import { successorsOf, type Ring } from '../protocol/ring.ts';
import { PeerProcess, peerEnvironment } from './peer-process.ts';
import { makeFifos } from './stderr-pipe.ts';
import { inTurn, inTurns } from './spawn-turns.ts';
import type { Namespace } from './namespace.ts';
import { MARK } from './marked.ts';
import type { Line, TranscriptLimits } from './transcript.ts';

export type RingOptions = {
  /** The program and its fixed arguments; the assignment's arguments are appended. */
  readonly program: readonly string[];
  /** PING_INTERVAL as given on the command line, e.g. `'1'` or `'0.2'`. */
  readonly interval: string;
  /** A fresh directory; each peer gets `peer-<id>/` inside it. */
  readonly workdir: string;
  readonly namespace?: Namespace;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly limits?: TranscriptLimits;
  /** Shared run clock in milliseconds. */
  readonly clock?: () => number;
};

export class RunningRing {
  readonly peers = new Map<number, PeerProcess>();
  /** Every peer ever started, including those that have left, in start order. */
  readonly history: PeerProcess[] = [];
  readonly options: RingOptions;
  readonly clock: () => number;
  /** The peers the last `startAll` started together. */
  #together: readonly PeerProcess[] = [];

  constructor(options: RingOptions) {
    this.options = options;
    const start = performance.now();
    this.clock = options.clock ?? (() => Math.round(performance.now() - start));
  }

  /** The working directory of peer `id`, created on first use. */
  dirOf(id: number): string {
    const dir = this.#dirPath(id);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  #dirPath(id: number): string {
    return join(this.options.workdir, `peer-${id}`);
  }

  #tmpPath(): string {
    return join(this.options.workdir, 'tmp');
  }

  #stderrPath(id: number): string {
    return join(this.options.workdir, `peer-${id}.stderr`);
  }

  /**
   * Everything the peers `ids` need before they start, without holding up the event loop: their
   * directories and their stderr FIFOs (one `mkfifo` for all; see stderr-pipe.ts).
   */
  async #prepare(ids: readonly number[]): Promise<void> {
    for (const id of ids) if (this.peers.get(id)?.isRunning) throw new Error(`peer ${id} is already running`);
    const dirs = [this.#tmpPath(), ...ids.map((id) => this.#dirPath(id))];
    await Promise.all(dirs.map((dir) => mkdir(dir, { recursive: true })));
    await makeFifos(ids.map((id) => this.#stderrPath(id)));
  }

  /** Spawns a prepared peer: nothing here waits on the disk or on another process. */
  #spawn(id: number, args: string[]): PeerProcess {
    const previous = this.peers.get(id);
    if (previous?.isRunning) throw new Error(`peer ${id} is already running`);
    const peer = new PeerProcess({
      firstSeq: previous?.transcript.nextSeq ?? 0,
      id,
      command: [...this.options.program, ...args],
      cwd: this.#dirPath(id),
      stderrPath: this.#stderrPath(id),
      enter: this.options.namespace?.enter,
      limit: this.options.namespace?.limit,
      env: peerEnvironment({ TMPDIR: this.#tmpPath(), [MARK]: basename(this.options.workdir), ...this.options.env }),
      clock: this.clock,
      limits: this.options.limits,
    });
    this.peers.set(id, peer);
    this.history.push(peer);
    return peer;
  }

  #initArgs(id: number, s1: number, s2: number): string[] {
    return ['init', String(id), String(s1), String(s2), this.options.interval];
  }

  /** `<program> init <id> <s1> <s2> <interval>` (spec §1). */
  async startInit(id: number, s1: number, s2: number): Promise<PeerProcess> {
    await this.#prepare([id]);
    return inTurn(() => this.#spawn(id, this.#initArgs(id, s1, s2)));
  }

  /** `<program> join <id> <known> <interval>` (spec §1). */
  async startJoin(id: number, known: number): Promise<PeerProcess> {
    await this.#prepare([id]);
    return inTurn(() => this.#spawn(id, ['join', String(id), String(known), this.options.interval]));
  }

  /**
   * Starts every peer of `ring` with `init` and its two successors, in ID order (spec §2): all is
   * prepared first, then the peers are spawned one after the other in this ring's turn (only a
   * turn of the event loop between two), so that they start together as they would by hand, and
   * none has long to wait for a successor that is not up.
   */
  async startAll(ring: Ring): Promise<PeerProcess[]> {
    await this.#prepare(ring);
    this.#together = await inTurns(
      ring.map((id) => () => {
        const [s1, s2] = successorsOf(ring, id);
        return this.#spawn(id, this.#initArgs(id, s1, s2));
      }),
    );
    return [...this.#together];
  }

  /** How far apart the peers of the last `startAll` started (last start minus first, ms). */
  startSpread(): number {
    if (this.#together.length < 2) return 0;
    const starts = this.#together.map((p) => p.startedAt);
    return Math.max(...starts) - Math.min(...starts);
  }

  peer(id: number): PeerProcess {
    const peer = this.peers.get(id);
    if (!peer) throw new Error(`peer ${id} was never started`);
    return peer;
  }

  /**
   * Waits until the pings of every peer of `ring` are seen to reach both its successors (spec §4;
   * either side's line shows it, see protocol/settlement.ts) since `fromSeqs` (default: since
   * start), or the deadline passes. Returns the peers that were not, each with the successors its
   * pings were not seen to reach.
   */
  async waitSettled(
    ring: Ring,
    timeoutMs: number,
    fromSeqs?: ReadonlyMap<number, number>,
    signal?: AbortSignal,
  ): Promise<Map<number, number[]>> {
    const settlement = trackSettlement(ring);
    const end = performance.now() + timeoutMs;
    // Every peer waits until `done` holds; the line that makes it hold may come from any peer.
    const waitAll = async (done: () => boolean, ms: number) => {
      const decided = new AbortController();
      const both = signal ? AbortSignal.any([signal, decided.signal]) : decided.signal;
      await Promise.all(
        ring.map(async (id) => {
          const peer = this.peers.get(id);
          if (!peer) return;
          const line = await peer.waitForLine((l) => (settlement.add(id, l.text), done()), { timeoutMs: ms, fromSeq: fromSeqs?.get(id) ?? 0, signal: both });
          if (line) decided.abort();
        }),
      );
    };
    await waitAll(settlement.isSettled, timeoutMs);
    // Seen only from a successor's side, a ping's answer is still on its way to a peer that would
    // not count a successor dead before it has answered once (the reference peer's rule, and a
    // fair one): a change then would find that peer unready. So give the answers two intervals.
    if (settlement.isSettled() && !settlement.isAnswered() && !signal?.aborted) {
      const answersMs = Math.min(Math.max(0, end - performance.now()), 2 * Number(this.options.interval) * 1000 + 500);
      await waitAll(settlement.isAnswered, answersMs);
    }
    return settlement.missing();
  }

  /** Ends every peer still running: SIGTERM, then SIGKILL. */
  async stopAll(graceMs = 500): Promise<void> {
    await Promise.all(this.history.map((peer) => peer.stop(graceMs)));
  }
}
