/**
 * One submission of a class batch, as the class reports read it: `RESULTS/<name>/done.json`.
 * Written last into a submission's folder (which is renamed into place whole), so a folder with a
 * `done.json` is a finished grading and one without it never existed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Grade } from '../checkers/grade-model.ts';

export const DONE_FILE = 'done.json';

/** `passed`: every graded step passed; `unstartable`: no program, or it cannot be built or started; `error`: conform failed on it. */
export type RowState = 'passed' | 'failed' | 'unstartable' | 'error';

export type RowStep = { readonly step: number; readonly name: string; readonly score: number; readonly max: number; readonly status: string };

export type ClassRow = {
  readonly name: string;
  readonly state: RowState;
  /** Why it is not `passed`, in one line (empty when it passed). */
  readonly reason: string;
  /** The graded steps (none when it could not be graded). */
  readonly steps: readonly RowStep[];
  readonly score: number;
  readonly max: number;
  readonly seconds: number;
  /** The report files in its folder (`report.md`, `report.html`), for links. */
  readonly reports: readonly string[];
};

/** The row of a graded submission. */
export function rowOfGrade(name: string, grade: Grade, seconds: number): ClassRow {
  const graded = grade.steps.filter((s) => s.graded);
  const failing = graded.filter((s) => s.status !== 'pass');
  return {
    name,
    state: failing.length === 0 ? 'passed' : 'failed',
    reason: failing.length === 0 ? '' : `failed step ${failing.map((s) => `${s.step} (${s.name})`).join(', ')}`,
    steps: graded.map((s) => ({ step: s.step, name: s.name, score: round(s.score), max: round(s.max), status: s.status })),
    score: round(grade.score),
    max: round(grade.max),
    seconds: Math.round(grade.ms / 100) / 10,
    reports: [],
  };
}

/** The row of a submission that could not be graded. */
export function rowOfFailure(name: string, state: 'unstartable' | 'error', reason: string, seconds: number): ClassRow {
  return { name, state, reason, steps: [], score: 0, max: 0, seconds, reports: [] };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Every finished submission under a results directory, sorted by name, with its report links. */
export function readRows(results: string): ClassRow[] {
  if (!existsSync(results)) return [];
  const rows: ClassRow[] = [];
  for (const name of readdirSync(results).sort()) {
    if (name.startsWith('.')) continue;
    const row = readRow(join(results, name));
    if (row) rows.push(row);
  }
  return rows;
}

/** A submission folder's row, or undefined if the folder holds no finished grading. */
export function readRow(folder: string): ClassRow | undefined {
  const file = join(folder, DONE_FILE);
  if (!existsSync(file) || !statSync(folder).isDirectory()) return undefined;
  let row: ClassRow;
  try {
    row = JSON.parse(readFileSync(file, 'utf8')) as ClassRow;
  } catch {
    return undefined; // Only ever written whole; a broken one is regraded.
  }
  return { ...row, reports: ['report.md', 'report.html'].filter((r) => existsSync(join(folder, r))) };
}
