/**
 * Where the machine offers no namespaces, nothing ends a submission's detached processes (setsid,
 * a double fork) together with its ring. Every peer therefore carries an environment variable
 * naming its ring's directory, and whatever still carries it once the ring is done is killed by
 * PID. A program that wipes its environment escapes this; inside a namespace nothing escapes.
 */
import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { killEach, listProcessIds, statOf } from './alive.ts';

export const MARK = 'CONFORM_RING';

/**
 * PIDs of live processes whose environment has `MARK=<value>` for a value `pick` accepts. It reads
 * every process's environment, so asynchronously: it runs while other rings do.
 */
export async function markedProcesses(pick: (value: string) => boolean): Promise<number[]> {
  const pids = (await listProcessIds()).filter((pid) => pid !== process.pid);
  const values = await Promise.all(
    pids.map(async (pid) => {
      const environ = await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => '');
      return environ.split('\0').find((v) => v.startsWith(`${MARK}=`))?.slice(MARK.length + 1);
    }),
  );
  return pids.filter((_, i) => values[i] !== undefined && pick(values[i]));
}

/** Kills every process `markedProcesses(pick)` finds until none is left (at most 5 s). */
export async function killMarked(pick: (value: string) => boolean): Promise<void> {
  for (let attempt = 0; attempt < 250; attempt++) {
    const left = await markedProcesses(pick);
    if (left.length === 0) return;
    killEach(left);
    await delay(20);
  }
}

/**
 * Of `pids`, those that left the process groups of `groups` (the peers' own, which stopping the
 * peers ends) and are not already dead: processes a submission detached, e.g. with setsid.
 */
export function detached(pids: readonly number[], groups: ReadonlySet<number>): number[] {
  return pids.filter((pid) => {
    const stat = statOf(pid);
    return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X' && !groups.has(stat.pgrp);
  });
}
