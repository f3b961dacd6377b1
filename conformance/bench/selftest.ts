/**
 * `npm run selftest -- --repeat 20`: grades the reference peer again and again and prints how many
 * runs' verdicts differed from the first. A grader that is not repeatable is not fair: must be 0.
 */
import { parseFlags, numberFlag } from '../cli/args.ts';
import { PEER_BIN } from '../cli/peer-command.ts';
import { gradeProgram } from '../runner/grade-program.ts';
import { loadScenarios } from '../scenarios/load.ts';
import { DEFAULT_JOBS } from '../cli/run-command.ts';
import { gradeSteps } from '../checkers/grade.ts';
import { DEFAULT_RUBRIC } from '../checkers/rubric.ts';

const { values } = parseFlags(process.argv.slice(2), {
  repeat: { type: 'string' },
  'ping-interval': { type: 'string' },
  jobs: { type: 'string' },
}, 'selftest');
const repeat = numberFlag('repeat', values.repeat, 20, 1, 1000, true);
// Validated, then passed on as the peers will see it on their command line.
const intervalText = String(numberFlag('ping-interval', values['ping-interval'], 0.5, 0.1, 60));
const jobs = numberFlag('jobs', values.jobs, DEFAULT_JOBS, 1, 64, true);
const scenarios = loadScenarios();

// Every run of every scenario at once, `jobs` rings at a time, as `conform run --repeat` does: the
// runs' kills fall in turn just after, half-way between and just before ping rounds.
const started = performance.now();
const grade = await gradeProgram([PEER_BIN], { interval: intervalText, jobs, scenarios, repeats: repeat });
const seconds = (performance.now() - started) / 1000;
const findings = grade.scenarios.flatMap((r) => r.findings);
let first: string | undefined;
let differed = 0;
for (let run = 0; run < repeat; run++) {
  const steps = gradeSteps(findings.filter((f) => (f.repeat ?? 0) === run).map(({ repeat: _, ...f }) => f), DEFAULT_RUBRIC);
  const verdicts = steps.map((s) => `${s.step}:${s.status}:${s.score}`).join(' ');
  first ??= verdicts;
  const same = verdicts === first;
  if (!same) differed++;
  console.log(`run ${run + 1}/${repeat}: ${verdicts}${same ? '' : '  <- differs'}`);
  if (!same || steps.some((s) => s.status !== 'pass')) {
    for (const s of steps) for (const r of s.reasons) console.log(`  step ${s.step}: ${r}`);
  }
}
const flaky = grade.steps.filter((s) => s.status === 'flaky').map((s) => s.step);
console.log(`${differed} of ${repeat} runs had verdicts that differed from the first; flaky steps: ${flaky.length ? flaky.join(', ') : 'none'}`);
console.log(`${seconds.toFixed(1)} s in all, ${(seconds / repeat).toFixed(1)} s per repeat of ${scenarios.length} scenarios (${jobs} rings at once)`);
process.exitCode = differed === 0 && flaky.length === 0 ? 0 : 1;
