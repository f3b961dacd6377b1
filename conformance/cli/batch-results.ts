/**
 * A class batch's results directory: `RESULTS/<name>/` per submission (its reports and its
 * `done.json`), `class.csv`, `index.html` and `batch.json` (the rubric and settings it was graded
 * under). Everything is written under a temporary name and renamed into place, so a batch killed
 * at any moment leaves finished submissions whole and no half-written one that looks finished.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DONE_FILE, readRows, type ClassRow } from '../batch/class-row.ts';
import type { Rubric } from '../checkers/rubric.ts';
import { ConformError, usageError } from '../errors.ts';
import { renderClassCsv } from '../../reports/class-csv.ts';
import { renderClassHtml } from '../../reports/class-html.ts';

export const BATCH_FILE = 'batch.json';

/** What a class was graded under; two results merge or compare only when these are equal. */
export type BatchInfo = {
  readonly tool: 'conform';
  readonly rubric: Rubric;
  readonly settings: {
    readonly pingInterval: string;
    readonly portBase: number;
    readonly detectSeconds: number;
    readonly scenarios: readonly string[];
    /** Names of the --env variables (their values are not recorded). */
    readonly env: readonly string[];
  };
  /** `i/n`, or null for a whole class (or a merge of shards). */
  readonly shard: string | null;
};

/** Writes a file whole or not at all. */
export function writeWhole(path: string, text: string): void {
  writeFileSync(`${path}.tmp-${process.pid}`, text);
  renameSync(`${path}.tmp-${process.pid}`, path);
}

export function readBatchInfo(results: string): BatchInfo | undefined {
  const path = join(results, BATCH_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as BatchInfo;
    if (info?.tool !== 'conform' || typeof info.settings !== 'object') throw new Error('not a conform batch');
    return info;
  } catch (error) {
    throw new ConformError('unreadable', `${path} cannot be read (${(error as Error).message.split('\n')[0]}): grade the class again with --force`);
  }
}

/** The rubric and settings of a batch as one comparable string (the shard left out). */
export function gradingKey(info: BatchInfo): string {
  return JSON.stringify({ rubric: info.rubric, settings: info.settings });
}

/** One line saying how two batches were graded differently, or undefined if they were not. */
export function gradingDifference(a: BatchInfo, b: BatchInfo): string | undefined {
  if (JSON.stringify(a.rubric) !== JSON.stringify(b.rubric)) return 'another rubric';
  for (const key of Object.keys(a.settings) as (keyof BatchInfo['settings'])[]) {
    if (JSON.stringify(a.settings[key]) !== JSON.stringify(b.settings[key])) return `another ${key} (${JSON.stringify(a.settings[key])} and ${JSON.stringify(b.settings[key])})`;
  }
  return undefined;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes what a killed batch left half-written (`.partial-<name>-<pid>`), and puts back a
 * finished folder it had moved aside to replace (`.old-<name>-<pid>`) when its replacement never
 * arrived. Leaves alone what a running conform is writing.
 */
export function sweepPartials(results: string): void {
  if (!existsSync(results)) return;
  for (const entry of readdirSync(results)) {
    const match = /^\.(partial|old)-(.+)-(\d+)$/.exec(entry);
    if (!match || isAlive(Number(match[3]))) continue;
    const path = join(results, entry);
    if (match[1] === 'old' && !existsSync(join(results, match[2]))) renameSync(path, join(results, match[2]));
    else rmSync(path, { recursive: true, force: true });
  }
  for (const entry of readdirSync(results)) {
    const tmp = /\.tmp-(\d+)$/.exec(entry);
    if (tmp && !isAlive(Number(tmp[1]))) rmSync(join(results, entry), { force: true });
  }
}

/**
 * Writes one submission's folder: `fill` writes its reports into a fresh temporary folder, then
 * its row goes in as `done.json` and the folder is renamed to `RESULTS/<name>` (replacing an
 * earlier grading of it).
 */
export function writeSubmissionResult(results: string, row: ClassRow, fill: (dir: string) => void): void {
  const partial = join(results, `.partial-${row.name}-${process.pid}`);
  const final = join(results, row.name);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    fill(partial);
    const { reports: _links, ...stored } = row;
    writeFileSync(join(partial, DONE_FILE), `${JSON.stringify(stored, null, 2)}\n`);
    if (existsSync(final)) {
      const old = join(results, `.old-${row.name}-${process.pid}`);
      renameSync(final, old);
      renameSync(partial, final);
      rmSync(old, { recursive: true, force: true });
    } else renameSync(partial, final);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/** Rewrites `class.csv` and `index.html` from every finished submission under `results`. */
export function writeClassFiles(results: string, info: BatchInfo): ClassRow[] {
  const rows = readRows(results);
  writeWhole(join(results, 'class.csv'), renderClassCsv(rows));
  const s = info.settings;
  const settings = `Ping interval ${s.pingInterval} s; scenarios: ${s.scenarios.join(', ')}${info.shard ? `; shard ${info.shard}` : ''}.`;
  writeWhole(join(results, 'index.html'), renderClassHtml(rows, { title: 'conform: class results', settings }));
  return rows;
}

export function writeBatchInfo(results: string, info: BatchInfo): void {
  writeWhole(join(results, BATCH_FILE), `${JSON.stringify(info, null, 2)}\n`);
}

/** Refuses a results folder graded under other settings, unless they are to be replaced. */
export function checkSameGrading(results: string, info: BatchInfo, force: boolean): void {
  const earlier = readBatchInfo(results);
  if (!earlier || force) return;
  const difference = gradingDifference(earlier, info);
  if (difference) throw usageError(`batch: ${results} was graded with ${difference}: give another --out, or --force to regrade every submission`);
  if (earlier.shard !== info.shard) throw usageError(`batch: ${results} holds shard ${earlier.shard ?? 'all'}, not ${info.shard ?? 'all'}: give another --out`);
}
