/**
 * A control group per scenario, where the machine has writable cgroups: it caps the number of
 * tasks (a fork bomb stops there) and the memory of everything the submission starts, and it
 * lists every process the submission left, wherever it tried to hide (setsid, double fork).
 */
import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { ownPrefix } from './owned-names.ts';
import { killEach } from './alive.ts';

export type CgroupLimits = {
  /** Tasks (processes and threads) at once: a JVM alone runs about 25 threads. */
  readonly tasks: number;
  readonly memoryBytes: number;
};

export const DEFAULT_CGROUP_LIMITS: CgroupLimits = { tasks: 1024, memoryBytes: 3 * 1024 ** 3 };

export type Cgroup = {
  /** The `cgroup.procs` files a process writes its PID to, to join. */
  readonly procsFiles: readonly string[];
  /** What the group caps, in words. */
  readonly walls: string;
  /** Whether it caps (and counts refused) tasks; v1 machines may offer memory alone. */
  readonly capsTasks: boolean;
  /** Whether it caps the memory of everything in it. */
  readonly capsMemory: boolean;
  /** The limits the submission ran into, in words (empty when none). */
  limitsHit(): string[];
  /** How many processes the kernel killed for the memory limit. */
  memoryKills(): number;
  /** Kills everything in the group and removes it. */
  close(): Promise<void>;
};

// cgroup v1 hierarchies this machine may offer, and the v2 one.
const V1 = { pids: '/sys/fs/cgroup/pids', memory: '/sys/fs/cgroup/memory' };
const V2 = '/sys/fs/cgroup';

function tryCreate(dir: string, limits: Record<string, string>): string | undefined {
  try {
    mkdirSync(dir);
  } catch {
    return undefined;
  }
  try {
    for (const [file, value] of Object.entries(limits)) writeFileSync(`${dir}/${file}`, value);
    return dir;
  } catch {
    rmdirSync(dir);
    return undefined;
  }
}

function readPids(dir: string): number[] {
  try {
    return readFileSync(`${dir}/cgroup.procs`, 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Kills every task in the group and removes it; false while killed tasks are still leaving. */
function killAndRemove(dir: string): boolean {
  killEach(readPids(dir));
  try {
    rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

/** Kills and removes every cgroup whose name `isOrphan` picks; returns how many went. */
export function sweepCgroups(isOrphan: (name: string) => boolean): number {
  let removed = 0;
  for (const root of [V1.pids, V1.memory, V2]) {
    let names: string[] = [];
    try {
      names = readdirSync(root).filter(isOrphan);
    } catch {}
    // A group whose killed tasks are still leaving stays for the next run.
    for (const name of names) if (killAndRemove(`${root}/${name}`)) removed++;
  }
  return removed;
}

/**
 * A new cgroup with `limits`, or undefined where the machine offers none we may write.
 * `CONFORM_CGROUPS=off` answers undefined, for machines where they misbehave (and to test the
 * sandbox without them).
 */
export function createCgroup(limits: CgroupLimits = DEFAULT_CGROUP_LIMITS): Cgroup | undefined {
  if (process.env.CONFORM_CGROUPS === 'off') return undefined;
  // The PID says which conform made it, should one ever be left behind.
  const name = `${ownPrefix('cgroup')}${randomBytes(4).toString('hex')}`;
  let dirs: string[];
  const capped: ('tasks' | 'memory')[] = [];
  const v2 = (() => {
    try {
      return readFileSync(`${V2}/cgroup.controllers`, 'utf8').includes('pids');
    } catch {
      return false;
    }
  })();
  if (v2) {
    const dir = tryCreate(`${V2}/${name}`, { 'pids.max': String(limits.tasks), 'memory.max': String(limits.memoryBytes) });
    dirs = dir ? [dir] : [];
    if (dir) capped.push('tasks', 'memory');
  } else {
    const pids = tryCreate(`${V1.pids}/${name}`, { 'pids.max': String(limits.tasks) });
    const memory = tryCreate(`${V1.memory}/${name}`, { 'memory.limit_in_bytes': String(limits.memoryBytes) });
    dirs = [pids, memory].filter((d): d is string => d !== undefined);
    if (pids) capped.push('tasks');
    if (memory) capped.push('memory');
  }
  if (dirs.length === 0) return undefined;
  const counter = (file: string, key?: string): number => {
    for (const dir of dirs) {
      try {
        const text = readFileSync(`${dir}/${file}`, 'utf8');
        const value = key ? new RegExp(`^${key} (\\d+)$`, 'm').exec(text)?.[1] : text.trim();
        if (value !== undefined) return Number(value);
      } catch {}
    }
    return 0;
  };
  const memoryKills = () => (v2 ? counter('memory.events', 'oom_kill') : counter('memory.oom_control', 'oom_kill'));
  const limitsHit = () => {
    const hits: string[] = [];
    const refusedTasks = counter('pids.events', 'max');
    if (refusedTasks > 0) {
      hits.push(`the sandbox refused ${refusedTasks} attempts to start a process or thread beyond its limit of ${limits.tasks} at once`);
    }
    const memory = v2 ? counter('memory.events', 'max') : counter('memory.failcnt');
    if (memory > 0) {
      const kills = memoryKills();
      const killed = kills > 0 ? `; the kernel killed ${kills} of its processes for it` : '';
      hits.push(`the submission reached the sandbox's memory limit of ${Math.round(limits.memoryBytes / 1024 ** 2)} MiB${killed}`);
    }
    return hits;
  };
  const caps = { tasks: `tasks at ${limits.tasks}`, memory: `memory at ${Math.round(limits.memoryBytes / 1024 ** 2)} MiB` };
  return {
    capsTasks: capped.includes('tasks'),
    capsMemory: capped.includes('memory'),
    walls: `a cgroup capping ${capped.map((c) => caps[c]).join(' and ')}`,
    procsFiles: dirs.map((d) => `${d}/cgroup.procs`),
    limitsHit,
    memoryKills,
    async close() {
      for (let attempt = 0; attempt < 50; attempt++) {
        dirs = dirs.filter((dir) => !killAndRemove(dir));
        if (dirs.length === 0) return;
        // Killed tasks leave the group when the kernel has reaped them: look again shortly.
        await delay(20);
      }
    },
  };
}
