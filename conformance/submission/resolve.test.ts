import test from 'ava';
import { isAlive } from '../driver/alive.ts';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { ConformError } from '../errors.ts';
import { resolveSubmission } from './resolve.ts';

/** A scratch directory per test, holding the submission (`src`) and the build root (`builds`). */
async function scratch(t: { teardown: (f: () => Promise<void>) => void }, files: Record<string, string | { text: string; mode: number }> = {}) {
  const root = await mkdtemp(join(tmpdir(), 'conform-resolve-test-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  const src = join(root, 'src');
  const builds = join(root, 'builds');
  await mkdir(src);
  await mkdir(builds);
  for (const [name, content] of Object.entries(files)) {
    const path = join(src, name);
    await mkdir(dirname(path), { recursive: true });
    const { text, mode } = typeof content === 'string' ? { text: content, mode: 0o644 } : content;
    await writeFile(path, text);
    await chmod(path, mode);
  }
  return { src, builds, buildDirs: () => readdir(builds) };
}

function run(program: readonly string[], ...args: string[]) {
  const result = spawnSync(program[0], [...program.slice(1), ...args], { cwd: tmpdir(), encoding: 'utf8', timeout: 10_000 });
  return { status: result.status, stdout: result.stdout };
}

const JAVA_MAIN = 'public class P2P { public static void main(String[] a) { System.out.println("java peer " + a[0]); } }\n';
const C_MAIN = '#include <stdio.h>\nint main(int c, char **v) { printf("c peer %s\\n", c > 1 ? v[1] : "?"); return 0; }\n';
const MAKEFILE = 'p2p: p2p.c\n\tcc -o p2p p2p.c\n';
const SCRIPT = { text: '#!/bin/sh\necho "script peer $1"\n', mode: 0o755 };

test('a .py file runs under python3 by its absolute path', async (t) => {
  const { src } = await scratch(t, { 'peer.py': 'print("hi")\n' });
  const s = await resolveSubmission({ path: relative(process.cwd(), join(src, 'peer.py')) });
  t.is(s.kind, 'python');
  // Started as the interpreter `python3` is, without a version manager's shim before it.
  const [python, file] = s.program;
  t.true(isAbsolute(python), python);
  t.is(file, join(src, 'peer.py'));
  const asked = spawnSync('python3', ['-c', 'import sys; print(sys.executable, sys.version.split()[0])'], { cwd: tmpdir(), encoding: 'utf8' }).stdout.trim().split(' ');
  t.deepEqual([python, s.description], [asked[0], `python3 ${join(src, 'peer.py')} (Python ${asked[1]})`]);
  t.is(run(s.program).stdout, 'hi\n');
});

test('an executable file runs as is', async (t) => {
  const { src } = await scratch(t, { 'start-peer': SCRIPT });
  const s = await resolveSubmission({ path: join(src, 'start-peer') });
  t.is(s.kind, 'executable');
  t.deepEqual(s.program, [join(src, 'start-peer')]);
  t.is(run(s.program, 'init').stdout, 'script peer init\n');
});

test('a script that is not executable is refused with the fix', async (t) => {
  const { src } = await scratch(t, { 'start-peer': { ...SCRIPT, mode: 0o644 } });
  const error = await t.throwsAsync(resolveSubmission({ path: join(src, 'start-peer') }), { instanceOf: ConformError });
  t.is(error.code, 'unstartable');
  t.regex(error.message, /starts with '#!\/bin\/sh' but is not executable: chmod \+x/);
});

test('a directory with p2p.py is a python submission', async (t) => {
  const { src } = await scratch(t, { 'p2p.py': 'print("hi")\n', Makefile: MAKEFILE });
  const s = await resolveSubmission({ path: src });
  t.is(s.kind, 'python');
  t.is(s.program[1], join(src, 'p2p.py'));
});

test('a directory with P2P.java is compiled outside it and runs; cleanup removes the build', async (t) => {
  const { src, builds, buildDirs } = await scratch(t, { 'P2P.java': JAVA_MAIN, 'Helper.java': 'class Helper {}\n' });
  const s = await resolveSubmission({ path: src, buildRoot: builds });
  t.is(s.kind, 'java');
  t.is(s.program[0], 'java');
  t.is(s.program[3], 'P2P');
  t.is(s.description, `java -cp <build> P2P (compiled from ${join(src, 'P2P.java')})`);
  t.deepEqual(run(s.program, 'init'), { status: 0, stdout: 'java peer init\n' });
  t.deepEqual((await readdir(src)).sort(), ['Helper.java', 'P2P.java']);
  t.is((await buildDirs()).length, 1);
  await s.cleanup();
  await s.cleanup();
  t.deepEqual(await buildDirs(), []);
});

test('a Java main class in a package runs by its qualified name', async (t) => {
  const { src, builds } = await scratch(t, { 'p2p.java': `/* package nope; */\npackage ring.peer;\n${JAVA_MAIN.replace('P2P', 'p2p')}` });
  const s = await resolveSubmission({ path: join(src, 'p2p.java'), buildRoot: builds });
  t.teardown(() => s.cleanup());
  t.is(s.program[3], 'ring.peer.p2p');
  t.regex(s.description, /; package ring\.peer\)$/);
  t.is(run(s.program, 'x').stdout, 'java peer x\n');
});

test('Java sources in Latin-1 compile too', async (t) => {
  const { src, builds } = await scratch(t, { 'P2P.java': '' });
  await writeFile(join(src, 'P2P.java'), Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from(`\n${JAVA_MAIN}`)]));
  const s = await resolveSubmission({ path: src, buildRoot: builds });
  t.teardown(() => s.cleanup());
  t.is(run(s.program, 'x').stdout, 'java peer x\n');
});

