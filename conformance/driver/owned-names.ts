/**
 * Every temporary directory and cgroup conform makes carries the PID of the conform that made it,
 * so that what a conform killed outright leaves can be told apart and removed later.
 */
import { isAlive } from './alive.ts';

/** Prefix of every temporary directory and cgroup this process makes: `conform-<kind>-<pid>-`. */
export function ownPrefix(kind: 'run' | 'build' | 'batch' | 'cgroup'): string {
  return `conform-${kind === 'cgroup' ? '' : `${kind}-`}${process.pid}-`;
}

const OWNED = /^conform-(?:(?:run|build|batch)-)?(\d+)-/;

/** True for a name conform made in a process that is no longer running. */
export function isOrphanName(name: string): boolean {
  const pid = OWNED.exec(name)?.[1];
  return pid !== undefined && Number(pid) !== process.pid && !isAlive(Number(pid));
}
