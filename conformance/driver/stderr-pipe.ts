/**
 * A peer's stderr: a FIFO in the ring's directory that conform reads as the peer writes, keeping
 * only the last bytes in memory. Unlike a file, a pipe cannot fill the disk however long a program
 * writes (a stack trace printed in a loop), and a program that writes faster than conform reads
 * waits, as it would on a terminal.
 */
import { execFile } from 'node:child_process';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { promisify } from 'node:util';
import { inTurn } from './spawn-turns.ts';

const run = promisify(execFile);

/**
 * Makes a FIFO (mode 600) at each of `paths`, replacing what is there (a peer that left and joins
 * again). Node has no mkfifo: one `mkfifo` for them all, asynchronously, so that a loaded machine,
 * where starting a process takes hundreds of milliseconds, does not hold up the event loop.
 */
export async function makeFifos(paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  await Promise.all(paths.map((path) => rm(path, { force: true })));
  try {
    // In its turn: starting mkfifo forks conform (see spawn-turns.ts).
    await inTurn(() => run('mkfifo', ['-m', '600', '--', ...paths], { encoding: 'utf8' }));
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`cannot create a pipe for a peer's stderr at ${paths.join(', ')}: ${e.stderr?.trim() || e.message}`);
  }
}

/** What is kept of a peer's stderr: its end, where a crash tells why. */
export const STDERR_KEEP = 256 * 1024;
// Past its first MiB, a peer's stderr is read at most this fast (bytes per 100 ms), like a slow
// terminal: a flood then waits on its own writes instead of taking conform's time.
const FREE_BYTES = 1024 ** 2;
const WINDOW_MS = 100;
const WINDOW_BYTES = 256 * 1024;
// What one look at the pipe takes in at most, so that a writer as fast as the reader cannot hold it.
const DRAIN_BYTES = 1024 ** 2;

export class StderrPipe {
  readonly path: string;
  readonly #fd: number;
  readonly #socket: Socket;
  #chunks: Buffer[] = [];
  #held = 0;
  #total = 0;
  #closed = false;
  #windowStart = performance.now();
  #windowBytes = 0;

  /** A pipe on a FIFO at `path` made beforehand (see makeFifos). */
  constructor(path: string) {
    this.path = path;
    // Open for reading and writing: a FIFO read while no writer has it open ends at once, and the
    // peer opens it only once it has started.
    this.#fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
    if (!fstatSync(this.#fd).isFIFO()) {
      closeSync(this.#fd);
      throw new Error(`cannot read a peer's stderr from ${path}: it is not a FIFO; make it with makeFifos first`);
    }
    this.#socket = new Socket({ fd: this.#fd, readable: true, writable: false });
    this.#socket.on('data', (chunk: Buffer) => {
      this.#keep(chunk);
      this.#throttle(chunk.length);
    });
    this.#socket.on('error', () => {});
  }

  /** Makes the FIFO at `path` and reads it. */
  static async create(path: string): Promise<StderrPipe> {
    await makeFifos([path]);
    return new StderrPipe(path);
  }

  /** Bytes written but no longer kept. */
  get cut(): number {
    return this.#total - this.#held;
  }

  #keep(chunk: Buffer): void {
    this.#total += chunk.length;
    this.#chunks.push(chunk);
    this.#held += chunk.length;
    while (this.#chunks.length > 1 && this.#held - this.#chunks[0].length >= STDERR_KEEP) {
      this.#held -= this.#chunks.shift()!.length;
    }
  }

  #throttle(bytes: number): void {
    const now = performance.now();
    if (now - this.#windowStart >= WINDOW_MS) {
      this.#windowStart = now;
      this.#windowBytes = 0;
    }
    this.#windowBytes += bytes;
    if (this.#total <= FREE_BYTES || this.#windowBytes < WINDOW_BYTES) return;
    this.#socket.pause();
    setTimeout(() => {
      this.#windowStart = performance.now();
      this.#windowBytes = 0;
      if (!this.#closed) this.#socket.resume();
    }, Math.max(0, this.#windowStart + WINDOW_MS - now)).unref();
  }

  /** Takes in what the pipe holds right now: the last words of a program that has just exited. */
  #drain(): void {
    if (this.#closed) return;
    const buffer = Buffer.alloc(64 * 1024);
    for (let taken = 0; taken < DRAIN_BYTES; ) {
      let n = 0;
      try {
        n = readSync(this.#fd, buffer, 0, buffer.length, null);
      } catch {
        return; // EAGAIN: nothing more for now
      }
      if (n === 0) return;
      taken += n;
      this.#keep(Buffer.from(buffer.subarray(0, n)));
    }
  }

  /** The last `bytes` of what was written, as lines. */
  tail(bytes = 4096): string[] {
    this.#drain();
    const all = Buffer.concat(this.#chunks);
    const text = all.subarray(Math.max(0, all.length - bytes));
    const lines = text.toString('utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
    // The first line is cut when more came before it.
    return this.#total > text.length ? lines.slice(1) : lines;
  }

  /** Reads what is left and stops reading; what was kept stays readable. */
  close(): void {
    this.#drain();
    this.#closed = true;
    this.#socket.destroy();
  }
}
