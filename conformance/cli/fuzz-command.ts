/** `conform fuzz <submission>`: random join / Quit / kill / Store / Request sequences until one fails. */
import { onInterrupt } from './interrupt.ts';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_RUBRIC } from '../checkers/rubric.ts';
import { gradeResults } from '../checkers/grade-run.ts';
import { hasNamespaces } from '../driver/namespace.ts';
import { sweepLeftovers } from '../driver/leftovers.ts';
import { EXIT, usageError } from '../errors.ts';
import { HISTORY_SCHEMA, type RunHistory } from '../history/history.ts';
import { describeAction } from '../protocol/actions.ts';
import { timingFor } from '../runner/timing.ts';
import { probeStart } from '../submission/probe.ts';
import { resolveSubmission } from '../submission/resolve.ts';
import { runFuzz, type FuzzFailure, type FuzzOutcome } from '../../properties/fuzz.ts';
import { scenarioJson, scenarioOf } from '../../properties/sequence.ts';
import { createFuzzProgress, fuzzStatus } from '../../reports/fuzz-progress.ts';
import { numberFlag, parseFlags } from './args.ts';
import { envFlags } from './run-command.ts';
import { writeReports } from './write-reports.ts';

export const FUZZ_HELP = `Usage: conform fuzz <submission> [options]
       conform fuzz --cmd "<command>" [options]

Runs random sequences of join / Quit / kill / Store / Request (1-6 actions on rings of 3-8
peers, each valid on the ring model) against the submission and judges every run with the
checkers of 'conform run', until the time is up or a sequence fails; a failing sequence is
shrunk to a short one and written as a scenario file that 'conform run --scenarios' replays.

Options:
  --cmd "<command>"          run this command line instead of detecting the submission
  --time <duration>          how long to fuzz: 90s, 30m, 8h (default 10m)
  --seed <n>                 the first sequence's seed (default: random; printed)
  --ping-interval <seconds>  PING_INTERVAL given to every peer (default 0.5)
  --detect-deadline <s>      how long predecessors may take to notice a killed peer (default 60)
  --jobs <n>                 rings at once (default 1)
  --shrinks <n>              ring runs spent shrinking a failure, at most (default 40)
  --report <dir>             also write the failing run's reports there (default: the current
                             directory gets only fuzz-failure.json)
  --env NAME=VALUE           pass a variable to every peer (repeatable)
  -h, --help                 this help

Exit status: 0 the time ran out with no failure, 1 a sequence failed, 2 bad usage, 3 the
submission could not be built or started; Ctrl-C stops cleanly with a summary (130).
`;

const FLAGS = {
  cmd: { type: 'string' },
  time: { type: 'string' },
  seed: { type: 'string' },
  'ping-interval': { type: 'string' },
  'detect-deadline': { type: 'string' },
  jobs: { type: 'string' },
  shrinks: { type: 'string' },
  report: { type: 'string' },
  env: { type: 'string', multiple: true },
} as const;

/** `90s`, `30m`, `8h` or plain seconds, in ms. */
export function durationFlag(value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const match = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(value.trim());
  if (!match || Number(match[1]) <= 0) throw usageError(`--time takes a duration such as 90s, 30m or 8h, not "${value}"`);
  return Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 's' | 'm' | 'h'];
}

/** The outcome in words: counts, situations reached, and the shrunk failure if any. */
export function renderOutcome(outcome: FuzzOutcome): string {
  const lines = [`fuzz: ${fuzzStatus(outcome)}`, `commands per minute: ${Math.round(outcome.commands / Math.max(outcome.elapsedMs / 60_000, 1 / 60))}`, 'situations reached:'];
  for (const [name, count] of Object.entries(outcome.situations)) lines.push(`  ${name.padEnd(22)} ${count}`);
  if (outcome.failure) lines.push(...renderFailure(outcome.failure));
  return `${lines.join('\n')}\n`;
}

