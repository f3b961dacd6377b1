/**
 * `npm run fuzz:fixtures`: the fuzzer against every broken fixture peer whose defect lies in
 * behaviour it draws (joins, departures, stores and requests anywhere on the ring), each with the
 * same budget, and a table of what it found: whether, after how many sequences and ring runs, how
 * long, and the shrunk sequence's length. The fixed scenarios already fail these peers; the
 * table shows that the fuzzer, knowing nothing of them, finds them too. Not part of `npm test`
 * (properties/broken.test.ts pins three of them there). `--runs`, `--time` (per peer), `--seed`.
 */
import { join } from 'node:path';
import { table } from 'table';
import { numberFlag, parseFlags } from '../conformance/cli/args.ts';
import { durationFlag } from '../conformance/cli/fuzz-command.ts';
import { FIXTURES } from '../conformance/test/_grade.ts';
import { findPython } from '../conformance/submission/python.ts';
import { fuzzProgram } from './_fuzz.ts';

/** Broken peers whose defect a drawn sequence can reach; those of pings, ports and files are not. */
export const FUZZABLE = [
  'broken-join-wrap',
  'broken-no-predecessor-update-on-join',
  'broken-quit-one-predecessor',
  'broken-quit-never-exits',
  'broken-no-abrupt-detection',
  'broken-wrong-second-successor-after-repair',
  'broken-names-dead-successor',
  'broken-store-owner-off-by-one',
  'broken-store-no-wrap',
  'broken-store-accepted-at-every-hop',
  'broken-request-needs-store',
  'broken-fuzz-high-id-signed-byte',
  'broken-fuzz-joiner-forgets-predecessors',
];

const { values } = parseFlags(process.argv.slice(2), { runs: { type: 'string' }, time: { type: 'string' }, seed: { type: 'string' } }, 'fuzz:fixtures');
const maxRuns = numberFlag('runs', values.runs, 12, 1, 1000, true);
const timeMs = durationFlag(values.time, 120_000);
const seed = numberFlag('seed', values.seed, 1, 0, 2 ** 31, true);
const python = (await findPython()).program;

const rows = [['peer', 'found', 'sequences', 'ring runs', 'seconds', 'shrunk to']];
let found = 0;
for (const peer of FUZZABLE) {
  const started = performance.now();
  const outcome = await fuzzProgram([python, join(FIXTURES, peer, 'p2p.py')], { seed, maxRuns, timeMs, maxShrinks: 4 });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const failure = outcome.failure;
  if (failure) found++;
  rows.push([peer, failure ? 'yes' : 'no', String(outcome.runs), String(outcome.ringRuns), seconds, failure ? `${failure.run.actions.length} actions` : '']);
  console.log(`${peer}: ${failure ? `found after ${outcome.runs} sequences, shrunk to ${failure.run.actions.length} actions: ${failure.run.failures[0]?.slice(0, 160)}` : `not found in ${outcome.runs} sequences`} (${seconds} s)`);
}
console.log(table(rows));
console.log(`found ${found} of ${FUZZABLE.length} with seed ${seed}, at most ${maxRuns} sequences and ${timeMs / 1000} s each`);
