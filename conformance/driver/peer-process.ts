/**
 * One running peer program on its own pseudo-terminal. A terminal is what the assignment's xterm
 * gave every peer: C's stdio and Python's print flush each line on a tty and buffer whole blocks
 * on a pipe (spec §4), so a pipe would fail correct programs. stdout arrives on the pty; stderr
 * goes to a pipe of its own so that a crash's traceback can be quoted apart from the protocol.
 */
import { spawn, type IPty } from '@lydell/node-pty';
import { Transcript, type Line, type TranscriptLimits } from './transcript.ts';
import { mayHoldEvent } from '../protocol/matcher.ts';
import { makeFifos, StderrPipe } from './stderr-pipe.ts';
import { descendantsNow, statOf } from './alive.ts';

export type PeerProcessOptions = {
  /** The peer's ID, for messages. */
  readonly id: number;
  /** Program and arguments, e.g. `['python3', 'p2p.py', 'init', '2', '4', '5', '1']`. */
  readonly command: readonly string[];
  readonly cwd: string;
  /** The FIFO the peer's stderr goes to, made beforehand (see stderr-pipe.ts's makeFifos). */
  readonly stderrPath: string;
  /** Prefix that runs a command inside the ring's namespace (see namespace.ts); empty for none. */
  readonly enter?: readonly string[];
  /** Prefix that puts resource limits on the program itself (see namespace.ts). */
  readonly limit?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Milliseconds since the run started, shared by all peers of a run. */
  readonly clock: () => number;
  readonly limits?: TranscriptLimits;
  /**
   * The seq of its first line. A peer ID started again (a join after a Quit or kill of the same
   * ID) numbers its lines on from its last process, so that a mark taken before it started (a
   * line count per ID) lets all of the new process's lines through.
   */
  readonly firstSeq?: number;
};

export type Exit = { readonly code: number; readonly signal: number; readonly at: number };

// Turn terminal echo off so typed commands do not come back as output, go to the peer's directory
// (entering a mount namespace moves a process to its root), then become the program.
const WRAPPER = 'stty -echo 2>/dev/null; cd "$1" || exit 126; f=$2; shift 2; exec "$@" 2>"$f"';

