/**
 * Whether the program can be started at all: the operating system refusing to run it (a bad
 * `#!` line, a binary for another machine, a missing interpreter) is "could not be started"
 * (exit status 3); a program that starts and then fails is graded like any other.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConformError } from '../errors.ts';
import { ownPrefix } from '../driver/owned-names.ts';
import { createNamespace, hasNamespaces } from '../driver/namespace.ts';

// The shell reports a failed exec with these statuses: 126 cannot execute, 127 not found.
const EXEC_FAILED = new Set([126, 127]);
// An exec that fails, fails at once; a program still running by then has started.
const GRACE_MS = 500;

/**
 * Starts `program` with an `init` command line, in an empty directory, with its ports on a base
 * no ring uses, and ends it after a moment; rejects only when it could not be executed.
 */
export async function probeStart(program: readonly string[], description: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), ownPrefix('run')));
  // In the sandbox where the machine has one: even half a second of a hostile program counts.
  const sandbox = hasNamespaces() ? await createNamespace({ writable: dir }) : undefined;
  try {
    const argv = [...(sandbox?.enter ?? []), 'sh', '-c', 'cd "$1" && shift && exec "$@"', 'sh', dir, ...program, 'init', '0', '1', '2', '1'];
    const child = spawn(argv[0], argv.slice(1), {
      detached: true,
      stdio: ['pipe', 'ignore', 'pipe'],
      env: { ...process.env, P2P_PORT_BASE: '40000' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), GRACE_MS);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {}
    if (exit !== null && EXEC_FAILED.has(exit)) {
      const first = stderr.trim().split('\n')[0] ?? '';
      throw new ConformError('unstartable', `could not start ${description}: ${first.replace(/^sh: \d+: /, '') || `exit status ${exit}`}`);
    }
  } finally {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
