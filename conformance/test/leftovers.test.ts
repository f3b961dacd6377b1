import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweepLeftovers } from '../driver/leftovers.ts';
import { ownPrefix } from '../driver/owned-names.ts';

// No process has this PID: the kernel's largest is below it.
const GONE = 4194304 + 7;

test('a later run removes what a killed conform left, and nothing of a live one', async (t) => {
  const orphanDir = join(tmpdir(), `conform-run-${GONE}-abc`);
  const orphanBuild = join(tmpdir(), `conform-build-${GONE}-def`);
  const orphanCgroup = `/sys/fs/cgroup/pids/conform-${GONE}-0123`;
  const mine = mkdtempSync(join(tmpdir(), ownPrefix('run')));
  const stranger = mkdtempSync(join(tmpdir(), 'conform-cli-test-'));
  mkdirSync(orphanDir);
  mkdirSync(orphanBuild);
  let cgroups = true;
  try {
    mkdirSync(orphanCgroup);
  } catch {
    cgroups = false; // no writable cgroups here: the directories are still swept
  }
  try {
    t.true((await sweepLeftovers()) >= 2);
    t.false(existsSync(orphanDir));
    t.false(existsSync(orphanBuild));
    if (cgroups) t.false(existsSync(orphanCgroup));
    t.true(existsSync(mine), 'a live conform keeps its own');
    t.true(existsSync(stranger), 'names conform does not make are left alone');
  } finally {
    for (const dir of [orphanDir, orphanBuild, mine, stranger]) rmSync(dir, { recursive: true, force: true });
  }
});
