/** The closing table of `conform run`: the seven steps with status, points and the first reason. */
import { table } from 'table';
import type { Grade } from '../conformance/checkers/grade-model.ts';
import { STATUS_LABEL } from '../conformance/checkers/grade-model.ts';


export function renderTable(grade: Grade, width = 100): string {
  // Borders and padding take 3 characters a column and 1 more; the first four columns at most 38
  // ('NOT GRADED' is the widest status).
  const reasonWidth = Math.max(30, width - 38 - 5 * 3 - 1 - 1);
  const rows = [
    ['Step', 'Name', 'Status', 'Points', 'First reason'],
    ...grade.steps.map((s) => [
      String(s.step),
      s.name,
      STATUS_LABEL[s.status].toUpperCase() + (s.runs ? `\n${s.runs.passed} of ${s.runs.total} runs` : ''),
      `${s.score}/${s.max}`,
      s.reasons[0] ?? (s.warnings.length ? `(wording: ${s.warnings.length} warning${s.warnings.length > 1 ? 's' : ''})` : ''),
    ]),
  ];
  const body = table(rows, {
    columns: { 4: { width: reasonWidth, wrapWord: true } },
    drawHorizontalLine: (index, size) => index === 0 || index === 1 || index === size,
  });
  const ungraded = grade.steps.filter((s) => !s.graded).length;
  const notes = [
    ...(ungraded ? [`${ungraded} step${ungraded > 1 ? 's' : ''} not graded`] : []),
    ...(grade.complete ? [] : ['interrupted: partial result']),
  ];
  return `${body}Total: ${grade.score}/${grade.max}${notes.length ? ` (${notes.join('; ')})` : ''}\n`;
}
