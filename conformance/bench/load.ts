/**
 * `npm run bench:load`: grades the slow-starting fixture peer on 12 scenarios with --jobs 12, first
 * on an idle machine, then with a busy loop on every core, and prints the largest delay of
 * conform's event loop in each run (target: under 100 ms) and how many step verdicts differ
 * between the two (target: 0): a grade must not depend on what else the machine does.
 * `--ping-interval` (default 1), `--jobs` (default 12) and `--program` (another peer) may be given.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseFlags, numberFlag } from '../cli/args.ts';
import type { Grade } from '../checkers/grade-model.ts';
import { gradeProgram } from '../runner/grade-program.ts';
import { loadScenarios } from '../scenarios/load.ts';
import { resolveSubmission } from '../submission/resolve.ts';

const SLOW_START = fileURLToPath(new URL('../../fixtures/peers/variant-slow-start/', import.meta.url));

const { values } = parseFlags(process.argv.slice(2), {
  'ping-interval': { type: 'string' },
  jobs: { type: 'string' },
  program: { type: 'string' },
}, 'bench:load');
// Validated, then passed on as the peers will see it on their command line.
const intervalText = String(numberFlag('ping-interval', values['ping-interval'], 1, 0.1, 60));
const jobs = numberFlag('jobs', values.jobs, 12, 1, 64, true);
const submission = await resolveSubmission({ path: values.program ?? SLOW_START });
const scenarios = loadScenarios().slice(0, 12);

// One busy loop per core, each its own process (killed by PID at the end, or on an interrupt).
const hogs: ChildProcess[] = [];
const stopHogs = () => {
  for (const hog of hogs.splice(0)) hog.kill('SIGKILL');
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopHogs();
    void submission.cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

const grade = (): Promise<Grade> => gradeProgram(submission.program, { interval: intervalText, jobs, scenarios });
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const reruns = (g: Grade) => g.scenarios.filter((r) => r.notes.some((n) => /^run \d+ times|^graded although the observation/.test(n))).length;
const line = (label: string, g: Grade) => {
  const spread = Math.max(...g.scenarios.map((r) => r.history.observation?.startSpreadMs ?? 0));
  return `${label.padEnd(9)} wall ${s(g.ms).padStart(7)}  largest event-loop delay ${String(g.maxLoopDelayMs).padStart(5)} ms  widest start spread ${String(spread).padStart(4)} ms  scenarios run again ${reruns(g)}  score ${g.score}/${g.max}`;
};

try {
  console.log(`grading ${submission.description} on ${scenarios.length} scenarios, --jobs ${jobs}, ping interval ${intervalText} s`);
  const idle = await grade();
  console.log(line('unloaded', idle));
  const cores = availableParallelism();
  for (let i = 0; i < cores; i++) hogs.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  const busy = await grade();
  stopHogs();
  console.log(line(`loaded`, busy) + `  (${cores} busy loops)`);
  const differences = idle.steps.filter((step) => {
    const other = busy.steps.find((b) => b.step === step.step);
    return other?.status !== step.status || other.score !== step.score;
  });
  console.log(`${differences.length} step verdicts differ between the unloaded and the loaded run${differences.length ? `: steps ${differences.map((d) => d.step).join(', ')}` : ''}`);
  for (const [label, g] of [['unloaded', idle], ['loaded', busy]] as const) {
    for (const step of g.steps.filter((st) => st.graded && st.status !== 'pass')) console.log(`  ${label} step ${step.step}: ${step.reasons.slice(0, 2).join(' | ')}`);
    for (const r of g.scenarios) for (const n of r.notes) console.log(`  ${label} ${r.scenario}: ${n}`);
  }
  process.exitCode = differences.length === 0 && Math.max(idle.maxLoopDelayMs ?? 0, busy.maxLoopDelayMs ?? 0) < 100 ? 0 : 1;
} finally {
  stopHogs();
  await submission.cleanup();
}
