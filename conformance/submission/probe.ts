/**
 * Whether the program can be started at all: the operating system refusing to run it (a bad
 * `#!` line, a binary for another machine, a missing interpreter) is "could not be started"
 * (exit status 3); a program that starts and then fails is graded like any other.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ConformError } from '../errors.ts';
import { ownPrefix } from '../driver/owned-names.ts';
import { createNamespace, hasNamespaces } from '../driver/namespace.ts';
import { killMarked, MARK } from '../driver/marked.ts';
import { findOnPath } from './command.ts';

// The shell reports a failed exec with these statuses: 126 cannot execute, 127 not found.
const EXEC_FAILED = new Set([126, 127]);
// Said on stderr just before the program's exec: a sandbox slow to start on a loaded machine
// then cannot pass for a program that started.
const EXEC_MARK = 'conform-probe: exec';
// An exec that fails, fails at once after the mark; a program still running by then has started.
const GRACE_MS = 1000;
// How long the sandbox may take to come to the exec.
const SETUP_MS = 30_000;

/**
 * Starts `program` with an `init` command line, in an empty directory, with its ports on a base
 * no ring uses, and ends it after a moment; rejects only when it could not be executed.
 */
export async function probeStart(program: readonly string[], description: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), ownPrefix('run')));
  // In the sandbox, with its limits, where the machine has one: even half a second of a hostile
  // program counts.
  const sandbox = hasNamespaces() ? await createNamespace({ writable: dir }) : undefined;
  try {
    const argv = [
      ...(sandbox?.enter ?? []),
      ...['sh', '-c', 'cd "$1" && shift && exec "$@"', 'sh', dir],
      ...(sandbox?.limit ?? []),
      ...['sh', '-c', `echo '${EXEC_MARK}' >&2; exec "$@"`, 'sh'],
      ...program,
      ...['init', '0', '1', '2', '1'],
    ];
    const child = spawn(argv[0], argv.slice(1), {
      detached: true,
      stdio: ['pipe', 'ignore', 'pipe'],
      env: { ...process.env, P2P_PORT_BASE: '40000', [MARK]: basename(dir) },
    });
    let stderr = '';
    // The start of stderr says why an exec failed; a program flooding it must not fill our memory.
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString();
    });
    const exit = await new Promise<number | null>((resolve) => {
      let timer = setTimeout(() => resolve(null), SETUP_MS);
      const onMark = () => {
        if (!stderr.includes(EXEC_MARK)) return;
        child.stderr.off('data', onMark);
        clearTimeout(timer);
        timer = setTimeout(() => resolve(null), GRACE_MS);
      };
      child.stderr.on('data', onMark);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    // In a sandbox, closing it ends the program, and nsenter then reaps it and exits: killed first,
    // nsenter would leave the program to the machine's PID 1, and the sandbox could not end before
    // that had reaped it (see namespace.ts's close).
    if (sandbox) await sandbox.close();
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {}
    if (exit !== null && EXEC_FAILED.has(exit)) {
      throw new ConformError('unstartable', `could not start ${description}: ${whyUnstartable(program[0], after(stderr, EXEC_MARK), exit)}`);
    }
  } finally {
    await sandbox?.close();
    // Without a sandbox, what the program detached is found by its mark (see marked.ts).
    if (!sandbox) await killMarked((ring) => ring === basename(dir));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What `text` says after `mark`, or all of it when the mark never came. */
function after(text: string, mark: string): string {
  const at = text.indexOf(mark);
  return (at < 0 ? text : text.slice(at + mark.length)).trim();
}

/** Why the system refused to run `file`, in words: a missing `#!` interpreter is named. */
export function whyUnstartable(file: string, stderr: string, exit: number): string {
  const head = headOf(file);
  // An ELF file for another machine, or cut short (execvp then hands it to sh, whose complaint
  // would mislead).
  if (head.startsWith('\x7fELF') && (head.length < 20 || head.charCodeAt(18) + 256 * head.charCodeAt(19) !== ELF_MACHINE[process.arch])) {
    return 'Exec format error (not a program for this machine)';
  }
  const words = head.startsWith('#!') ? head.slice(2).split('\n')[0].trim().split(/\s+/).filter(Boolean) : [];
  if (words.length) {
    // `#!/usr/bin/env python9` names its interpreter in the second word, found on the PATH.
    const viaEnv = basename(words[0]) === 'env' && words.length > 1;
    const name = viaEnv ? words.find((w, i) => i > 0 && !w.startsWith('-')) : words[0];
    if (name && (viaEnv ? !findOnPath(name) : !existsSync(name))) {
      return `its #! line names ${name}, which ${viaEnv ? 'is not on the PATH of' : 'does not exist on'} this machine`;
    }
  }
  // "sh: 1: exec: x: not found", "setpriv: failed to execute x: Exec format error": the last part.
  const first = stderr.trim().split('\n')[0] ?? '';
  return /: ([^:]+)$/.exec(first)?.[1].trim() || first || `exit status ${exit}`;
}

// e_machine of the ELF header for the machines Node runs on.
const ELF_MACHINE: Record<string, number> = { x64: 62, arm64: 183, ia32: 3, arm: 40, ppc64: 21, s390x: 22, riscv64: 243, loong64: 258 };

/** The first 256 bytes of `file` as latin1 ('' when it cannot be read). */
function headOf(file: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(256);
    return buffer.toString('latin1', 0, readSync(fd, buffer, 0, 256, 0));
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
