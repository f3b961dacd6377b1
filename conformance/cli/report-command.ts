/** `conform report DIR`: judge a saved run (`DIR/history.json`) again and write its reports there. */
import { resolve } from 'node:path';
import { gradeRun } from '../checkers/grade-run.ts';
import { DEFAULT_RUBRIC, loadRubric } from '../checkers/rubric.ts';
import { EXIT, usageError } from '../errors.ts';
import { loadHistory } from '../history/file.ts';
import { renderTable } from '../../reports/table.ts';
import { parseFlags } from './args.ts';
import { ALL_FORMATS, infoOf, parseFormats, writeReports } from './write-reports.ts';

export const REPORT_HELP = `Usage: conform report <dir> [options]

Judges the run saved in <dir>/history.json (written by \`conform run --report <dir>\`) again,
without running anything, and writes its reports and the transcripts there anew.

Options:
  --format <list>   the reports to write, comma-separated: ${ALL_FORMATS.join(',')} (default all)
  --rubric <file>   regrade under other points per rubric item (JSON; see README)
  -h, --help        this help

Exit status: 0 all steps passed, 1 a step failed, 2 bad usage or no saved run in <dir>,
5 the saved run cannot be read (corrupt, or saved by another version).
`;

const FLAGS = { rubric: { type: 'string' }, format: { type: 'string' } } as const;

export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, 'report');
  if (positionals.length !== 1) throw usageError(`report takes one directory, got ${positionals.length ? positionals.join(' ') : 'none'}`);
  const dir = resolve(positionals[0]);
  const formats = parseFormats(values.format);
  const rubric = values.rubric ? loadRubric(values.rubric) : DEFAULT_RUBRIC;
  const history = loadHistory(dir);
  const grade = gradeRun(history, rubric);
  writeReports(dir, grade, infoOf(history), { formats });
  process.stdout.write(renderTable(grade, process.stdout.columns ?? 100));
  process.stdout.write(`report: ${dir}\n`);
  const graded = grade.steps.filter((s) => s.graded);
  return graded.every((s) => s.status === 'pass') ? EXIT.passed : EXIT.failed;
}
