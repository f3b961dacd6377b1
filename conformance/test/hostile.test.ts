/**
 * Hostile and broken submissions: whatever a program does, conform finishes on time with a clear
 * verdict, keeps its own memory bounded, and leaves no process, cgroup or temporary file behind.
 */
import test, { type ExecutionContext } from 'ava';
import { execa } from 'execa';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FIXTURES } from './_grade.ts';
import { CONFORM, freshTmp } from './_cli.ts';
import { entries, hostPortsInUse, leftoverCgroups, processesUnder } from './_leftovers.ts';
import { rssKbOf } from '../driver/alive.ts';
import type { RunHistory } from '../history/history.ts';

type Summary = {
  sandbox: string[];
  steps: { step: number; status: string; reasons: string[] }[];
  scenarios: { name: string; notes: string[] }[];
};

type Outcome = { exitCode: number | undefined; seconds: number; peakRssMb: number; peakDiskMb: number; summary: Summary; report: string; stdout: string };

/** Megabytes of the files under `dir` (the run's own temporary directory). */
function diskMb(dir: string): number {
  let bytes = 0;
  try {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      try {
        bytes += statSync(join(entry.parentPath, entry.name)).size;
      } catch {}
    }
  } catch {}
  return bytes / 1024 ** 2;
}

/** Runs `conform run` on a hostile fixture and checks, whatever the verdict, that nothing is left. */
async function gradeHostile(t: ExecutionContext, name: string, scenarios: string[], options: { env?: Record<string, string>; interval?: string; args?: string[] } = {}): Promise<Outcome> {
  const tmp = freshTmp();
  const fixture = join(FIXTURES, name);
  const report = join(tmp, 'report');
  t.teardown(() => rmSync(tmp, { recursive: true, force: true }));
  const started = performance.now();
  const args = ['run', fixture, '--ping-interval', options.interval ?? '0.3', '--detect-deadline', '8', '--report', report, ...scenarios.flatMap((s) => ['--only', s]), ...(options.args ?? [])];
  const child = execa(CONFORM, args, { reject: false, env: { CI: '1', TMPDIR: tmp, ...options.env }, timeout: 180_000 });
  let peakRssMb = 0;
  let peakDiskMb = 0;
  const sampler = setInterval(() => {
    peakRssMb = Math.max(peakRssMb, (rssKbOf(child.pid!) ?? 0) / 1024);
    peakDiskMb = Math.max(peakDiskMb, diskMb(tmp));
  }, 200);
  const result = await child;
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  t.deepEqual(processesUnder(tmp), [], 'no process of the submission is left');
  t.deepEqual(processesUnder(fixture), [], 'no process started from the fixture is left');
  t.deepEqual(leftoverCgroups(child.pid!), [], 'no cgroup is left');
  t.deepEqual(hostPortsInUse(), [], 'no protocol port is held on the machine');
  t.deepEqual(entries(tmp).filter((n) => n !== 'report'), [], 'no temporary directory is left');
  t.notRegex(String(result.stderr), /internal error|    at /, 'conform itself did not fail');
  const summaryFile = join(report, 'summary.json');
  if (!existsSync(summaryFile)) {
    throw new Error(`no report after ${seconds.toFixed(0)} s (exit ${result.exitCode}${result.timedOut ? ', timed out' : ''}): ${String(result.stderr).slice(-600)} ${String(result.stdout).slice(-600)}`);
  }
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
  return { exitCode: result.exitCode, seconds, peakRssMb, peakDiskMb, summary, report, stdout: String(result.stdout) };
}

const reasons = (o: Outcome, step: number) => o.summary.steps.find((s) => s.step === step)!.reasons.join('\n');
/** Every step that did not pass, with its reasons: the message of an assertion that a run passed. */
const failing = (o: Outcome) => o.summary.steps.filter((s) => s.status !== 'pass').map((s) => `step ${s.step} ${s.status}: ${s.reasons.join('; ')}`).join('\n') + `\nnotes: ${notes(o)}`;
const notes = (o: Outcome) => o.summary.scenarios.flatMap((s) => s.notes).join('\n');

