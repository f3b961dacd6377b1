/**
 * What a conform process that was itself killed (SIGKILL, a crash, a power cut of the terminal)
 * could not remove: its temporary directories and its cgroups. Each carries the PID of the conform
 * that made it, so a later run removes those whose conform is gone.
 */
import { readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from './alive.ts';

/** Prefix of every temporary directory and cgroup this process makes: `conform-<kind>-<pid>-`. */
export function ownPrefix(kind: 'run' | 'build' | 'cgroup'): string {
  return `conform-${kind === 'cgroup' ? '' : `${kind}-`}${process.pid}-`;
}

const OWNED = /^conform-(?:(?:run|build)-)?(\d+)-/;
const CGROUP_ROOTS = ['/sys/fs/cgroup/pids', '/sys/fs/cgroup/memory', '/sys/fs/cgroup'];

function orphaned(name: string): boolean {
  const pid = OWNED.exec(name)?.[1];
  return pid !== undefined && Number(pid) !== process.pid && !isAlive(Number(pid));
}

function killAll(cgroup: string): void {
  let pids: string[] = [];
  try {
    pids = readFileSync(join(cgroup, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean);
  } catch {}
  for (const pid of pids) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {}
  }
}

/** Removes what conform processes that are no longer running left behind; returns how many. */
export function sweepLeftovers(): number {
  let removed = 0;
  const list = (dir: string) => {
    try {
      return readdirSync(dir).filter(orphaned);
    } catch {
      return [];
    }
  };
  for (const name of list(tmpdir())) {
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
    removed++;
  }
  for (const root of CGROUP_ROOTS) {
    for (const name of list(root)) {
      const cgroup = join(root, name);
      killAll(cgroup);
      try {
        rmdirSync(cgroup);
        removed++;
      } catch {
        // Tasks killed just now leave once reaped; the next run removes the group.
      }
    }
  }
  return removed;
}
