/** `conform run <submission>`: grade one peer program on all seven steps. */
import { join, resolve } from 'node:path';
import { DEFAULT_RUBRIC, loadRubric } from '../checkers/rubric.ts';
import { hasNamespaces } from '../driver/namespace.ts';
import { sweepLeftovers } from '../driver/leftovers.ts';
import { ConformError, EXIT, usageError } from '../errors.ts';
import { gradeSubmission } from '../runner/run-all.ts';
import { detectionsOf } from '../checkers/grade-run.ts';
import type { Grade } from '../checkers/grade-model.ts';
import { ALL_FORMATS, parseFormats, writeReports, writeUnstartableReports } from './write-reports.ts';
import { timingFor } from '../runner/timing.ts';
import { loadScenarios } from '../scenarios/load.ts';
import { probeStart } from '../submission/probe.ts';
import { resolveSubmission } from '../submission/resolve.ts';
import { createProgress } from '../../reports/progress.ts';
import { renderTable } from '../../reports/table.ts';
import { numberFlag, parseFlags } from './args.ts';

/**
 * Scenarios run side by side. Rings mostly wait on timers, so this is not the core count: on 2
 * cores `npm run bench:run` graded the reference peer's 18 scenarios in 9.1 s with 8 jobs,
 * 8.1 s with 12 (its longest scenario alone: 8.1 s) and 9.3 s with 16, where start-ups compete.
 */
export const DEFAULT_JOBS = 12;

export const RUN_HELP = `Usage: conform run <submission> [options]
       conform run --cmd "<command>" [options]

<submission> is an executable, a .py file (run with python3), or a directory holding p2p.py,
P2P.java / p2p.java (compiled with javac), a Makefile (make, then ./p2p) or an executable p2p.
Peers are started with the assignment's command lines, each on its own terminal, in its own
directory, every scenario in its own network namespace.

Options:
  --cmd "<command>"          run this command line instead of detecting the submission
  --ping-interval <seconds>  PING_INTERVAL given to every peer (default 1)
  --port-base <n>            expected port base: peer i binds UDP and TCP base+i (default 12000)
  --detect-deadline <s>      how long predecessors may take to notice a killed peer (default 60)
  --jobs <n>                 scenarios run at once (default ${DEFAULT_JOBS})
  --scenarios <path>         a scenario file or directory (repeatable; default: the built-in set)
  --only <name>              run only the named scenario (repeatable)
  --rubric <file>            points per rubric item (JSON; see README)
  --env NAME=VALUE           pass a variable to every peer (repeatable; peers otherwise get a
                             minimal environment: PATH, HOME, LANG, JAVA_HOME, ...)
  --report <dir>             write the reports, every transcript and the run's history.json
                             there ('conform report <dir>' rewrites them from it)
  --format <list>            the reports --report writes, comma-separated: ${ALL_FORMATS.join(',')}
                             (default all: report.md, report.html, junit.xml, results.json for
                             Gradescope, prairielearn.json, summary.json)
  -h, --help                 this help

Exit status: 0 all steps passed, 1 a step failed, 2 bad usage, 3 the submission could not be
built or started, 130/143 interrupted (the partial report is still written).
`;

const FLAGS = {
  cmd: { type: 'string' },
  'ping-interval': { type: 'string' },
  'port-base': { type: 'string' },
  'detect-deadline': { type: 'string' },
  jobs: { type: 'string' },
  scenarios: { type: 'string', multiple: true },
  only: { type: 'string', multiple: true },
  rubric: { type: 'string' },
  report: { type: 'string' },
  format: { type: 'string' },
  env: { type: 'string', multiple: true },
} as const;

/** `--env NAME=VALUE` flags as an environment, or a usage error naming the bad one. */
export function envFlags(values: readonly string[] = []): Record<string, string> {
  const env: Record<string, string> = {};
  for (const value of values) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
    if (!match) throw usageError(`--env takes NAME=VALUE with a name of letters, digits and _, not "${value}"`);
    env[match[1]] = match[2];
  }
  return env;
}

