/**
 * `class.csv`: one row per submission of a class batch: its name, one column per step with its
 * points, the total, the maximum, its state and the reason, and how long it took (last, so that
 * a comparison of two runs can drop it).
 */
import type { ClassChange } from '../conformance/batch/class-diff.ts';
import type { ClassRow } from '../conformance/batch/class-row.ts';
import { plainLine } from '../conformance/safe-text.ts';

/** The steps any row graded, in step order: the class's columns. */
export function classSteps(rows: readonly ClassRow[]): { step: number; name: string }[] {
  const steps = new Map<number, string>();
  for (const row of rows) for (const s of row.steps) steps.set(s.step, s.name);
  return [...steps].sort((a, b) => a[0] - b[0]).map(([step, name]) => ({ step, name }));
}

/** A CSV field: quoted when needed; text a spreadsheet would run as a formula is defused. */
export function csvField(value: string | number): string {
  let text = typeof value === 'number' ? String(value) : plainLine(value);
  if (/^[=+\-@]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderClassCsv(rows: readonly ClassRow[]): string {
  const steps = classSteps(rows);
  const header = ['name', ...steps.map((s) => `step ${s.step} ${s.name}`), 'total', 'max', 'state', 'reason', 'seconds'];
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    const points = steps.map((s) => row.steps.find((r) => r.step === s.step)?.score ?? '');
    lines.push([row.name, ...points, row.score, row.max, row.state, row.reason, row.seconds].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The changes between two gradings of a class, one per line (`conform diff --csv`). */
export function renderDiffCsv(changes: readonly ClassChange[]): string {
  const lines = [['name', 'what', 'old', 'new'].join(',')];
  for (const c of changes) lines.push([c.name, c.what, c.old, c.new].map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}
