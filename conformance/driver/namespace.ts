/**
 * A private network and PID namespace for one ring. Ports 12000–12255 are fixed by the protocol,
 * so two rings can only run side by side when each has its own loopback; ending the namespace's
 * first process ends every process in it, however a submission tried to escape (setsid, fork).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';

export type Namespace = {
  /** Host PID of the namespace's init process; /proc/<pid>/net shows the namespace's sockets. */
  readonly initPid: number;
  /** Argument list that runs a command inside the namespace: `[...enter, program, ...args]`. */
  readonly enter: readonly string[];
  /** Ends every process in the namespace and the namespace itself. Safe to call twice. */
  close(): Promise<void>;
};

const isRoot = process.getuid?.() === 0;
// Without root a user namespace maps us to root inside it (unshare -r) so we may create the others.
const unshareArgs = [...(isRoot ? [] : ['-r']), '--net', '--pid', '--fork', '--mount-proc', '--kill-child'];

let probed: boolean | undefined;

/** Whether this machine lets us create namespaces; asked once per process. */
export function hasNamespaces(): boolean {
  if (probed === undefined) {
    const result = spawnSync('unshare', [...unshareArgs, 'sh', '-c', 'ip link set lo up'], {
      stdio: 'ignore',
      timeout: 10_000,
    });
    probed = result.status === 0;
  }
  return probed;
}

function childPidOf(pid: number): number | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    const first = text.split(/\s+/)[0];
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}

/** Creates a namespace whose loopback is up. Rejects when the machine refuses namespaces. */
export async function createNamespace(): Promise<Namespace> {
  const holder: ChildProcess = spawn(
    'unshare',
    // The init process waits on our pipe: should conform itself die, the pipe closes, init exits
    // and the kernel ends every process in the namespace.
    [...unshareArgs, 'sh', '-c', 'ip link set lo up && echo ready && read _'],
    { stdio: ['pipe', 'pipe', 'pipe'], detached: false },
  );
  let stderr = '';
  holder.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    holder.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    holder.once('exit', () => reject(new Error(`cannot create a network namespace: ${stderr.trim() || 'unshare exited'}`)));
    holder.once('error', reject);
  });
  await ready;
  const initPid = childPidOf(holder.pid!);
  if (initPid === undefined) {
    holder.kill('SIGKILL');
    throw new Error('cannot find the namespace init process');
  }
  // nsenter forks once more to enter the PID namespace (a program left outside it with --no-fork
  // could not start threads), then waits for the program and exits with its status; the program
  // shares nsenter's process group, so signalling the group reaches it.
  const userns = isRoot ? [] : ['-U', '--preserve-credentials'];
  const enter = ['nsenter', '-t', String(initPid), ...userns, '-n', '-p', '--'];
  let closed: Promise<void> | undefined;
  return {
    initPid,
    enter,
    close() {
      closed ??= (async () => {
        if (holder.exitCode !== null || holder.signalCode !== null) return;
        const exited = once(holder, 'exit');
        // Killing the init process makes the kernel kill everything else in the PID namespace.
        try {
          process.kill(initPid, 'SIGKILL');
        } catch {}
        holder.kill('SIGKILL');
        await exited;
      })();
      return closed;
    },
  };
}
