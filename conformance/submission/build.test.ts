import test from 'ava';
import { isAlive } from '../driver/alive.ts';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuild, summariseFailure } from './build.ts';

test('runBuild captures stdout and stderr in order with the exit status', async (t) => {
  const result = await runBuild({ command: 'sh', args: ['-c', 'echo one; sleep 0.05; echo two >&2; exit 3'], cwd: tmpdir(), timeoutMs: 10_000 });
  t.deepEqual(result, { code: 3, output: 'one\ntwo\n', timedOut: false });
});

test('runBuild kills the whole process group on timeout', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'conform-build-test-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const pidFile = join(dir, 'pid');
  const started = Date.now();
  const result = await runBuild({ command: 'sh', args: ['-c', `sleep 30 & echo $! > ${pidFile}; sleep 30`], cwd: dir, timeoutMs: 300 });
  t.true(result.timedOut);
  t.is(result.code, null);
  t.true(Date.now() - started < 5_000);
  const pid = Number(await readFile(pidFile, 'utf8'));
  t.false(isAlive(pid));
});

test('runBuild rejects with an unstartable error when the tool is missing', async (t) => {
  await t.throwsAsync(runBuild({ command: 'no-such-build-tool', args: [], cwd: tmpdir(), timeoutMs: 1_000 }), {
    message: /^could not start no-such-build-tool: /,
  });
});

const failures: Array<[string, string, string]> = [
  ['javac', 'P2P.java:3: error: \';\' expected\n  int x =\n         ^\n1 error\n', "P2P.java:3: error: ';' expected"],
  ['gcc under make', 'cc -o p2p p2p.c\np2p.c:1:11: error: expected declaration\n    1 | int main( {\nmake: *** [Makefile:2: p2p] Error 1\n', 'p2p.c:1:11: error: expected declaration'],
  ['make without a rule', "make: *** No rule to make target 'p2p.c', needed by 'p2p'.  Stop.\n", "make: *** No rule to make target 'p2p.c', needed by 'p2p'.  Stop."],
  ['no error word', 'cc -o p2p p2p.c\nKilled\n', 'Killed'],
  ['nothing', '\n', '(it printed nothing)'],
];

for (const [name, output, line] of failures) {
  test(`summariseFailure picks the telling line: ${name}`, (t) => {
    t.is(summariseFailure(output).line, line);
  });
}
