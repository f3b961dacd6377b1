/**
 * A sandbox for one ring: private network, PID and mount namespaces, a cgroup and resource limits.
 * Ports 12000–12255 are fixed by the protocol, so two rings can only run side by side when each
 * has its own loopback; ending the namespace's first process ends every process in it, however a
 * submission tried to escape (setsid, double fork); inside, only the ring's own directory is
 * writable.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readlink } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { processTree } from './ports.ts';
import { isAlive, listProcessIds } from './alive.ts';
import { inTurn } from './spawn-turns.ts';
import { createCgroup, DEFAULT_CGROUP_LIMITS, type Cgroup, type CgroupLimits } from './cgroup.ts';

export type Namespace = {
  /** Host PID of the namespace's init process; /proc/<pid>/net shows the namespace's sockets. */
  readonly initPid: number;
  /** Argument list that runs a command inside the namespace: `[...enter, program, ...args]`. */
  readonly enter: readonly string[];
  /** Put in front of the program itself (after any shell wrapper): resource limits. */
  readonly limit: readonly string[];
  /** Host PIDs of the processes in the PID namespace, but its init. */
  processes(): Promise<number[]>;
  /** Limits of the sandbox the processes ran into, in words. */
  limitsHit(): string[];
  /** How many processes the kernel killed for the cgroup's memory limit (0 without one). */
  memoryKills(): number;
  /** What walls this sandbox has, in words, for the report. */
  readonly walls: string;
  /** Ends every process in the namespace and the namespace itself. Safe to call twice. */
  close(): Promise<void>;
};

export type ProcessLimits = {
  readonly openFiles: number;
  readonly fileBytes: number;
  readonly cpuSeconds: number;
  /** Data (heap) of each process, applied only where no cgroup caps the ring's memory. */
  readonly dataBytes: number;
};

/**
 * Per-process limits: enough for any honest peer (a JVM, or 200 threads with 8 MiB stacks, which
 * count as data), a wall for one that opens, writes or allocates without end.
 */
export const DEFAULT_LIMITS: ProcessLimits = { openFiles: 1024, fileBytes: 256 * 1024 ** 2, cpuSeconds: 600, dataBytes: 2 * 1024 ** 3 };

const isRoot = process.getuid?.() === 0;
// Without root a user namespace maps us to root inside it (unshare -r) so we may create the others.
const unshareArgs = [...(isRoot ? [] : ['-r']), '--net', '--pid', '--fork', '--mount-proc', '--kill-child'];

// The namespaces' first process: it gives the PID namespace a pid_max of its own, leaves the
// submission a /dev without disks and a read-only machine but for the ring's directory, then
// waits on our pipe (see the script).
const INIT = fileURLToPath(new URL('./sandbox-init.sh', import.meta.url));

// What a submission keeps of root's powers: files (the mounts decide where it may write), signals
// and users; not mounts, devices, kernel settings, modules or raised limits.
const KEPT_CAPABILITIES = ['chown', 'dac_override', 'dac_read_search', 'fowner', 'fsetid', 'kill', 'setgid', 'setuid', 'net_bind_service'];
const DROP_CAPABILITIES = [
  'setpriv',
  `--bounding-set=-all,${KEPT_CAPABILITIES.map((c) => `+${c}`).join(',')}`,
  '--inh-caps=-all',
  '--no-new-privs',
  '--',
];

// PIDs below this are not handed out again once a namespace's PIDs wrap around.
const RESERVED_PIDS = 300;

/** The namespace's pid_max for a task limit: the cgroup, where there is one, refuses first. */
export function pidMaxFor(tasks: number): number {
  return tasks + RESERVED_PIDS + 100;
}

let probed: boolean | undefined;
let setprivProbed: Promise<boolean> | undefined;

/**
 * Whether util-linux's setpriv is here to drop capabilities; asked once per process, without
 * holding up the event loop (the first sandboxes are made while other rings may already run).
 */
