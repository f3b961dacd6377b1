/**
 * Writes a graded run's reports into a directory: the formats chosen with `--format` (default
 * all), every peer's transcript, and (from `conform run`) the `history.json` they were judged
 * from. `conform run --report DIR` and `conform report DIR` both write through here, so a saved
 * run renders the same.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Grade } from '../checkers/grade-model.ts';
import { usageError } from '../errors.ts';
import { saveHistory } from '../history/file.ts';
import type { RunHistory } from '../history/history.ts';
import { renderGradescope, renderGradescopeUnstartable } from '../../reports/gradescope.ts';
import { renderHtml } from '../../reports/html.ts';
import { renderJunit } from '../../reports/junit.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import { renderPrairieLearn, renderPrairieLearnUnstartable } from '../../reports/prairielearn.ts';
import { renderSummary, type RunInfo } from '../../reports/summary-json.ts';
import { renderTranscript } from '../../reports/transcripts.ts';
import { runKey, transcriptFile } from '../../reports/step-text.ts';

/** Each format `--format` names, with the file it writes and its renderer. */
const FORMATS = {
  md: { file: 'report.md', render: renderMarkdown },
  html: { file: 'report.html', render: renderHtml },
  junit: { file: 'junit.xml', render: renderJunit },
  gradescope: { file: 'results.json', render: renderGradescope },
  prairielearn: { file: 'prairielearn.json', render: renderPrairieLearn },
  json: { file: 'summary.json', render: renderSummary },
} as const satisfies Record<string, { file: string; render: (grade: Grade, info: RunInfo) => string }>;

export type Format = keyof typeof FORMATS;
export const ALL_FORMATS = Object.keys(FORMATS) as Format[];

/** `--format md,html,…` as formats (all when absent), or a one-line usage error. */
export function parseFormats(value: string | undefined): Format[] {
  if (value === undefined) return ALL_FORMATS;
  const names = value.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.find((n) => !(n in FORMATS));
  if (unknown !== undefined || names.length === 0) {
    throw usageError(`--format takes a comma-separated list of ${ALL_FORMATS.join(',')}, not "${unknown ?? value}"`);
  }
  return [...new Set(names)] as Format[];
}

export function writeReports(dir: string, grade: Grade, info: RunInfo, options: { history?: RunHistory; formats?: readonly Format[] } = {}): void {
  mkdirSync(dir, { recursive: true });
  if (options.history) saveHistory(dir, options.history);
  for (const format of options.formats ?? ALL_FORMATS) writeFileSync(join(dir, FORMATS[format].file), FORMATS[format].render(grade, info));
  for (const result of grade.scenarios) {
    const folder = join(dir, 'transcripts', runKey(result));
    mkdirSync(folder, { recursive: true });
    for (const t of result.transcripts) writeFileSync(join(dir, transcriptFile(result, t)), renderTranscript(t));
  }
}

/**
 * A submission that could not be built or started: the course systems still get a file, saying
 * why (PrairieLearn: not gradable, no attempt used; Gradescope: score 0 with the reason).
 */
export function writeUnstartableReports(dir: string, reason: string, formats: readonly Format[] = ALL_FORMATS): void {
  mkdirSync(dir, { recursive: true });
  if (formats.includes('prairielearn')) writeFileSync(join(dir, FORMATS.prairielearn.file), renderPrairieLearnUnstartable(reason));
  if (formats.includes('gradescope')) writeFileSync(join(dir, FORMATS.gradescope.file), renderGradescopeUnstartable(reason));
}

/** The settings of a saved run, as the reports name them. */
export function infoOf(history: RunHistory): RunInfo {
  return { submission: history.submission, pingInterval: history.pingInterval, portBase: history.portBase, detectSeconds: history.detectSeconds };
}
