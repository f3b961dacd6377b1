/**
 * `npm run bench:run`: grades the reference peer with --jobs 1 and with the default, and prints
 * the wall time of each, of the longest single scenario, and their ratio (target: the default run
 * takes at most 1.3 times its longest scenario). `--ping-interval` (default 1) and `--jobs` (the
 * parallel run's jobs, default the CLI's default) may be given; `--program` grades another peer.
 */
import { parseFlags, numberFlag } from '../cli/args.ts';
import { PEER_BIN } from '../cli/peer-command.ts';
import { DEFAULT_JOBS } from '../cli/run-command.ts';
import type { Grade } from '../checkers/grade-model.ts';
import { gradeProgram } from '../runner/grade-program.ts';
import { loadScenarios } from '../scenarios/load.ts';
import { resolveSubmission } from '../submission/resolve.ts';

const { values } = parseFlags(process.argv.slice(2), {
  'ping-interval': { type: 'string' },
  jobs: { type: 'string', multiple: true },
  program: { type: 'string' },
  serial: { type: 'boolean' },
}, 'bench:run');
// Validated, then passed on as the peers will see it on their command line.
const intervalText = String(numberFlag('ping-interval', values['ping-interval'], 1, 0.1, 60));
const jobsList = (values.jobs ?? [String(DEFAULT_JOBS)]).map((j) => numberFlag('jobs', j, DEFAULT_JOBS, 1, 64, true));
const submission = values.program ? await resolveSubmission({ path: values.program }) : undefined;
const program = submission?.program ?? [PEER_BIN];
const scenarios = loadScenarios();

const grade = (jobs: number): Promise<Grade> => gradeProgram(program, { interval: intervalText, jobs, scenarios });

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(`grading ${submission?.description ?? 'the reference peer'} at ping interval ${intervalText} s, ${scenarios.length} scenarios`);
const runs: [string, Grade][] = [];
if (values.serial !== false) runs.push(['--jobs 1', await grade(1)]);
for (const jobs of jobsList) runs.push([`--jobs ${jobs}`, await grade(jobs)]);
for (const [label, g] of runs) {
  const longest = Math.max(...g.scenarios.map((r) => r.ms));
  const name = g.scenarios.find((r) => r.ms === longest)?.scenario;
  const failed = g.steps.filter((st) => st.status !== 'pass').map((st) => st.step);
  console.log(
    `${label.padEnd(10)} wall ${s(g.ms).padStart(8)}  longest scenario ${s(longest).padStart(7)} (${name})  ratio ${(g.ms / longest).toFixed(2)}  score ${g.score}/${g.max}${failed.length ? `  failed steps: ${failed.join(', ')}` : ''}`,
  );
}
await submission?.cleanup();
