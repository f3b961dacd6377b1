/**
 * `conform batch`, `merge` and `diff` end to end on a small real class: a correct peer, two
 * broken ones, two bad archives and an empty folder, graded on one short scenario.
 */
import test from 'ava';
import { execa } from 'execa';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { conform, CONFORM, freshTmp } from './_cli.ts';
import { makeClass } from './_class.ts';
import { entries } from './_leftovers.ts';

const GRADING = ['--only', 'store-keys', '--ping-interval', '0.3', '--jobs', '6'];
const NAMES = ['broken-join-wrap', 'broken-store-no-wrap', 'empty', 'evil', 'ref', 'x'];

const tmp = freshTmp();
const classDir = makeClass();
const out = (name: string) => join(tmp, name);

test.after.always(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(classDir, { recursive: true, force: true });
});

/** class.csv without its timing column (the last), for comparing two gradings. */
function classRows(results: string): string[] {
  return readFileSync(join(results, 'class.csv'), 'utf8').trim().split('\n').map((line) => line.replace(/,[\d.]+$/, ''));
}

const noLeftovers = (t: import('ava').ExecutionContext, results: string) => {
  t.deepEqual(entries(tmp, 'conform-batch-'), [], 'no unpacked archive left behind');
  t.deepEqual(entries(results, '.'), [], 'no half-written submission folder left behind');
};

