/**
 * What a conform process that was itself killed (SIGKILL, a crash, a power cut of the terminal)
 * could not remove: its temporary directories, its cgroups and, where rings ran without a
 * namespace, their processes. A later run removes those whose
 * conform is gone (see owned-names.ts).
 */
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweepCgroups } from './cgroup.ts';
import { isOrphanName } from './owned-names.ts';
import { markedProcesses } from './marked.ts';
import { killEach } from './alive.ts';

/** Removes what conform processes that are no longer running left behind; returns how many. */
export async function sweepLeftovers(): Promise<number> {
  let names: string[] = [];
  try {
    names = readdirSync(tmpdir()).filter(isOrphanName);
  } catch {}
  for (const name of names) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  // Processes of a ring that ran without a namespace carry its directory's name (see marked.ts).
  const processes = await markedProcesses(isOrphanName);
  killEach(processes);
  return names.length + processes.length + sweepCgroups(isOrphanName);
}
