/**
 * Where the machine offers no namespaces, nothing ends a submission's detached processes (setsid,
 * a double fork) together with its ring. Every peer therefore carries an environment variable
 * naming its ring's directory, and whatever still carries it once the ring is done is killed by
 * PID. A program that wipes its environment escapes this; inside a namespace nothing escapes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

export const MARK = 'CONFORM_RING';

/** PIDs of live processes whose environment has `MARK=<value>` for a value `pick` accepts. */
export function markedProcesses(pick: (value: string) => boolean): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      continue;
    }
    const value = environ.split('\0').find((v) => v.startsWith(`${MARK}=`))?.slice(MARK.length + 1);
    if (value !== undefined && pick(value)) found.push(Number(entry));
  }
  return found;
}

/** Kills every process `markedProcesses(pick)` finds until none is left (at most 5 s); how many. */
export async function killMarked(pick: (value: string) => boolean): Promise<number> {
  const killed = new Set<number>();
  for (let attempt = 0; attempt < 250; attempt++) {
    const left = markedProcesses(pick);
    if (left.length === 0) break;
    for (const pid of left) {
      killed.add(pid);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
    await delay(20);
  }
  return killed.size;
}

/**
 * Of `pids`, those that left the process groups of `groups` (the peers' own, which stopping the
 * peers ends) and are not already dead: processes a submission detached, e.g. with setsid.
 */
export function detached(pids: readonly number[], groups: ReadonlySet<number>): number[] {
  return pids.filter((pid) => {
    try {
      // Fields after the command's closing parenthesis: state, ppid, pgrp, ...
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return state !== 'Z' && state !== 'X' && !groups.has(Number(pgrp));
    } catch {
      return false;
    }
  });
}
