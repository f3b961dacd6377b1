/**
 * Writes a graded run's reports into a directory: `summary.json`, `report.md`, every peer's
 * transcript, and (from `conform run`) the `history.json` they were judged from. `conform run
 * --report DIR` and `conform report DIR` both write through here, so a saved run renders the same.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Grade } from '../checkers/grade-model.ts';
import { saveHistory } from '../history/file.ts';
import type { RunHistory } from '../history/history.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import { renderSummary, type RunInfo } from '../../reports/summary-json.ts';
import { renderTranscript } from '../../reports/transcripts.ts';

export function writeReports(dir: string, grade: Grade, info: RunInfo, history?: RunHistory): void {
  mkdirSync(dir, { recursive: true });
  if (history) saveHistory(dir, history);
  writeFileSync(join(dir, 'summary.json'), renderSummary(grade, info));
  writeFileSync(join(dir, 'report.md'), renderMarkdown(grade, info));
  for (const result of grade.scenarios) {
    const folder = join(dir, 'transcripts', result.scenario);
    mkdirSync(folder, { recursive: true });
    for (const t of result.transcripts) writeFileSync(join(folder, `peer-${t.peer}.log`), renderTranscript(t));
  }
}

/** The settings of a saved run, as the reports name them. */
export function infoOf(history: RunHistory): RunInfo {
  return { submission: history.submission, pingInterval: history.pingInterval, portBase: history.portBase, detectSeconds: history.detectSeconds };
}
