import { readFileSync } from 'node:fs';

/**
 * Whether a process still runs. A killed orphan stays a zombie until PID 1 reaps it, and some
 * container inits never do, so a zombie counts as dead.
 */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
