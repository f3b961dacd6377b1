/** What a run may leave behind: processes of a submission, sandboxes' cgroups, temporary directories. */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { isAlive, processIds } from '../driver/alive.ts';
import { portsInUse } from '../driver/ports.ts';

/** Live processes working in, or naming, `dir` (a run's own temporary directory). */
export function processesUnder(dir: string): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const pid of processIds()) {
    if (pid === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${pid}/cwd`);
      } catch {}
      if ((cwd.startsWith(dir) || cmdline.includes(dir)) && isAlive(pid)) found.push({ pid, cmdline });
    } catch {}
  }
  return found;
}

/** Entries of `dir` that start with `prefix`. */
export function entries(dir: string, prefix = ''): string[] {
  try {
    return readdirSync(dir).filter((name) => name.startsWith(prefix));
  } catch {
    return [];
  }
}

/** cgroups that the conform process `pid` created and did not remove. */
export function leftoverCgroups(pid: number): string[] {
  const roots = ['/sys/fs/cgroup/pids', '/sys/fs/cgroup/memory', '/sys/fs/cgroup'];
  return roots.flatMap((root) => entries(root, `conform-${pid}-`).map((n) => `${root}/${n}`));
}

/** Sockets on this machine's own loopback on the protocol's ports (12000–12255): none should stay. */
export function hostPortsInUse(): number[] {
  return portsInUse().filter((port) => port >= 12000 && port <= 12255);
}
