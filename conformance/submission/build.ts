/**
 * Running a build tool (javac, make) as a child: output captured, killed with its whole process
 * group on timeout or abort, and the temporary directories builds happen in.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConformError } from '../errors.ts';
import { ownPrefix } from '../driver/owned-names.ts';

export type BuildOptions = {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
};

export type BuildResult = {
  /** Exit status, or null when ended by a signal. */
  readonly code: number | null;
  /** stdout and stderr interleaved as they arrived, cut at `OUTPUT_LIMIT` bytes. */
  readonly output: string;
  readonly timedOut: boolean;
};

// The first errors are what a person needs; a build that prints megabytes need not be kept whole.
const OUTPUT_LIMIT = 256 * 1024;

/** Runs a build command to completion. Rejects with the signal's reason when aborted (after the child is dead). */
export function runBuild(options: BuildOptions): Promise<BuildResult> {
  options.signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    // detached: the child leads its own process group, so kill(-pid) also reaches what it started
    // (make → cc → as, or a student's Makefile that runs something in the background).
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      if (size < OUTPUT_LIMIT) chunks.push(chunk.subarray(0, OUTPUT_LIMIT - size));
      size += chunk.length;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);

    let timedOut = false;
    let aborted = false;
    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // ESRCH: the group has already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      killGroup();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };

    child.on('error', (error) => {
      settle();
      reject(new ConformError('unstartable', `could not start ${options.command}: ${error.message}`));
    });
    // On exit, end whatever the build left running: a leftover holding our pipes would otherwise
    // keep 'close' from ever coming.
    child.on('exit', killGroup);
    child.on('close', (code) => {
      settle();
      if (aborted) reject(options.signal?.reason);
      else resolve({ code, output: Buffer.concat(chunks).toString('utf8'), timedOut });
    });
  });
}

/** The line of a build's output that best says what went wrong, and up to 10 lines from it on. */
export function summariseFailure(output: string): { line: string; details: string[] } {
  const lines = output.split(/\r?\n/).map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  let index = lines.findIndex((l) => /\berror\b/i.test(l));
  if (index < 0) index = lines.findIndex((l) => /^g?make(\[\d+\])?: \*\*\*/.test(l));
  if (index < 0) index = lines.length - 1;
  if (index < 0) return { line: '(it printed nothing)', details: [] };
  const from = Math.max(0, index - 2);
  return { line: lines[index].trim(), details: lines.slice(from, from + 10) };
}

/** A fresh directory for one build, under `root` (default: the OS temp dir). */
export function makeBuildDir(root: string = tmpdir()): Promise<string> {
  return mkdtemp(join(root, ownPrefix('build')));
}

/** Removes a build directory; safe to call twice. */
export function removeBuildDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** A cleanup function that removes `dir` once, however often it is called. */
export function cleanupOf(dir: string): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= removeBuildDir(dir));
}
