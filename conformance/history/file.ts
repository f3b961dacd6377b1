/**
 * `history.json`: a run's history saved beside its reports, so that `conform report DIR` judges
 * and renders it again without running anything. It is bounded by the same caps as the run (each
 * peer's transcript is already capped; stderr keeps its end). A file of another schema version,
 * or one that is not a history at all, is refused in one line.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConformError } from '../errors.ts';
import { HISTORY_SCHEMA, type RunHistory } from './history.ts';

export const HISTORY_FILE = 'history.json';

/** Writes `DIR/history.json` whole or not at all (a temporary name, then a rename). */
export function saveHistory(dir: string, history: RunHistory): string {
  const path = join(dir, HISTORY_FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify(history));
  renameSync(`${path}.tmp`, path);
  return path;
}

/** Reads a saved history, or throws a one-line error naming the file and what is wrong. */
export function loadHistory(dir: string): RunHistory {
  const path = join(dir, HISTORY_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConformError('usage', `no saved run at ${path}: give the --report directory of a \`conform run\``);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConformError('unreadable', `${path} is not valid JSON (${(error as Error).message.split('\n')[0]}): run the submission again`);
  }
  const h = raw as Partial<RunHistory> | null;
  if (typeof h !== 'object' || h === null || h.tool !== 'conform' || !Array.isArray(h.scenarios)) {
    throw new ConformError('unreadable', `${path} is not a conform history: run the submission again`);
  }
  if (h.schema !== HISTORY_SCHEMA) {
    throw new ConformError('unreadable', `${path} has history schema ${String(h.schema)}, this conform reads ${HISTORY_SCHEMA}: run the submission again with this version`);
  }
  for (const [i, s] of h.scenarios.entries()) {
    if (typeof s !== 'object' || s === null || !Array.isArray(s.phases) || !Array.isArray(s.peers) || typeof s.scenario?.name !== 'string') {
      throw new ConformError('unreadable', `${path}: scenario ${i + 1} is not a scenario history: run the submission again`);
    }
  }
  return h as RunHistory;
}
