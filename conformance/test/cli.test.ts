/** The `conform` command: usage errors, unstartable submissions, reports and interruption. */
import test from 'ava';
import { execa } from 'execa';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './_grade.ts';
import { PEER_BIN } from '../cli/peer-command.ts';
import { conform, CONFORM, freshTmp } from './_cli.ts';
import { entries, leftoverCgroups, processesUnder } from './_leftovers.ts';

const usage = [
  { args: ['run', '--bogus'], message: /Unknown option '--bogus'/ },
  { args: ['run'], message: /run needs a submission path or --cmd/ },
  { args: ['run', 'a', 'b'], message: /run takes one submission/ },
  { args: ['run', 'x', '--ping-interval', 'soon'], message: /--ping-interval must be a number from 0\.1 to 60, not "soon"/ },
  { args: ['run', 'x', '--jobs', '0'], message: /--jobs must be a whole number from 1 to 64/ },
  { args: ['run', 'x', '--ping-interval'], message: /--ping-interval.* argument missing/ },
  { args: ['run', 'x', '--scenarios', '/nonexistent.json'], message: /no scenario file or directory at \/nonexistent\.json/ },
  { args: ['run', 'x', '--only', 'no-such-scenario'], message: /--only names no scenario "no-such-scenario"/ },
  { args: ['run', 'x', '--rubric', '/nonexistent.json'], message: /cannot read rubric/ },
  { args: ['run', 'x', '--env', 'NO_VALUE'], message: /--env takes NAME=VALUE .* not "NO_VALUE"/ },
  { args: ['run', 'x', '--repeat', '0'], message: /--repeat must be a whole number from 1 to 100/ },
  { args: ['frobnicate'], message: /unknown command "frobnicate"/ },
];

for (const { args, message } of usage) {
  test(`usage: conform ${args.join(' ')} → one line, a pointer to --help, exit 2`, async (t) => {
    const result = await conform(args);
    t.is(result.exitCode, 2);
    const lines = String(result.stderr).trim().split('\n');
    t.is(lines.length, 1, String(result.stderr));
    t.regex(lines[0], message);
    t.regex(lines[0], /see 'conform .*--help'/);
    t.notRegex(String(result.all), /    at .*\.ts:\d+/, 'no stack trace');
  });
}