function hasSetpriv(): Promise<boolean> {
  setprivProbed ??= new Promise((resolve) => execFile('setpriv', ['--version'], (error) => resolve(!error)));
  return setprivProbed;
}

/**
 * Whether this machine lets us create namespaces; asked once per process. `CONFORM_NAMESPACES=off`
 * answers no, for machines where they misbehave (and to test the way without them).
 */
export function hasNamespaces(): boolean {
  if (process.env.CONFORM_NAMESPACES === 'off') return false;
  if (probed === undefined) {
    const result = spawnSync('unshare', [...unshareArgs, 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore', timeout: 10_000 });
    probed = result.status === 0;
  }
  return probed;
}


// How long closing waits for the kernel to end a namespace's processes before it kills unshare and
// gives up: a process of the namespace whose parent outside it never reaps it (a machine whose PID 1
// reaps no orphans) holds the init for ever.
const CLOSE_MS = 10_000;

// Joins the cgroup (its cgroup.procs files come first, up to `--`), then runs the rest.
const JOIN = 'while [ "$1" != -- ]; do echo $$ > "$1" 2>/dev/null; shift; done; shift; exec "$@"';

/**
 * Creates a sandbox whose loopback is up and in which only `writable` (the ring's directory) may
 * be written. Rejects when the machine refuses namespaces.
 */
export async function createNamespace(
  options: { writable?: string; limits?: ProcessLimits; cgroup?: CgroupLimits } = {},
): Promise<Namespace> {
  const cgroup: Cgroup | undefined = createCgroup(options.cgroup);
  const tasks = (options.cgroup ?? DEFAULT_CGROUP_LIMITS).tasks;
  const holder: ChildProcess = await inTurn(() =>
    spawn('unshare', [...unshareArgs, 'sh', INIT, options.writable ?? '', String(pidMaxFor(tasks))], { stdio: ['pipe', 'pipe', 'pipe'] }),
  );
  let stderr = '';
  holder.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let pidMax = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      holder.stdout?.on('data', (chunk: Buffer) => {
        const ready = /ready (\d*)/.exec(chunk.toString());
        if (ready) {
          pidMax = Number(ready[1]);
          resolve();
        }
      });
      holder.once('exit', () => reject(new Error(`cannot create a network namespace: ${stderr.trim() || 'unshare exited'}`)));
      holder.once('error', reject);
    });
  } catch (error) {
    await cgroup?.close();
    throw error;
  }
  // unshare's one child is the namespace's init.
  const initPid: number | undefined = (await processTree(holder.pid!))[1];
  if (initPid === undefined) {
    holder.kill('SIGKILL');
    await cgroup?.close();
    throw new Error('cannot find the namespace init process');
  }
  // nsenter forks once more to enter the PID namespace (a program left outside it with --no-fork
  // could not start threads), then waits for the program and exits with its status; the program
  // shares nsenter's process group, so signalling the group reaches it.
  const userns = isRoot ? [] : ['-U', '--preserve-credentials'];
  const nsenter = ['nsenter', '-t', String(initPid), ...userns, '-n', '-p', '-m', '--'];
  const enter = cgroup ? ['sh', '-c', JOIN, 'join', ...cgroup.procsFiles, '--', ...nsenter] : nsenter;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const setpriv = await hasSetpriv();
  const limit = [
    'prlimit',
    `--nofile=${limits.openFiles}`,
    `--fsize=${limits.fileBytes}`,
    `--cpu=${limits.cpuSeconds}`,
    // The cgroup caps the memory of the whole ring; without it each process is capped alone.
    ...(cgroup?.capsMemory ? [] : [`--data=${limits.dataBytes}`]),
    '--core=0',
    '--',
    ...(setpriv ? DROP_CAPABILITIES : []),
  ];
  const pidNamespace = await linkOf(`/proc/${initPid}/ns/pid`);
  // Without a pids cgroup nothing counts refused forks: the peak number of tasks, sampled, tells.
  const pidWall = pidMax > 0 && pidMax <= pidMaxFor(tasks);
  const sampled = !cgroup?.capsTasks && pidWall;
  let peakTasks = 0;
  let sampling = false;
  const sample = async () => {
    if (sampling) return; // a slow /proc: the last look is not done yet
    sampling = true;
    peakTasks = Math.max(peakTasks, await tasksUnder(initPid));
    sampling = false;
  };
  const sampler = sampled ? setInterval(() => void sample(), 500).unref() : undefined;
  const walls = [
    cgroup?.walls ?? 'no cgroup',
    cgroup?.capsTasks ? '' : pidWall ? `tasks capped near ${tasks} by the PID namespace's pid_max` : 'tasks not capped',
    cgroup?.capsMemory ? '' : `memory capped at ${Math.round(limits.dataBytes / 1024 ** 2)} MiB per process`,
    isRoot && !setpriv ? "root's capabilities not dropped (no setpriv)" : '',
  ].filter(Boolean).join(', ');
  let closed: Promise<void> | undefined;
  return {
    initPid,
    enter,
    limit,
    walls,
    processes: async () => (pidNamespace ? (await inNamespace(pidNamespace)).filter((pid) => pid !== initPid) : []),
    limitsHit() {
      const hits = cgroup?.limitsHit() ?? [];
      // The sampler's peak, at most half a second old: a bomb at the wall stays there.
      if (sampled && peakTasks >= tasks) {
        hits.push(`the submission reached the sandbox's limit of about ${tasks} processes and threads at once (${peakTasks} seen)`);
      }
      return hits;
    },
    memoryKills: () => cgroup?.memoryKills() ?? 0,
    close() {
      clearInterval(sampler);
      closed ??= (async () => {
        if (holder.exitCode === null && holder.signalCode === null) {
          const exited = once(holder, 'exit');
          // Killing the init process makes the kernel kill everything else in the PID namespace,
          // but the init (a shell of conform's own) lingers until the last of them is reaped, which
          // takes seconds on a loaded machine. unshare exits once it has reaped the init: waiting
          // for unshare, not killing it, is waiting until nothing of the sandbox is left.
          try {
            process.kill(initPid, 'SIGKILL');
          } catch {}
          const timer = setTimeout(() => holder.kill('SIGKILL'), CLOSE_MS);
          await exited;
          clearTimeout(timer);
        }
        // Should unshare have had to be killed, the init may still be going.
        for (let attempt = 0; attempt < 500 && isAlive(initPid); attempt++) await delay(20);
        await cgroup?.close();
        // Without a cgroup to wait on, wait for the namespace's processes themselves to be gone
        // (a thousand of them take a while to die), so that none outlives conform.
        if (!cgroup && pidNamespace) await waitUntilGone(pidNamespace);
      })();
      return closed;
    },
  };
}

/** Tasks (threads of every process) in the namespace whose init is `initPid`, read from its own /proc. */
async function tasksUnder(initPid: number): Promise<number> {
  const proc = `/proc/${initPid}/root/proc`;
  const counts = await Promise.all(
    (await listProcessIds(proc).catch(() => [])).map((pid) => readdir(`${proc}/${pid}/task`).then((t) => t.length, () => 0)),
  );
  return counts.reduce((a, b) => a + b, 0);
}

async function linkOf(path: string): Promise<string | undefined> {
  try {
    return await readlink(path);
  } catch {
    return undefined;
  }
}

/** Host PIDs of the processes in the PID namespace `namespace` (`pid:[inode]`). */
async function inNamespace(namespace: string): Promise<number[]> {
  const pids = await listProcessIds();
  const links = await Promise.all(pids.map((pid) => linkOf(`/proc/${pid}/ns/pid`)));
  return pids.filter((_, i) => links[i] === namespace);
}

/** Resolves when no process of the PID namespace `namespace` is left, or after 10 s. */
async function waitUntilGone(namespace: string): Promise<void> {
  for (let attempt = 0; attempt < 500 && (await inNamespace(namespace)).length > 0; attempt++) await delay(20);
}