test('a Java compile error names javac and the first error, and leaves no build behind', async (t) => {
  const { src, builds, buildDirs } = await scratch(t, { 'P2P.java': 'public class P2P {\n  int x = \n}\n' });
  const error = await t.throwsAsync(resolveSubmission({ path: src, buildRoot: builds }), { instanceOf: ConformError });
  t.is(error.code, 'unstartable');
  t.is(error.exitCode, 3);
  t.regex(error.message, new RegExp(`^could not compile ${join(src, 'P2P.java')} with javac: P2P\\.java:\\d+: error: `));
  t.true(error.details.length > 0 && error.details.length <= 10);
  t.deepEqual(await buildDirs(), []);
});

test('a Makefile is built in a copy, ignoring a stale p2p, and its p2p runs', async (t) => {
  const stale = { text: '\x7fELF not for this machine', mode: 0o755 };
  const { src, builds, buildDirs } = await scratch(t, { 'p2p.c': C_MAIN, Makefile: MAKEFILE, p2p: stale });
  const s = await resolveSubmission({ path: src, buildRoot: builds });
  t.is(s.kind, 'make');
  t.is(s.description, `<build>/p2p (built by make from ${src})`);
  t.deepEqual(run(s.program, 'init'), { status: 0, stdout: 'c peer init\n' });
  t.deepEqual((await readdir(src)).sort(), ['Makefile', 'p2p', 'p2p.c']);
  await s.cleanup();
  t.false(existsSync(s.program[0]));
  t.deepEqual(await buildDirs(), []);
});

test('a failing make names the directory and the first error', async (t) => {
  const { src, builds, buildDirs } = await scratch(t, { 'p2p.c': 'int main( {\n', Makefile: MAKEFILE });
  const error = await t.throwsAsync(resolveSubmission({ path: src, buildRoot: builds }), { instanceOf: ConformError });
  t.is(error.code, 'unstartable');
  t.regex(error.message, new RegExp(`^\`make\` failed in ${src}: p2p\\.c:.*error`));
  t.deepEqual(await buildDirs(), []);
});

