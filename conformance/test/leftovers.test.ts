import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { sweepLeftovers } from '../driver/leftovers.ts';
import { createNamespace } from '../driver/namespace.ts';
import { isAlive } from '../driver/alive.ts';
import { pollUntil } from '../driver/waits.ts';
import { ownPrefix } from '../driver/owned-names.ts';

// No process has this PID: the kernel's largest is below it.
const GONE = 4194304 + 7;

test('a later run removes what a killed conform left, and nothing of a live one', async (t) => {
  const orphanDir = join(tmpdir(), `conform-run-${GONE}-abc`);
  const orphanBuild = join(tmpdir(), `conform-build-${GONE}-def`);
  // An archive a batch had unpacked when it was killed.
  const orphanBatch = join(tmpdir(), `conform-batch-${GONE}-ghi`);
  const orphanCgroup = `/sys/fs/cgroup/pids/conform-${GONE}-0123`;
  const mine = mkdtempSync(join(tmpdir(), ownPrefix('run')));
  const stranger = mkdtempSync(join(tmpdir(), 'conform-cli-test-'));
  mkdirSync(orphanDir);
  mkdirSync(orphanBuild);
  mkdirSync(orphanBatch);
  let cgroups = true;
  try {
    mkdirSync(orphanCgroup);
  } catch {
    cgroups = false; // no writable cgroups here: the directories are still swept
  }
  try {
    t.true((await sweepLeftovers()) >= 3);
    t.false(existsSync(orphanDir));
    t.false(existsSync(orphanBuild));
    t.false(existsSync(orphanBatch));
    if (cgroups) t.false(existsSync(orphanCgroup));
    t.true(existsSync(mine), 'a live conform keeps its own');
    t.true(existsSync(stranger), 'names conform does not make are left alone');
  } finally {
    for (const dir of [orphanDir, orphanBuild, orphanBatch, mine, stranger]) rmSync(dir, { recursive: true, force: true });
  }
});

test('closing a sandbox ends its first process too, even while the kernel still tears the namespace down', async (t) => {
  const namespace = await createNamespace();
  // A process of the namespace whose parent, outside it, does not reap it for 3 s: the kernel
  // keeps the namespace's init (a shell of conform's own) until then, as it does while a ring's
  // last processes are still dying on a loaded machine.
  const userns = process.getuid?.() === 0 ? [] : ['-U', '--preserve-credentials'];
  const holder = spawn('nsenter', ['-t', String(namespace.initPid), ...userns, '-p', '--no-fork', 'sh', '-c', 'sleep 1000 & exec sleep 3'], { stdio: 'ignore' });
  t.teardown(() => {
    try {
      process.kill(holder.pid!, 'SIGKILL');
    } catch {}
  });
  try {
    const inside = await pollUntil(() => namespace.processes(), (pids) => pids.length > 0, { timeoutMs: 10_000 });
    t.true(inside.length > 0, 'a process runs in the namespace');
  } finally {
    await namespace.close();
  }
  t.false(isAlive(namespace.initPid), "the namespace's init is gone once close() resolves");
});