test('1. a program that exits at once is graded, with its stderr, not reported unstartable', async (t) => {
  const o = await gradeHostile(t, 'hostile-exits-at-once', ['pings']);
  t.is(o.exitCode, 1);
  t.regex(reasons(o, 1), /peer \d+ exited with status 1 at .*cannot start: configuration missing/);
  // No wait ran to its deadline: the start ended as soon as the last peer had exited (the clock is
  // the run's own, so a loaded machine that is slow to start conform changes nothing here).
  const [scenario] = (JSON.parse(readFileSync(join(o.report, 'history.json'), 'utf8')) as RunHistory).scenarios;
  const lastExit = Math.max(...scenario.peers.map((p) => p.exit?.at ?? Infinity));
  const start = scenario.phases.find((p) => p.kind === 'start')!;
  t.true(start.end - lastExit < scenario.timing.startMs, `the start ended ${start.end - lastExit} ms after the last exit`);
});

test('2. a crash in the middle is reported with the last lines of its traceback', async (t) => {
  const o = await gradeHostile(t, 'hostile-crash-midway', ['pings', 'store-keys']);
  t.is(o.exitCode, 1);
  t.regex(reasons(o, 6), /peer \d+ exited with status 1 at .*KeyError: 'successor'/);
});

test('3. endless output is capped per peer, said so, and conform stays small', async (t) => {
  const o = await gradeHostile(t, 'hostile-flood-stdout', ['pings', 'store-keys']);
  t.regex(notes(o), /printed so much that \d+ lines .* were left out of its transcript/);
  t.true(o.peakRssMb < 700, `conform peaked at ${o.peakRssMb} MB`);
  // Its real lines compete with the flood for the terminal: whether they all come in time on a
  // loaded machine is the program's business. The ports, judged apart from the output, pass.
  t.is(o.summary.steps[0].status, 'pass', failing(o));
});