test.serial('a mixed class: every submission is a row with its reason; a rerun regrades nothing', async (t) => {
  const results = out('whole');
  const first = await conform(['batch', classDir, '--out', results, ...GRADING], { tmp });
  t.is(first.exitCode, 0, String(first.all));
  const csv = readFileSync(join(results, 'class.csv'), 'utf8');
  const rows = Object.fromEntries(csv.trim().split('\n').slice(1).map((line) => [line.split(',')[0], line]));
  t.deepEqual(Object.keys(rows).sort(), NAMES);
  t.regex(csv.split('\n')[0], /^name,step 6 Data insertion,total,max,state,reason,seconds$/);
  t.regex(rows.ref, /^ref,11,11,11,passed,,/);
  t.regex(rows['broken-store-no-wrap'], /,failed,failed step 6 \(Data insertion\),/);
  t.regex(rows.x, /,unstartable,"?bad archive: not a readable zip archive/);
  t.regex(rows.evil, /,unstartable,"bad archive: entry ""\.\.\/evil"" reaches outside the archive"/);
  t.regex(rows.empty, /,unstartable,".*empty holds none of p2p\.py.*it is empty"/);
  for (const name of ['ref', 'broken-join-wrap', 'broken-store-no-wrap']) {
    for (const file of ['summary.json', 'report.md', 'history.json', 'done.json']) t.true(existsSync(join(results, name, file)), `${name}/${file}`);
  }
  t.true(existsSync(join(results, 'index.html')));
  t.is(JSON.parse(readFileSync(join(results, 'batch.json'), 'utf8')).settings.pingInterval, '0.3');
  noLeftovers(t, results);

  const mtimes = () => ['ref', 'broken-store-no-wrap'].map((name) => statSync(join(results, name, 'summary.json')).mtimeMs);
  const before = mtimes();
  const started = performance.now();
  const again = await conform(['batch', classDir, '--out', results, ...GRADING], { tmp });
  t.is(again.exitCode, 0, String(again.all));
  t.deepEqual(mtimes(), before, 'no summary rewritten');
  t.is(String(again.stderr).match(/already graded/g)?.length, NAMES.length, String(again.stderr));
  t.true(performance.now() - started < 20_000, 'a rerun starts no ring');
});

test.serial('a batch killed midway and run again ends as an uninterrupted one', async (t) => {
  const results = out('killed');
  const child = execa(CONFORM, ['batch', classDir, '--out', results, ...GRADING], { reject: false, env: { CI: '1', TMPDIR: tmp } });
  const deadline = Date.now() + 60_000;
  // The first graded submission's results: a folder with a summary (unstartable rows have none).
  while (!['ref', 'broken-join-wrap', 'broken-store-no-wrap'].some((n) => existsSync(join(results, n, 'summary.json'))) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGTERM');
  const stopped = await child;
  t.is(stopped.exitCode, 143, String(stopped.stderr));
  t.true(classRows(results).length - 1 < NAMES.length, 'the batch was stopped before the end');
  noLeftovers(t, results);
  const resumed = await conform(['batch', classDir, '--out', results, ...GRADING], { tmp });
  t.is(resumed.exitCode, 0, String(resumed.all));
  t.regex(String(resumed.stderr), /already graded/);
  t.deepEqual(classRows(results), classRows(out('whole')));
});

test.serial('three shards graded apart and merged equal the whole class', async (t) => {
  const shards = [0, 1, 2].map((i) => out(`shard-${i}`));
  const runs = await Promise.all(
    shards.map((dir, i) => conform(['batch', classDir, '--out', dir, '--shard', `${i}/3`, ...GRADING.slice(0, -1), '2'], { tmp })),
  );
  for (const run of runs) t.is(run.exitCode, 0, String(run.all));
  const sizes = shards.map((dir) => classRows(dir).length - 1);
  t.is(sizes.reduce((a, b) => a + b), NAMES.length, 'each submission in one shard');
  const merged = await conform(['merge', '--out', out('merged'), ...shards], { tmp });
  t.is(merged.exitCode, 0, String(merged.all));
  t.deepEqual(classRows(out('merged')), classRows(out('whole')));
  t.true(existsSync(join(out('merged'), 'ref', 'report.md')));

  const overlap = await conform(['merge', '--out', out('overlap'), out('whole'), shards[0]], { tmp });
  t.is(overlap.exitCode, 2);
  t.regex(String(overlap.stderr).trim(), /^conform: merge: submission ".+" is in both .+ and .+: merge each shard once/);
  t.is(String(overlap.stderr).trim().split('\n').length, 1);
});

test.serial('diff names what a regrade under another rubric changed; merge refuses mixed rubrics', async (t) => {
  const rubric = join(tmp, 'rubric.json');
  writeFileSync(rubric, JSON.stringify({ items: { store: 22 } }));
  const regraded = out('regraded');
  const run = await conform(['batch', classDir, '--out', regraded, '--rubric', rubric, ...GRADING], { tmp });
  t.is(run.exitCode, 0, String(run.all));
  const csv = join(tmp, 'diff.csv');
  const diff = await conform(['diff', out('whole'), regraded, '--csv', csv], { tmp });
  t.is(diff.exitCode, 1, String(diff.all));
  t.regex(String(diff.stdout), /ref\s*│\s*step 6 Data insertion\s*│\s*11\/11 pass\s*│\s*22\/22 pass/);
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  t.is(lines[0], 'name,what,old,new');
  t.true(lines.includes('ref,total,11/11,22/22'), lines.join('\n'));
  t.false(lines.some((l) => l.startsWith('empty,')), 'an unstartable submission did not change');
  const same = await conform(['diff', out('whole'), out('merged')], { tmp });
  t.is(same.exitCode, 0, String(same.all));

  const mixed = await conform(['merge', '--out', out('mixed'), out('whole'), regraded], { tmp });
  t.is(mixed.exitCode, 2);
  t.regex(String(mixed.stderr).trim(), /^conform: merge: .+ was graded with another rubric than .+/);
});

test('bad usage of batch, merge and diff: one line, exit 2', async (t) => {
  for (const args of [
    ['batch', classDir],
    ['batch', join(tmp, 'nowhere'), '--out', out('x')],
    ['batch', classDir, '--out', out('x'), '--shard', '3/3'],
    ['merge', '--out', out('y')],
    ['diff', out('nowhere')],
  ]) {
    const result = await conform(args, { tmp });
    t.is(result.exitCode, 2, args.join(' '));
    t.is(String(result.stderr).trim().split('\n').length, 1, String(result.stderr));
  }
});
