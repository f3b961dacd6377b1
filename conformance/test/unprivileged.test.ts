/**
 * Students and most course staff run conform as an ordinary user: the namespaces then come from a
 * user namespace, there is no cgroup to write, and the sandbox must hold all the same.
 */
import test from 'ava';
import { execa } from 'execa';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { FIXTURES } from './_grade.ts';
import { CONFORM, freshTmp } from './_cli.ts';
import { entries } from './_leftovers.ts';
import { processIds } from '../driver/alive.ts';

const NOBODY = 65534;
const AS_NOBODY = ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--'];
// The machine's own Python: an interpreter under root's home is not for other users.
const PATH = '/usr/local/bin:/usr/bin:/bin';

/** Why this machine cannot run conform as an ordinary user, or undefined when it can. */
function unavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'the tests do not run as root, so they cannot become another user';
  const probe = spawnSync(AS_NOBODY[0], [...AS_NOBODY.slice(1), 'sh', '-c', `test -x "$1" && test -r "$2" && unshare -r --net --pid --fork true`, 'sh', CONFORM, join(FIXTURES, 'correct-python', 'p2p.py')], {
    env: { PATH },
  });
  return probe.status === 0 ? undefined : 'nobody cannot read this checkout or create user namespaces here';
}

function processesOf(uid: number): number[] {
  return processIds().filter((pid) => {
    try {
      return new RegExp(`^Uid:\\s+${uid}\\s`, 'm').test(readFileSync(`/proc/${pid}/status`, 'utf8'));
    } catch {
      return false;
    }
  });
}

const why = unavailable();
const maybe = why ? test.skip : test;

maybe(`an ordinary user grades a correct peer in full, sandboxed without a cgroup, and nothing is left${why ? ` (skipped: ${why})` : ''}`, async (t) => {
  const tmp = freshTmp();
  chmodSync(tmp, 0o777);
  t.teardown(() => rmSync(tmp, { recursive: true, force: true }));
  t.deepEqual(processesOf(NOBODY), [], 'nobody runs nothing before');
  const scenarios = ['pings', 'join-middle', 'kill-middle', 'store-keys', 'request-no-store'].flatMap((s) => ['--only', s]);
  const result = await execa(AS_NOBODY[0], [...AS_NOBODY.slice(1), CONFORM, 'run', join(FIXTURES, 'correct-python'), '--ping-interval', '0.3', ...scenarios], {
    reject: false,
    extendEnv: false,
    env: { PATH, HOME: tmp, TMPDIR: tmp, CI: '1' },
    timeout: 240_000,
    all: true,
  });
  t.is(result.exitCode, 0, String(result.all));
  t.regex(String(result.stdout), /Total: \d+\/\d+/);
  t.regex(String(result.stdout), /note: sandbox: no cgroup, tasks capped near 1024 by the PID namespace's pid_max/);
  t.deepEqual(processesOf(NOBODY), [], 'no process of the run is left');
  t.deepEqual(entries(tmp), [], 'no temporary file is left');
});