test('3. an endless stack trace on stderr is cut to its end, said so, and never fills the disk', async (t) => {
  // A ring pinging every 2 s lives long enough for even a starved writer to pass the cap.
  const o = await gradeHostile(t, 'hostile-flood-stderr', ['pings'], { interval: '2' });
  t.is(o.exitCode, 0, `graded on its stdout: a correct peer\n${failing(o)}`);
  t.regex(notes(o), /peer \d+ wrote so much to stderr that its first [\d.]+ MiB were dropped; its last 256 KiB are kept/);
  // Seven peers each write tens of MB a second: stderr is a pipe, not a file, so none of it lands on disk.
  t.true(o.peakDiskMb < 20, `the run's files peaked at ${o.peakDiskMb.toFixed(0)} MB`);
  t.true(o.peakRssMb < 700, `conform peaked at ${o.peakRssMb} MB`);
  const log = readFileSync(join(o.report, 'transcripts', 'pings', 'peer-2.log'), 'utf8');
  // Killed in the middle of a write, its very last line may be cut short.
  t.regex(log.slice(-2048), /OSError: \[Errno 9\] Bad file descriptor \(#\d+\)\n/, 'the last lines of stderr end the transcript');
});

test('4. a program that never reads stdin and writes without end does not block conform', async (t) => {
  const o = await gradeHostile(t, 'hostile-no-stdin-blocking-writes', ['pings']);
  t.is(o.exitCode, 1);
  t.regex(reasons(o, 1), /did not bind UDP 12002 and TCP 12002 .* bound UDP none and listened on TCP none/);
  t.true(o.peakRssMb < 700, `conform peaked at ${o.peakRssMb} MB`);
});

test('5. a program that ignores SIGTERM, SIGINT and SIGHUP and never exits after Quit', async (t) => {
  const o = await gradeHostile(t, 'hostile-ignores-signals', ['quit-middle']);
  t.is(o.exitCode, 1);
  t.regex(reasons(o, 4), /peer 9 was still running .* after `Quit`/);
});

test('6. children that detach with setsid and a double fork do not outlive the run', async (t) => {
  const o = await gradeHostile(t, 'hostile-daemonizes', ['pings']);
  t.is(o.summary.steps[1].status, 'pass', failing(o));
  t.regex(notes(o), /7 processes that the submission started outlived their peer \(detached from its terminal, e\.g\. with setsid\): conform killed them/);
});

test('7. wrong ports are named; a program binding nothing is told so', async (t) => {
  const o = await gradeHostile(t, 'hostile-wrong-ports', ['pings']);
  t.is(o.exitCode, 1);
  t.regex(reasons(o, 1), /peer \d+ did not bind UDP 120\d\d and TCP 120\d\d .* bound UDP 121\d\d and listened on TCP 121\d\d/);
  t.is(o.summary.steps[1].status, 'pass', 'ports are their own item: the pings still pass');
});

test('8. writes outside the working directory fail; deleting its own files costs the transfer', async (t) => {
  const o = await gradeHostile(t, 'hostile-writes-outside', ['pings', 'request-no-store']);
  t.false(existsSync('/etc/conform-hostile'));
  t.false(existsSync('/tmp/conform-hostile-was-here'));
  t.is(o.exitCode, 1);
  t.regex(reasons(o, 7), /received_4103\.pdf|Sending file 4103/);
  const log = readFileSync(join(o.report, 'transcripts', 'pings', 'peer-2.log'), 'utf8');
  t.regex(log, /could not write \/etc\/conform-hostile \(\[Errno 30\] Read-only file system/);
});

test('8. a peer trying as root to remount, change kernel settings, leave its cgroup or reach a disk is refused', async (t) => {
  const pidMax = readFileSync('/proc/sys/kernel/pid_max', 'utf8');
  const o = await gradeHostile(t, 'hostile-breaks-out', ['pings']);
  t.is(o.exitCode, 0, `a correct peer once it is done trying\n${failing(o)}`);
  t.false(existsSync('/etc/conform-hostile'));
  t.false(existsSync('/dev/shm/conform-hostile-was-here'), "its /dev/shm is its own");
  t.is(readFileSync('/proc/sys/kernel/pid_max', 'utf8'), pidMax, "the machine's pid_max is as it was");
  for (const file of readdirSync(join(o.report, 'transcripts', 'pings'))) {
    const log = readFileSync(join(o.report, 'transcripts', 'pings', file), 'utf8');
    const done = [...log.matchAll(/hostile: ([\w-]+): done/g)].map((m) => m[1]);
    t.deepEqual(done, ['shm'], `${file}: only its private /dev/shm took a write`);
    t.is([...log.matchAll(/hostile: [\w-]+: refused/g)].length, 8, `${file}: eight attempts refused`);
  }
});

test('9. a program that sleeps for ever ends within the deadlines', async (t) => {
  const o = await gradeHostile(t, 'hostile-sleeps-forever', ['pings']);
  t.is(o.exitCode, 1);
  t.regex(reasons(o, 2), /printed nothing at all|printed no 'Ping requests sent/);
  // Each wait ended at its deadline, by the run's own clock (a run that hung would reach execa's
  // 180 s): ports, settling and the ping round. On two loaded cores each wait overruns by its
  // polls and the loop's stalls, seconds in all: a hang is told apart by twice the deadlines.
  const [scenario] = (JSON.parse(readFileSync(join(o.report, 'history.json'), 'utf8')) as RunHistory).scenarios;
  const start = scenario.phases.find((p) => p.kind === 'start')!;
  const { startMs, settleMs, intervalMs } = scenario.timing;
  const deadlines = startMs + settleMs + (start.kind === 'start' && start.pings ? start.pings.windowMs : 0);
  // From the last peer's start: on a loaded machine starting seven peers in turn takes seconds.
  const started = Math.max(...scenario.peers.map((p) => p.startedAt));
  t.true(start.end - started < 2 * deadlines + 10 * intervalMs, `the waits took ${start.end - started} ms; their deadlines ${deadlines} ms`);
});

// The loop needs a second or two to reach the limit on an idle machine, several on a loaded one: a
// ring pinging every 3 s lives long enough for it to get there. The two gradings of this fixture
// run one after the other, so that neither sees the other's peers as left over.
test.serial('10. a fork loop stops at the sandbox limit, which the report names', async (t) => {
  const o = await gradeHostile(t, 'hostile-fork-loop', ['pings'], { interval: '3' });
  const wall = /the sandbox refused \d+ attempts to start a process or thread beyond its limit|reached the sandbox's limit of about \d+ processes/;
  t.regex(notes(o), wall, `sandbox: ${o.summary.sandbox.join('; ')}`);
});

test.serial("10. without cgroups a fork loop stops at the PID namespace's pid_max, which the report names", async (t) => {
  const o = await gradeHostile(t, 'hostile-fork-loop', ['pings'], { interval: '3', env: { CONFORM_CGROUPS: 'off' } });
  t.deepEqual(o.summary.sandbox, ["no cgroup, tasks capped near 1024 by the PID namespace's pid_max, memory capped at 2048 MiB per process"]);
  t.regex(notes(o), /the submission reached the sandbox's limit of about 1024 processes and threads at once \(\d+ seen\)/);
  t.regex(o.stdout, /note: sandbox: no cgroup/);
});

// Programs that each hold up to 1.5 GB more a second, before they bind a port, meet the ring's
// cgroup cap of 3 GiB; without a cgroup they reserve their way to the cap of 2 GiB of data on each
// process in well under a second, however loaded the machine, and hold half a GiB each at most.
// Serial, so that no two rings of them fill the machine at once.
test.serial("memory: a leak stops at the cgroup's memory limit, which the report names", async (t) => {
  const o = await gradeHostile(t, 'hostile-memory-hog', ['pings']);
  t.is(o.exitCode, 1);
  t.regex(notes(o), /the submission reached the sandbox's memory limit of 3072 MiB; the kernel killed \d+ of its processes for it/, `sandbox: ${o.summary.sandbox.join('; ')}`);
  t.regex(reasons(o, 1), /peer \d+ was ended by SIGKILL at [\d.]+ s, most likely by the kernel at the sandbox's memory limit/);
  t.true(o.peakRssMb < 700, `conform peaked at ${o.peakRssMb} MB`);
});

test.serial('memory: without cgroups a leak stops at the per-process data limit, and its MemoryError is quoted', async (t) => {
  const scenario = join(freshTmp(), 'pings-3.json');
  writeFileSync(scenario, JSON.stringify({ name: 'pings-3', description: 'A ring of three that pings.', ring: [2, 4, 5], pings: true, actions: [] }));
  t.teardown(() => rmSync(dirname(scenario), { recursive: true, force: true }));
  const o = await gradeHostile(t, 'hostile-memory-hog', ['pings-3'], { env: { CONFORM_CGROUPS: 'off' }, args: ['--scenarios', scenario] });
  t.is(o.exitCode, 1);
  t.regex(o.summary.sandbox.join('; '), /memory capped at 2048 MiB per process/);
  t.regex(reasons(o, 1), /peer \d+ exited with status 1 at [\d.]+ s; its last stderr lines: .*'MemoryError'/);
});

test('11. thousands of sockets stop at the open-file limit and leave no port held', async (t) => {
  const o = await gradeHostile(t, 'hostile-socket-hog', ['pings']);
  t.true([0, 1].includes(o.exitCode ?? -1));
  t.is(o.summary.steps[0].status, 'pass', failing(o));
});

test('12. invalid UTF-8, NUL bytes, ANSI escapes and HTML are judged and never reach the reports raw', async (t) => {
  const o = await gradeHostile(t, 'hostile-garbage-output', ['pings', 'store-keys']);
  t.deepEqual(o.summary.steps.filter((s) => [1, 2, 6].includes(s.step)).map((s) => s.status), ['pass', 'pass', 'pass'], failing(o));
  t.notRegex(o.stdout, /[\u0000\u001b]/, 'no control characters reach the terminal');
  for (const scenario of readdirSync(join(o.report, 'transcripts'))) {
    for (const file of readdirSync(join(o.report, 'transcripts', scenario))) {
      const text = readFileSync(join(o.report, 'transcripts', scenario, file), 'utf8');
      t.notRegex(text, /[\u0000\u001b\u0007]/, `${scenario}/${file} holds raw control characters`);
    }
  }
});