function renderFailure(failure: FuzzFailure): string[] {
  const { run } = failure;
  return [
    `FAILED: seed ${failure.seed}, path "${failure.path}" (${failure.shrinks} shrinks); replay: conform fuzz ... --seed ${failure.seed}`,
    `shrunk sequence on ring ${run.ring.join(' ')}:`,
    ...run.actions.map((a, i) => `  ${i + 1}. ${describeAction(a)}`),
    'why:',
    ...run.failures.slice(0, 8).map((r) => `  - ${r}`),
  ];
}

export async function fuzzCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, 'fuzz');
  if (positionals.length > 1) throw usageError(`fuzz takes one submission, got ${positionals.length}: ${positionals.join(' ')}`);
  if (positionals.length === 0 && values.cmd === undefined) throw usageError('fuzz needs a submission path or --cmd "<command>"');
  if (positionals.length === 1 && values.cmd !== undefined) throw usageError('give either a submission path or --cmd, not both');
  const timeMs = durationFlag(values.time, 10 * 60_000);
  const seed = numberFlag('seed', values.seed, (Math.random() * 2 ** 31) | 0, -(2 ** 31), 2 ** 31 - 1, true);
  const intervalText = values['ping-interval'] ?? '0.5';
  const interval = numberFlag('ping-interval', intervalText, 0.5, 0.1, 60);
  const detectSeconds = numberFlag('detect-deadline', values['detect-deadline'], 60, 1, 600);
  const jobs = numberFlag('jobs', values.jobs, 1, 1, 16, true);
  const maxShrinks = numberFlag('shrinks', values.shrinks, 40, 0, 1000, true);
  const env = envFlags(values.env);
  const report = values.report ? resolve(values.report) : undefined;

  const interrupt = onInterrupt('stopping the ring and cleaning up');

  await sweepLeftovers();
  const submission = await resolveSubmission({ path: positionals[0], cmd: values.cmd, signal: interrupt.signal });
  try {
    await probeStart(submission.program, submission.description);
    const isolate = hasNamespaces();
    const timing = timingFor({ interval, detectSeconds });
    process.stderr.write(`conform: fuzzing ${submission.description} for ${Math.round(timeMs / 1000)} s from seed ${seed}\n`);
    const progress = createFuzzProgress();
    const outcome = await runFuzz({
      program: submission.program,
      interval: intervalText,
      timing,
      portBase: 12000,
      isolate,
      env,
      jobs: isolate ? jobs : 1,
      seed,
      timeMs,
      maxShrinks,
      signal: interrupt.signal,
      onProgress: progress.onProgress,
    });
    progress.done();
    process.stdout.write(renderOutcome(outcome));
    if (outcome.failure) {
      const dir = report ?? process.cwd();
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'fuzz-failure.json');
      const { run } = outcome.failure;
      writeFileSync(file, scenarioJson(scenarioOf(run.ring, run.actions, 'fuzz-failure')));
      process.stdout.write(`scenario: ${file} (replay: conform run ${positionals[0] ?? `--cmd "${values.cmd}"`} --scenarios ${file})\n`);
      if (report) {
        const info = { submission: submission.description, pingInterval: intervalText, portBase: 12000, detectSeconds };
        const history: RunHistory = {
          schema: HISTORY_SCHEMA,
          tool: 'conform',
          submission: submission.description,
          startedAt: new Date().toISOString(),
          pingInterval: intervalText,
          portBase: 12000,
          detectSeconds,
          complete: true,
          ms: run.result.ms,
          scenarios: [run.result.history],
        };
        writeReports(report, gradeResults([run.result], history, DEFAULT_RUBRIC), info, { history });
        process.stdout.write(`report: ${join(report, 'summary.json')}\n`);
      }
    }
    if (interrupt.status() !== undefined) return interrupt.status()!;
    return outcome.failure ? EXIT.failed : EXIT.passed;
  } finally {
    await submission.cleanup();
  }
}