test('a make that builds no p2p says what it built', async (t) => {
  const { src, builds, buildDirs } = await scratch(t, { 'p2p.c': C_MAIN, Makefile: 'all:\n\tcc -o peer p2p.c\n' });
  const error = await t.throwsAsync(resolveSubmission({ path: src, buildRoot: builds }), { instanceOf: ConformError });
  t.regex(error.message, /built no executable p2p \(it produced peer\)/);
  t.deepEqual(await buildDirs(), []);
});

test('aborting a build kills make and its children and removes the build', async (t) => {
  const { src, builds, buildDirs } = await scratch(t);
  const pidFile = join(src, 'background.pid');
  await writeFile(join(src, 'Makefile'), `all:\n\tsleep 30 & echo $$! > '${pidFile}'; sleep 30\n`);
  const controller = new AbortController();
  const started = Date.now();
  const waitForPid = setInterval(() => existsSync(pidFile) && controller.abort(new Error('stop')), 20);
  t.teardown(() => clearInterval(waitForPid));
  await t.throwsAsync(resolveSubmission({ path: src, buildRoot: builds, signal: controller.signal }), { message: 'stop' });
  t.true(Date.now() - started < 5_000);
  const pid = Number(await readFile(pidFile, 'utf8'));
  t.false(isAlive(pid));
  t.deepEqual(await buildDirs(), []);
});

test('an empty directory names what was looked for', async (t) => {
  const { src } = await scratch(t, { 'notes.txt': '', p2p: 'not executable' });
  const error = await t.throwsAsync(resolveSubmission({ path: src }), { instanceOf: ConformError });
  t.is(error.code, 'unstartable');
  t.is(
    error.message,
    `${src} holds none of p2p.py, P2P.java, p2p.java, Makefile or an executable p2p (p2p is there but not executable: chmod +x it); pass --cmd with how to run it`,
  );
  t.deepEqual(error.details, ['it holds notes.txt, p2p']);
});

test('a missing path is unstartable', async (t) => {
  const { src } = await scratch(t);
  const error = await t.throwsAsync(resolveSubmission({ path: join(src, 'nope') }), { instanceOf: ConformError });
  t.is(error.code, 'unstartable');
  t.is(error.message, `no submission at ${join(src, 'nope')}: no such file or directory`);
});

test('--cmd splits quoted words and makes relative files absolute', async (t) => {
  const { src } = await scratch(t, { 'my peer': SCRIPT, 'p2p.py': '' });
  const script = join(src, 'my peer');
  const s = await resolveSubmission({ cmd: `'${script}' "two words" ${relative(process.cwd(), join(src, 'p2p.py'))} -x` });
  t.is(s.kind, 'command');
  t.deepEqual(s.program, [script, 'two words', join(src, 'p2p.py'), '-x']);
  t.is(run(s.program).stdout, 'script peer two words\n');
  const python = await resolveSubmission({ cmd: 'python3 -u' });
  t.deepEqual(python.program, ['python3', '-u']);
});

test('--cmd with an unknown program names it', async (t) => {
  const error = await t.throwsAsync(resolveSubmission({ cmd: 'no-such-peer-program init' }), { instanceOf: ConformError });
  t.is(error.code, 'unstartable');
  t.is(error.message, '--cmd program no-such-peer-program is not on PATH and is not a path: install it or give its path');
  const missing = await t.throwsAsync(resolveSubmission({ cmd: './no/such/peer' }), { instanceOf: ConformError });
  t.regex(missing.message, /^--cmd program \.\/no\/such\/peer not found: no such file \//);
});

test('--cmd refuses what only a shell could run', async (t) => {
  const error = await t.throwsAsync(resolveSubmission({ cmd: 'cd x && ./p2p' }), { instanceOf: ConformError });
  t.is(error.code, 'usage');
  t.regex(error.message, /not run by a shell: unquoted '&'/);
});
