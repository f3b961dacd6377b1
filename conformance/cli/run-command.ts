/** `conform run <submission>`: grade one peer program on all seven steps. */
import { onInterrupt } from './interrupt.ts';
import { join, resolve } from 'node:path';
import { hasNamespaces } from '../driver/namespace.ts';
import { sweepLeftovers } from '../driver/leftovers.ts';
import { ConformError, EXIT, usageError } from '../errors.ts';
import { GRADE_FLAGS, GRADE_FLAGS_HELP, gradeSettings } from './grade-flags.ts';
import { gradeSubmission } from '../runner/run-all.ts';
import { detectionsOf } from '../checkers/grade-run.ts';
import type { Grade } from '../checkers/grade-model.ts';
import { ALL_FORMATS, parseFormats, writeReports, writeUnstartableReports } from './write-reports.ts';
import { probeStart } from '../submission/probe.ts';
import { resolveSubmission } from '../submission/resolve.ts';
import { createProgress } from '../../reports/progress.ts';
import { renderTable } from '../../reports/table.ts';
import { notesOf } from '../../reports/step-text.ts';
import { parseFlags } from './args.ts';

export { DEFAULT_JOBS, envFlags } from './grade-flags.ts';

export const RUN_HELP = `Usage: conform run <submission> [options]
       conform run --cmd "<command>" [options]

<submission> is an executable, a .py file (run with python3), or a directory holding p2p.py,
P2P.java / p2p.java (compiled with javac), a Makefile (make, then ./p2p) or an executable p2p.
Peers are started with the assignment's command lines, each on its own terminal, in its own
directory, every scenario in its own network namespace.

Options:
  --cmd "<command>"          run this command line instead of detecting the submission
${GRADE_FLAGS_HELP}
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
  ...GRADE_FLAGS,
  cmd: { type: 'string' },
  report: { type: 'string' },
  format: { type: 'string' },
} as const;

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
  const { pingInterval, portBase, detectSeconds, jobs, rubric, env, scenarios, timing, repeats } = gradeSettings(values);
  const report = values.report ? resolve(values.report) : undefined;
  const formats = parseFormats(values.format);

  const interrupt = onInterrupt('stopping every scenario and cleaning up');

  // What an earlier conform could not remove because it was killed outright.
  await sweepLeftovers();
  // A submission that cannot be started still gets the files a course system reads, saying why.
  const unstartable = (error: unknown): never => {
    if (report && error instanceof ConformError && error.code === 'unstartable') writeUnstartableReports(report, [error.message, ...error.details].join('\n'), formats);
    throw error;
  };
  const submission = await resolveSubmission({ path: positionals[0], cmd: values.cmd, signal: interrupt.signal }).catch(unstartable);
  try {
    await probeStart(submission.program, submission.description).catch(unstartable);
    const isolate = hasNamespaces();
    if (!isolate) {
      const why = process.env.CONFORM_NAMESPACES === 'off' ? 'are turned off (CONFORM_NAMESPACES=off)' : 'are not available on this machine';
      process.stderr.write(`conform: network namespaces ${why}: running scenarios one at a time, without a sandbox\n`);
    }
    process.stderr.write(`conform: grading ${submission.description} on ${scenarios.length} scenarios${repeats > 1 ? `, ${repeats} runs each` : ''}\n`);
    const progress = createProgress({ total: scenarios.length * repeats });
    const { grade, history } = await gradeSubmission({
      submission: submission.description,
      program: submission.program,
      interval: pingInterval,
      timing,
      portBase,
      isolate,
      env,
      scenarios,
      jobs,
      rubric,
      repeats,
      signal: interrupt.signal,
      onEvent: progress.onEvent,
    });
    progress.done();
    process.stdout.write(renderTable(grade, process.stdout.columns ?? 100));
    const detection = detectionTimes(grade);
    if (detection) process.stdout.write(`${detection}\n`);
    process.stdout.write(`event loop: largest delay ${grade.maxLoopDelayMs} ms\n`);
    const notes = notesOf(grade);
    for (const note of notes.slice(0, 10)) process.stdout.write(`note: ${note}\n`);
    for (const walls of grade.sandbox.filter((w) => /no cgroup|not capped|not dropped|no sandbox/.test(w))) process.stdout.write(`note: sandbox: ${walls}\n`);
    if (report) {
      writeReports(report, grade, { submission: submission.description, pingInterval, portBase, detectSeconds }, { history, formats });
      process.stdout.write(`report: ${join(report, 'summary.json')}\n`);
    }
    if (interrupt.status() !== undefined) return interrupt.status()!;
    const graded = grade.steps.filter((s) => s.graded);
    return graded.every((s) => s.status === 'pass') ? EXIT.passed : EXIT.failed;
  } finally {
    await submission.cleanup();
  }
}