/** One line with the measured detection times of killed peers (spec §3 step 5), if any. */
function detectionTimes(grade: Grade): string | undefined {
  const times = detectionsOf(grade).map((d) => d.ms);
  if (times.length === 0) return undefined;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return `detection of killed peers: ${s(Math.min(...times))} to ${s(Math.max(...times))} after the kill (${times.length} predecessors)`;
}

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, 'run');
  if (positionals.length > 1) throw usageError(`run takes one submission, got ${positionals.length}: ${positionals.join(' ')}`);
  if (positionals.length === 0 && values.cmd === undefined) throw usageError('run needs a submission path or --cmd "<command>"');
  if (positionals.length === 1 && values.cmd !== undefined) throw usageError('give either a submission path or --cmd, not both');
  const interval = numberFlag('ping-interval', values['ping-interval'], 1, 0.1, 60);
  const portBase = numberFlag('port-base', values['port-base'], 12000, 1024, 65535 - 255, true);
  const detectSeconds = numberFlag('detect-deadline', values['detect-deadline'], 60, 1, 600);
  const jobs = numberFlag('jobs', values.jobs, DEFAULT_JOBS, 1, 64, true);
  const rubric = values.rubric ? loadRubric(values.rubric) : DEFAULT_RUBRIC;
  const env = envFlags(values.env);
  let scenarios = loadScenarios(values.scenarios);
  if (values.only) {
    const unknown = values.only.filter((name) => !scenarios.some((s) => s.name === name));
    if (unknown.length) throw usageError(`--only names no scenario "${unknown[0]}" (known: ${scenarios.map((s) => s.name).join(', ')})`);
    scenarios = scenarios.filter((s) => values.only!.includes(s.name));
  }
  const report = values.report ? resolve(values.report) : undefined;
  const formats = parseFormats(values.format);

  const controller = new AbortController();
  let interrupted: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted ??= signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
    process.stderr.write(`\nconform: ${signal}: stopping every scenario and cleaning up\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);

  // What an earlier conform could not remove because it was killed outright.
  await sweepLeftovers();
  // A submission that cannot be started still gets the files a course system reads, saying why.
  const unstartable = (error: unknown): never => {
    if (report && error instanceof ConformError && error.code === 'unstartable') writeUnstartableReports(report, [error.message, ...error.details].join('\n'), formats);
    throw error;
  };
  const submission = await resolveSubmission({ path: positionals[0], cmd: values.cmd, signal: controller.signal }).catch(unstartable);
  try {
    await probeStart(submission.program, submission.description).catch(unstartable);
    const isolate = hasNamespaces();
    if (!isolate) {
      const why = process.env.CONFORM_NAMESPACES === 'off' ? 'are turned off (CONFORM_NAMESPACES=off)' : 'are not available on this machine';
      process.stderr.write(`conform: network namespaces ${why}: running scenarios one at a time, without a sandbox\n`);
    }
    process.stderr.write(`conform: grading ${submission.description} on ${scenarios.length} scenarios\n`);
    const progress = createProgress({ total: scenarios.length });
    const { grade, history } = await gradeSubmission({
      submission: submission.description,
      program: submission.program,
      interval: values['ping-interval'] ?? '1',
      timing: timingFor({ interval, detectSeconds }),
      portBase,
      isolate,
      env,
      scenarios,
      jobs,
      rubric,
      signal: controller.signal,
      onEvent: progress.onEvent,
    });
    progress.done();
    process.stdout.write(renderTable(grade, process.stdout.columns ?? 100));
    const detection = detectionTimes(grade);
    if (detection) process.stdout.write(`${detection}\n`);
    process.stdout.write(`event loop: largest delay ${grade.maxLoopDelayMs} ms\n`);
    const notes = grade.scenarios.flatMap((r) => r.notes.map((n) => `${r.scenario}: ${n}`));
    for (const note of notes.slice(0, 10)) process.stdout.write(`note: ${note}\n`);
    for (const walls of grade.sandbox.filter((w) => /no cgroup|not capped|not dropped|no sandbox/.test(w))) process.stdout.write(`note: sandbox: ${walls}\n`);
    if (report) {
      writeReports(report, grade, { submission: submission.description, pingInterval: values['ping-interval'] ?? '1', portBase, detectSeconds }, { history, formats });
      process.stdout.write(`report: ${join(report, 'summary.json')}\n`);
    }
    if (interrupted !== undefined) return interrupted;
    const graded = grade.steps.filter((s) => s.graded);
    return graded.every((s) => s.status === 'pass') ? EXIT.passed : EXIT.failed;
  } finally {
    await submission.cleanup();
  }
}
