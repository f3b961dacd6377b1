/**
 * `npm run bench:batch`: grades a class of 20 (half copies of the reference peer, half of a
 * broken peer) with `conform batch` and the default scenarios, and prints the wall time, the time
 * per submission and the projection for a class of 100 (target: under 30 minutes on 2 cores).
 * `--size`, `--jobs` and `--ping-interval` may be given.
 */
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRows } from '../batch/class-row.ts';
import { numberFlag, parseFlags } from '../cli/args.ts';
import { DEFAULT_JOBS } from '../cli/grade-flags.ts';
import { CONFORM } from '../test/_cli.ts';
import { copyPythonFixture, referenceSubmission } from '../test/_class.ts';

const { values } = parseFlags(process.argv.slice(2), { size: { type: 'string' }, jobs: { type: 'string' }, 'ping-interval': { type: 'string' } }, 'bench:batch');
const size = numberFlag('size', values.size, 20, 2, 500, true);
const jobs = numberFlag('jobs', values.jobs, DEFAULT_JOBS, 1, 64, true);
const interval = String(numberFlag('ping-interval', values['ping-interval'], 1, 0.1, 60));

const work = mkdtempSync(join(tmpdir(), 'conform-bench-batch-'));
try {
  const classDir = join(work, 'class');
  for (let i = 0; i < size; i++) {
    const name = `student-${String(i).padStart(3, '0')}`;
    if (i % 2 === 0) referenceSubmission(join(classDir, name));
    else copyPythonFixture('broken-store-no-wrap', join(classDir, name));
  }
  console.log(`grading a class of ${size} (reference and broken-store-no-wrap peers) with --jobs ${jobs}, ping interval ${interval} s, on ${cpus().length} cores`);
  const started = performance.now();
  const run = await execa(CONFORM, ['batch', classDir, '--out', join(work, 'results'), '--jobs', String(jobs), '--ping-interval', interval], { reject: false, env: { CI: '1' }, all: true });
  const wall = (performance.now() - started) / 1000;
  if (run.exitCode !== 0) throw new Error(`conform batch exited ${run.exitCode}: ${String(run.all).split('\n').slice(-5).join(' | ')}`);
  const rows = readRows(join(work, 'results'));
  const states = rows.map((r) => r.state);
  const each = rows.map((r) => r.seconds);
  const perSubmission = wall / size;
  const projected = (perSubmission * 100) / 60;
  console.log(`wall ${wall.toFixed(1)} s; ${(perSubmission).toFixed(1)} s per submission; each took ${Math.min(...each).toFixed(1)} to ${Math.max(...each).toFixed(1)} s from its start to its results (sharing the rings)`);
  console.log(`states: ${states.filter((s) => s === 'passed').length} passed, ${states.filter((s) => s === 'failed').length} failed, ${states.filter((s) => s !== 'passed' && s !== 'failed').length} other`);
  console.log(`projection for a class of 100: ${projected.toFixed(1)} min (target: under 30 min) ${projected < 30 ? 'OK' : 'TOO SLOW'}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
