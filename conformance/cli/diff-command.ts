/** `conform diff OLD NEW`: which submissions' steps or points changed between two class results. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { table } from 'table';
import { diffClasses } from '../batch/class-diff.ts';
import { readRows } from '../batch/class-row.ts';
import { usageError } from '../errors.ts';
import { plainLine } from '../safe-text.ts';
import { renderDiffCsv } from '../../reports/class-csv.ts';
import { parseFlags } from './args.ts';
import { readBatchInfo } from './batch-results.ts';

export const DIFF_HELP = `Usage: conform diff <old> <new> [--csv <file>]

Compares two class results ('conform batch --out' or 'conform merge --out' folders), e.g. before
and after a regrade under another rubric or scenarios: prints each submission's changed state,
step points and total.

Options:
  --csv <file>   also write the changes as CSV (name, what, old, new)
  -h, --help     this help

Exit status: 0 nothing changed, 1 something changed, 2 bad usage.
`;

const FLAGS = { csv: { type: 'string' } } as const;

export async function diffCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, 'diff');
  if (positionals.length !== 2) throw usageError(`diff takes two results folders (old, new), got ${positionals.length}`);
  const [before, after] = positionals.map((p) => {
    const dir = resolve(p);
    if (!readBatchInfo(dir)) throw usageError(`diff: ${dir} holds no batch.json: give the --out folders of 'conform batch' or 'conform merge'`);
    return readRows(dir);
  });
  const changes = diffClasses(before, after);
  if (values.csv) writeFileSync(resolve(values.csv), renderDiffCsv(changes));
  if (changes.length === 0) {
    process.stdout.write(`no submission's steps or points changed (${after.length} submissions)\n`);
    return 0;
  }
  const rows = [['submission', 'what', 'old', 'new'], ...changes.map((c) => [c.name, c.what, c.old, c.new].map(plainLine))];
  process.stdout.write(table(rows));
  const names = new Set(changes.map((c) => c.name)).size;
  process.stdout.write(`${changes.length} changes in ${names} of ${Math.max(before.length, after.length)} submissions\n`);
  return 1;
}