test('an invalid rubric and an invalid scenario file are usage errors naming the file', async (t) => {
  const tmp = freshTmp();
  try {
    writeFileSync(join(tmp, 'rubric.json'), '{"items": {"pings": 3}}');
    writeFileSync(join(tmp, 'bad.json'), '{"name": "bad", "description": "x", "ring": [2, 4, 5], "actions": [{"quit": 4}]}');
    const rubric = await conform(['run', 'x', '--rubric', join(tmp, 'rubric.json')]);
    t.is(rubric.exitCode, 2);
    t.regex(String(rubric.stderr), /unknown item "pings"/);
    const scenario = await conform(['run', 'x', '--scenarios', join(tmp, 'bad.json')]);
    t.is(scenario.exitCode, 2);
    t.regex(String(scenario.stderr), /scenario bad\.json: action 1: the ring 2 4 5 would shrink below 3 peers/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('--env passes a variable to every peer, which otherwise gets a minimal environment', async (t) => {
  const program = join(FIXTURES, 'variant-needs-env');
  const args = ['run', program, '--only', 'pings', '--ping-interval', '0.3'];
  const without = await conform(args);
  t.is(without.exitCode, 1, String(without.all));
  t.regex(String(without.stdout), /P2P_LICENSE is not/);
  const granted = await conform([...args, '--env', 'P2P_LICENSE=granted']);
  t.is(granted.exitCode, 0, String(granted.all));
});

test('--help on every command exits 0 and names the options', async (t) => {
  const top = await conform(['--help']);
  t.is(top.exitCode, 0);
  t.regex(String(top.stdout), /conform run <submission>/);
  const run = await conform(['run', '--help']);
  t.is(run.exitCode, 0);
  t.regex(String(run.stdout), /--ping-interval/);
  const peer = await conform(['peer', '--help']);
  t.is(peer.exitCode, 0);
  t.regex(String(peer.stdout), /conform peer init/);
});

test('a submission that cannot be found or built exits 3 naming what was tried', async (t) => {
  const missing = await conform(['run', '/no/such/submission']);
  t.is(missing.exitCode, 3);
  t.regex(String(missing.stderr), /no submission at \/no\/such\/submission/);
  const tmp = freshTmp();
  try {
    const broken = await conform(['run', join(FIXTURES, 'broken-compile-java')], { tmp });
    t.is(broken.exitCode, 3);
    t.regex(String(broken.stderr), /could not compile .*P2P\.java with javac: P2P\.java:\d+: error: ';' expected/);
    t.deepEqual(entries(tmp), [], 'no build directory left');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('a program the system cannot execute (a bad #! line, a foreign binary) exits 3; one that starts and fails is graded', async (t) => {
  const tmp = freshTmp();
  try {
    writeFileSync(join(tmp, 'shebang'), '#!/usr/bin/python1.5\nprint 1\n', { mode: 0o755 });
    writeFileSync(join(tmp, 'foreign'), '\x7fELF\x02\x01\x01garbage', { mode: 0o755 });
    writeFileSync(join(tmp, 'fails.py'), 'import sys\nsys.exit("p2p: bad arguments")\n');
    const shebang = await conform(['run', join(tmp, 'shebang')]);
    t.is(shebang.exitCode, 3);
    t.regex(String(shebang.stderr), /could not start .*shebang: its #! line names \/usr\/bin\/python1\.5, which does not exist on this machine/);
    const foreign = await conform(['run', join(tmp, 'foreign')]);
    t.is(foreign.exitCode, 3);
    t.regex(String(foreign.stderr), /could not start .*foreign: .*Exec format error/);
    const fails = await conform(['run', join(tmp, 'fails.py'), '--ping-interval', '0.3', '--only', 'pings']);
    t.is(fails.exitCode, 1);
    t.regex(String(fails.stdout), /exited with status 1/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('--report writes summary.json with the seven steps and every transcript', async (t) => {
  const tmp = freshTmp();
  try {
    const report = join(tmp, 'report');
    const result = await conform(
      ['run', join(FIXTURES, 'broken-port-base'), '--ping-interval', '0.3', '--only', 'pings', '--only', 'store-keys', '--report', report],
      { tmp },
    );
    t.is(result.exitCode, 1, String(result.all));
    t.regex(String(result.stdout), /Initialisation .* FAIL/);
    const summary = JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8'));
    t.deepEqual(summary.steps.map((s: { step: number }) => s.step), [1, 2, 3, 4, 5, 6, 7]);
    const [init, ping, , , , store] = summary.steps;
    t.like(init, { name: 'Initialisation', status: 'fail' });
    t.regex(init.reasons[0], /bound UDP 16002 and listened on TCP 16002/);
    t.like(ping, { status: 'pass', score: 24, max: 24 });
    t.like(store, { status: 'pass', score: 11, max: 11 });
    t.is(summary.steps[2].status, 'not-graded', 'a step no scenario exercised is not graded');
    t.regex(readFileSync(join(report, 'report.md'), 'utf8'), /\| 1 \| Initialisation \| \*\*FAIL\*\* \|/);
    const log = readFileSync(join(report, 'transcripts', 'pings', 'peer-2.log'), 'utf8');
    t.regex(log, /Ping requests sent to Peers 4 and 5/);
    t.deepEqual(entries(tmp).filter((n) => n !== 'report'), [], 'no temporary directory left');

    // The saved history judged again, without running anything, gives the same verdicts; another
    // rubric regrades it.
    const first = readFileSync(join(report, 'summary.json'), 'utf8');
    const again = await conform(['report', report]);
    t.is(again.exitCode, 1, String(again.all));
    const regraded = JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8'));
    t.deepEqual(regraded.steps, JSON.parse(first).steps);
    t.deepEqual(regraded.scenarios.map((s: { findings: unknown }) => s.findings), JSON.parse(first).scenarios.map((s: { findings: unknown }) => s.findings));
    writeFileSync(join(tmp, 'rubric.json'), '{"items": {"ports": 5}}');
    const rubric = await conform(['report', report, '--rubric', join(tmp, 'rubric.json')]);
    t.is(rubric.exitCode, 1);
    t.like(JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8')).steps[0], { step: 1, score: 0, max: 5 });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('--repeat runs each scenario that many times, aims each run\'s kill elsewhere in the ping cycle, and every report counts the runs', async (t) => {
  const tmp = freshTmp();
  try {
    const report = join(tmp, 'report');
    const result = await conform(['run', PEER_BIN, '--ping-interval', '1', '--only', 'kill-middle', '--repeat', '3', '--report', report], { tmp });
    t.is(result.exitCode, 0, String(result.all));
    const summary = JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8'));
    t.is(summary.repeats, 3);
    t.like(summary.steps[4], { step: 5, status: 'pass', runs: { passed: 3, total: 3 } });
    t.deepEqual(summary.scenarios.map((s: { name: string; run: number }) => `${s.name} ${s.run}`), ['kill-middle 1', 'kill-middle 2', 'kill-middle 3']);
    const aims = summary.scenarios.map((s: { notes: string[] }) => s.notes.find((n) => n.startsWith('kill -9 of peer 14:')) ?? '');
    t.regex(aims[0], /peer 14 was killed [\d.]+ s after its last ping round began, \d+% of an interval \(aimed just after a ping round\)/);
    t.regex(aims[1], /\(aimed half-way between two ping rounds\)/);
    t.regex(aims[2], /\(aimed just before the next ping round\)/);
    t.deepEqual(entries(join(report, 'transcripts')), ['kill-middle-run-1', 'kill-middle-run-2', 'kill-middle-run-3']);
    t.regex(readFileSync(join(report, 'report.md'), 'utf8'), /\| 5 \| Abrupt departure \| pass \(passed in 3 of 3 runs\) \|/);
    t.regex(readFileSync(join(report, 'junit.xml'), 'utf8'), /name="kill-middle \(run 2 of 3\): kill/);
    // The saved history regrades with its runs.
    const first = readFileSync(join(report, 'summary.json'), 'utf8');
    t.is((await conform(['report', report])).exitCode, 0);
    t.deepEqual(JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8')).steps, JSON.parse(first).steps);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('conform report: no saved run is a usage error, a corrupt one exits 5, each in one line', async (t) => {
  const tmp = freshTmp();
  try {
    const none = await conform(['report', tmp]);
    t.is(none.exitCode, 2);
    t.regex(String(none.stderr), /no saved run at .*history\.json/);
    writeFileSync(join(tmp, 'history.json'), '{"tool": "conform", "schema": 1, "scenarios": [');
    const corrupt = await conform(['report', tmp]);
    t.is(corrupt.exitCode, 5);
    t.regex(String(corrupt.stderr), /history\.json is not valid JSON/);
    writeFileSync(join(tmp, 'history.json'), JSON.stringify({ tool: 'conform', schema: 999, scenarios: [] }));
    const other = await conform(['report', tmp]);
    t.is(other.exitCode, 5);
    t.regex(String(other.stderr), /has history schema 999, this conform reads 1/);
    for (const r of [none, corrupt, other]) t.is(String(r.stderr).trim().split('\n').length, 1);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

for (const [signal, status] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
  test(`${signal} during a run stops every scenario, writes the partial report, exits ${status} and leaves nothing`, async (t) => {
    const tmp = freshTmp();
    try {
      const report = join(tmp, 'report');
      const peer = join(FIXTURES, 'correct-python');
      const child = execa(CONFORM, ['run', peer, '--ping-interval', '0.3', '--report', report], {
        reject: false,
        env: { CI: '1', TMPDIR: tmp },
        all: true,
        // Cleaning up a dozen rings takes about a second, more on a loaded machine: never SIGKILL.
        forceKillAfterDelay: false,
      });
      // Interrupt once the first scenario has driven an action: the rings are then running.
      await new Promise<void>((resolve) => {
        child.all?.on('data', (chunk: Buffer) => {
          if (/: (join|Quit|kill|Store|Request) /.test(chunk.toString())) resolve();
        });
      });
      child.kill(signal);
      const interrupted = performance.now();
      const result = await child;
      t.log(`exited ${Math.round(performance.now() - interrupted)} ms after ${signal}`);
      t.is(result.exitCode, status, String(result.all).slice(-500));
      const summary = JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8'));
      t.false(summary.complete);
      t.deepEqual(processesUnder(tmp), []);
      t.deepEqual(entries(tmp).filter((n) => n !== 'report'), []);
      t.deepEqual(leftoverCgroups(child.pid!), []);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
}

test('without namespaces a daemon that detached from its peer is found by its mark and killed', async (t) => {
  const tmp = freshTmp();
  try {
    const args = ['run', join(FIXTURES, 'hostile-daemonizes'), '--port-base', '23000', '--ping-interval', '0.3', '--only', 'pings'];
    const result = await execa(CONFORM, args, { reject: false, env: { CI: '1', TMPDIR: tmp, CONFORM_NAMESPACES: 'off' } });
    t.regex(String(result.stdout), /note: pings: 7 processes that the submission started outlived their peer/);
    t.deepEqual(processesUnder(tmp), [], 'no daemon is left');
    t.deepEqual(entries(tmp), []);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('without namespaces conform says so once and runs the scenarios one at a time', async (t) => {
  const tmp = freshTmp();
  try {
    // The reference peer on another port base: other tests check that 12000-12255 stay free here.
    const args = ['run', PEER_BIN, '--port-base', '22000', '--ping-interval', '0.3', '--only', 'pings', '--only', 'store-keys'];
    const result = await execa(CONFORM, args, {
      reject: false,
      env: { CI: '1', TMPDIR: tmp, CONFORM_NAMESPACES: 'off' },
    });
    t.is(result.exitCode, 0, String(result.stdout));
    t.is(String(result.stderr).match(/network namespaces are turned off/g)?.length, 1);
    t.regex(String(result.stderr), /scenario pings: done[\s\S]*scenario store-keys: started|scenario store-keys: done[\s\S]*scenario pings: started/, 'one after the other');
    t.deepEqual(processesUnder(tmp), []);
    t.deepEqual(entries(tmp), []);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