/** Minimal environment: what a student's shell would have, without this machine's quirks. */
export function peerEnvironment(extra: Readonly<Record<string, string | undefined>> = {}): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'JAVA_HOME', 'PYENV_ROOT', 'PYENV_VERSION', 'USER', 'TMPDIR'];
  const env: Record<string, string> = { TERM: 'xterm' };
  for (const name of keep) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export class PeerProcess {
  readonly id: number;
  /** The program and its arguments, as started. */
  readonly command: readonly string[];
  readonly transcript: Transcript;
  readonly stderrPath: string;
  readonly #pty: IPty;
  readonly #clock: () => number;
  #exit: Exit | undefined;
  readonly exited: Promise<Exit>;
  readonly #stderr: StderrPipe;
  /** Whether the program runs through a namespace's entry (nsenter) rather than directly. */
  readonly #entered: boolean;
  /** Run-clock ms when the peer's process was spawned. */
  readonly startedAt: number;
  #firstLineAt: number | undefined;

  /** Spawns the peer at once; its stderr FIFO must exist (see `PeerProcess.start`). */
  constructor(options: PeerProcessOptions) {
    this.id = options.id;
    this.command = options.command;
    this.#clock = options.clock;
    this.stderrPath = options.stderrPath;
    this.#entered = (options.enter?.length ?? 0) > 0;
    this.transcript = new Transcript(options.clock, options.limits, mayHoldEvent, options.firstSeq);
    const stopFirst = this.transcript.onLine((line) => {
      this.#firstLineAt = line.at;
      stopFirst();
    });
    this.#stderr = new StderrPipe(options.stderrPath);
    const argv = [
      ...(options.enter ?? []),
      ...['sh', '-c', WRAPPER, 'sh', options.cwd, options.stderrPath],
      ...(options.limit ?? []),
      ...options.command,
    ];
    this.startedAt = options.clock();
    this.#pty = spawn(argv[0], argv.slice(1), {
      name: 'xterm',
      cols: 1000,
      rows: 50,
      cwd: options.cwd,
      env: options.env ?? peerEnvironment(),
    });
    this.#pty.onData((data) => this.transcript.feed(data));
    this.exited = new Promise((resolve) => {
      this.#pty.onExit(({ exitCode, signal }) => {
        this.#stderr.close();
        this.transcript.end();
        this.#exit = { code: exitCode, signal: signal ?? 0, at: this.#clock() };
        resolve(this.#exit);
      });
    });
  }

  /** Makes the peer's stderr FIFO, then spawns it. */
  static async start(options: PeerProcessOptions): Promise<PeerProcess> {
    await makeFifos([options.stderrPath]);
    return new PeerProcess(options);
  }

  /** Run-clock ms of the peer's first line; undefined while it has printed none. */
  get firstLineAt(): number | undefined {
    return this.#firstLineAt;
  }

  /** PID of the process on the terminal: the process group leader of everything the peer starts. */
  get pid(): number {
    return this.#pty.pid;
  }

  get exit(): Exit | undefined {
    return this.#exit;
  }

  get isRunning(): boolean {
    return this.#exit === undefined;
  }

  /** Types a line at the peer's terminal, as a person would. */
  type(line: string): void {
    if (this.isRunning) this.#pty.write(`${line}\r`);
  }

  /** Signals the peer's whole process group (the program and any children it did not detach). */
  signal(signal: NodeJS.Signals): void {
    if (!this.isRunning) return;
    // Through a namespace the terminal's process is nsenter, outside it, and the program its child
    // inside. Killed with the group, nsenter would die first and leave the program to be reaped by
    // the machine's PID 1, slow on a loaded machine, and the namespace cannot end before (see
    // namespace.ts's close). So the members of the group below nsenter (the program and what it
    // started without detaching) get the signal, and nsenter exits with the program's status.
    const group = this.#pty.pid; // the terminal's process leads its session and group
    const inside = this.#entered ? descendantsNow(group).filter((pid) => statOf(pid)?.pgrp === group) : [];
    if (inside.length > 0) {
      for (const pid of inside) {
        try {
          process.kill(pid, signal);
        } catch {}
      }
      return;
    }
    try {
      process.kill(-this.#pty.pid, signal);
    } catch {
      try {
        process.kill(this.#pty.pid, signal);
      } catch {}
    }
  }

  /**
   * Waits for the first line from `fromSeq` on that satisfies `test`; `undefined` at the deadline,
   * when the run is aborted, or once the peer has exited.
   */
  waitForLine(
    test: (line: Line) => boolean,
    options: { timeoutMs: number; fromSeq?: number; signal?: AbortSignal },
  ): Promise<Line | undefined> {
    const from = options.fromSeq ?? 0;
    const seen = this.transcript.linesFrom(from).find(test);
    // A peer that has exited prints nothing more (its last line came before the exit).
    if (seen || options.signal?.aborted || !this.isRunning) return Promise.resolve(seen);
    return new Promise((resolve) => {
      let done = false;
      const stop = this.transcript.onLine((line) => {
        if (line.seq >= from && test(line)) finish(line);
      });
      // At the deadline, or at the exit, first read what the terminal already holds: after the event
      // loop was held up (a loaded machine), timers run before pending output is read, and a line
      // printed in time would be judged missing.
      const lastLook = () => setImmediate(() => finish(undefined));
      // The event loop's clock counts whole milliseconds, so a timer can fire up to one early by the
      // real clock: wait out the rest.
      const deadline = performance.now() + options.timeoutMs;
      const atDeadline = () => {
        const left = deadline - performance.now();
        if (left > 0) timer = setTimeout(atDeadline, Math.ceil(left));
        else lastLook();
      };
      let timer = setTimeout(atDeadline, options.timeoutMs);
      const abort = () => finish(undefined);
      options.signal?.addEventListener('abort', abort, { once: true });
      void this.exited.then(lastLook);
      const finish = (line: Line | undefined) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        stop();
        options.signal?.removeEventListener('abort', abort);
        resolve(line);
      };
    });
  }

  /** Bytes of stderr no longer kept (only its end is). */
  get stderrCut(): number {
    return this.#stderr.cut;
  }

  /** The last `bytes` of what the peer wrote to stderr, as lines. */
  stderrTail(bytes = 4096): string[] {
    return this.#stderr.tail(bytes);
  }

  /** Ends the peer: SIGTERM, then SIGKILL after `graceMs`. Resolves when it has exited. */
  async stop(graceMs = 1000): Promise<Exit> {
    if (this.isRunning) {
      this.signal('SIGTERM');
      const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    return this.exited;
  }
}
