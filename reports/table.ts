/** The closing table of `conform run`: the seven steps with status, points and the first reason. */
import { table } from 'table';
import type { Grade } from '../conformance/runner/run-all.ts';

const MARK = { pass: 'PASS', fail: 'FAIL', error: 'ERROR' } as const;

export function renderTable(grade: Grade, width = 100): string {
  const reasonWidth = Math.max(30, width - 44);
  const rows = [
    ['Step', 'Name', 'Status', 'Points', 'First reason'],
    ...grade.steps.map((s) => [
      String(s.step),
      s.name,
      MARK[s.status],
      `${s.score}/${s.max}`,
      s.reasons[0] ?? (s.warnings.length ? `(wording: ${s.warnings.length} warning${s.warnings.length > 1 ? 's' : ''})` : ''),
    ]),
  ];
  const body = table(rows, {
    columns: { 4: { width: reasonWidth, wrapWord: true } },
    drawHorizontalLine: (index, size) => index === 0 || index === 1 || index === size,
  });
  return `${body}Total: ${grade.score}/${grade.max}${grade.complete ? '' : ' (interrupted: partial result)'}\n`;
}
