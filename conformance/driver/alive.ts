import { readdirSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';

const pidsOf = (entries: string[]) => entries.filter((entry) => /^\d+$/.test(entry)).map(Number);

/** The PIDs listed in a /proc (the machine's, or a namespace's seen through its init's root). */
export function processIds(proc = '/proc'): number[] {
  return pidsOf(readdirSync(proc));
}

/** `processIds` without holding up the event loop, for what runs while rings do. */
export async function listProcessIds(proc = '/proc'): Promise<number[]> {
  return pidsOf(await readdir(proc));
}

/** A process's state letter and process group, from /proc/<pid>/stat; undefined once it is gone. */
export function statOf(pid: number): { state: string; pgrp: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Fields after the command's closing parenthesis: state, ppid, pgrp, ...
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, pgrp: Number(pgrp) };
  } catch {
    return undefined;
  }
}

/** A process's resident memory (VmRSS) in kB; undefined once it is gone. */
export function rssKbOf(pid: number): number | undefined {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb);
  } catch {
    return undefined;
  }
}

/**
 * Whether a process still runs. A killed orphan stays a zombie until PID 1 reaps it, and some
 * container inits never do, so a zombie counts as dead.
 */
export function isAlive(pid: number): boolean {
  const state = statOf(pid)?.state;
  return state !== undefined && state !== 'Z';
}

/**
 * The processes descended from `pid`, read at once (a few small files: for a signal that must go
 * out now, not for polling; ports.ts's processTree reads asynchronously).
 */
export function descendantsNow(pid: number): number[] {
  const found: number[] = [];
  for (let i = -1; i < found.length; i++) {
    const parent = i < 0 ? pid : found[i];
    try {
      for (const task of readdirSync(`/proc/${parent}/task`)) {
        for (const child of readFileSync(`/proc/${parent}/task/${task}/children`, 'utf8').split(' ')) {
          if (child.trim() !== '' && !found.includes(Number(child))) found.push(Number(child));
        }
      }
    } catch {}
  }
  return found;
}

/** Sends SIGKILL to each of `pids`, ignoring those already gone. */
export function killEach(pids: Iterable<number>): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
}
