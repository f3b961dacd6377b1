/**
 * `npm run selftest -- --repeat 20`: grades the reference peer again and again and prints how many
 * runs' verdicts differed from the first. A grader that is not repeatable is not fair: must be 0.
 */
import { parseFlags, numberFlag } from '../cli/args.ts';
import { PEER_BIN } from '../cli/peer-command.ts';
import { gradeProgram } from '../runner/grade-program.ts';
import { loadScenarios } from '../scenarios/load.ts';
import { DEFAULT_JOBS } from '../cli/run-command.ts';

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

let first: string | undefined;
let differed = 0;
for (let run = 1; run <= repeat; run++) {
  const grade = await gradeProgram([PEER_BIN], { interval: intervalText, jobs, scenarios });
  const verdicts = grade.steps.map((s) => `${s.step}:${s.status}:${s.score}`).join(' ');
  first ??= verdicts;
  const same = verdicts === first;
  if (!same) differed++;
  console.log(`run ${run}/${repeat}: ${verdicts} in ${(grade.ms / 1000).toFixed(1)} s${same ? '' : '  <- differs'}`);
  if (!same || grade.steps.some((s) => s.status !== 'pass')) {
    for (const s of grade.steps) for (const r of s.reasons) console.log(`  step ${s.step}: ${r}`);
  }
}
console.log(`${differed} of ${repeat} runs had verdicts that differed from the first`);
process.exitCode = differed === 0 ? 0 : 1;
