/** `conform merge --out MERGED RESULTS…`: join the shards of a class batch into one class result. */
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readRows } from '../batch/class-row.ts';
import { EXIT, usageError } from '../errors.ts';
import { parseFlags } from './args.ts';
import { gradingDifference, readBatchInfo, writeBatchInfo, writeClassFiles, writeSubmissionResult, type BatchInfo } from './batch-results.ts';

export const MERGE_HELP = `Usage: conform merge --out <merged> <results>...

Joins the results of 'conform batch --shard' (or any batches of the same class) into one:
copies each submission's folder into <merged> and writes its class.csv, index.html and
batch.json. Refuses results graded under another rubric or settings, and a submission found in
two results.

Options:
  --out <merged>   a new (or empty) folder for the merged class
  -h, --help       this help

Exit status: 0 merged, 2 bad usage, mixed rubrics or settings, or a submission in two results.
`;

const FLAGS = { out: { type: 'string' } } as const;

export async function mergeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, 'merge');
  if (!values.out) throw usageError('merge needs --out <merged>: a new folder for the merged class');
  if (positionals.length === 0) throw usageError('merge needs the results folders to join (the --out of each batch)');
  const out = resolve(values.out);
  const inputs = positionals.map((p) => resolve(p));
  if (inputs.includes(out)) throw usageError(`merge: --out ${out} is one of the results to merge: give a new folder`);
  if (existsSync(out) && readdirSync(out).length > 0) throw usageError(`merge: ${out} is not empty: give a new folder for the merged class`);
  const infos = inputs.map((dir) => {
    const info = readBatchInfo(dir);
    if (!info) throw usageError(`merge: ${dir} holds no batch.json: give the --out folders of 'conform batch'`);
    return info;
  });
  for (const [i, info] of infos.entries()) {
    const difference = gradingDifference(infos[0], info);
    if (difference) throw usageError(`merge: ${inputs[i]} was graded with ${difference} than ${inputs[0]}: merge only results graded alike`);
  }
  const owner = new Map<string, string>();
  const sources = inputs.map((dir) => ({ dir, rows: readRows(dir) }));
  for (const { dir, rows } of sources) {
    for (const row of rows) {
      const other = owner.get(row.name);
      if (other) throw usageError(`merge: submission "${row.name}" is in both ${other} and ${dir}: merge each shard once`);
      owner.set(row.name, dir);
    }
  }
  const shards = infos.map((i) => i.shard).filter((s): s is string => s !== null);
  const count = shards.length ? Number(shards[0].split('/')[1]) : 0;
  const missing = Array.from({ length: count }, (_, i) => `${i}/${count}`).filter((s) => !shards.includes(s));
  if (missing.length) process.stderr.write(`conform: merge: shard ${missing.join(', ')} not among the results: the class is incomplete\n`);

  mkdirSync(out, { recursive: true });
  const info: BatchInfo = { ...infos[0], shard: null };
  writeBatchInfo(out, info);
  for (const { dir, rows } of sources) {
    for (const row of rows) writeSubmissionResult(out, row, (partial) => cpSync(join(dir, row.name), partial, { recursive: true }));
  }
  const rows = writeClassFiles(out, info);
  process.stdout.write(`merged ${rows.length} submissions from ${inputs.length} results\nclass: ${join(out, 'index.html')}\n`);
  return EXIT.passed;
}
