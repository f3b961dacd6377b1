/** `conform batch <dir> --out RESULTS`: grade a whole class, side by side, resumably. */
import { onInterrupt } from './interrupt.ts';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readRow, rowOfFailure, rowOfGrade, type ClassRow } from '../batch/class-row.ts';
import { inShard, listClass, parseShard, type ClassEntry } from '../batch/class-list.ts';
import { ArchiveError, archiveExtension, unpackArchive } from '../batch/unpack.ts';
import { hasNamespaces } from '../driver/namespace.ts';
import { sweepLeftovers } from '../driver/leftovers.ts';
import { ownPrefix } from '../driver/owned-names.ts';
import { ConformError, EXIT, usageError } from '../errors.ts';
import { createLimiter, gradeSubmission, type Limiter } from '../runner/run-all.ts';
import { probeStart } from '../submission/probe.ts';
import { resolveSubmission, type Submission } from '../submission/resolve.ts';
import { createBatchProgress } from '../../reports/batch-progress.ts';
import { parseFlags } from './args.ts';
import { checkSameGrading, sweepPartials, writeBatchInfo, writeClassFiles, writeSubmissionResult, type BatchInfo } from './batch-results.ts';
import { GRADE_FLAGS, GRADE_FLAGS_HELP, gradeSettings, type GradeSettings } from './grade-flags.ts';
import { writeReports } from './write-reports.ts';

export const BATCH_HELP = `Usage: conform batch <dir> --out <results> [options]

Grades every submission of a class: each subdirectory or archive (.zip, .tar, .tar.gz, .tgz) of
<dir> is one submission, named by its folder or file. Submissions are graded side by side, at
most --jobs rings in all. Writes <results>/<name>/ (each submission's reports and history.json),
<results>/class.csv, <results>/index.html and <results>/batch.json. A rerun skips submissions
already graded (<results>/<name>/done.json) unless --force; a killed batch loses nothing finished.

Options:
  --out <results>            where the results go (required)
  --shard <i>/<n>            grade only shard i of n (i from 0, e.g. $JOB_COMPLETION_INDEX): a
                             submission is in shard sha256(name) mod n
  --force                    regrade submissions already graded
${GRADE_FLAGS_HELP}
  -h, --help                 this help

Exit status: 0 every submission has its row (passed, failed or unstartable), 2 bad usage,
130/143 interrupted (finished submissions are kept; rerun to finish).
`;

const FLAGS = {
  ...GRADE_FLAGS,
  out: { type: 'string' },
  shard: { type: 'string' },
  force: { type: 'boolean' },
} as const;

type BatchContext = {
  readonly results: string;
  readonly settings: GradeSettings;
  readonly isolate: boolean;
  readonly rings: Limiter;
  readonly signal: AbortSignal;
};

export async function batchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, 'batch');
  if (positionals.length !== 1) throw usageError(`batch takes one folder of submissions, got ${positionals.length ? positionals.join(' ') : 'none'}`);
  if (!values.out) throw usageError('batch needs --out <results>: the folder for the class results');
  const classDir = resolve(positionals[0]);
  if (!existsSync(classDir) || !statSync(classDir).isDirectory()) throw usageError(`batch: ${classDir} is not a directory: give the folder holding the class's submissions`);
  const results = resolve(values.out);
  if (results === classDir || results.startsWith(`${classDir}/`)) throw usageError(`batch: --out ${results} is inside the class folder: put the results elsewhere`);
  if (existsSync(results) && !statSync(results).isDirectory()) throw usageError(`batch: --out ${results} is a file: give a folder for the class results`);
  const shard = parseShard(values.shard);
  const settings = gradeSettings(values);
  const force = values.force ?? false;
  const info: BatchInfo = {
    tool: 'conform',
    rubric: settings.rubric,
    settings: {
      pingInterval: settings.pingInterval,
      portBase: settings.portBase,
      detectSeconds: settings.detectSeconds,
      scenarios: settings.scenarios.map((s) => s.name).sort(),
      env: Object.keys(settings.env).sort(),
    },
    shard: shard ? `${shard.index}/${shard.count}` : null,
  };
  const { entries: all, skipped } = listClass(classDir);
  const entries = inShard(all, shard);
  mkdirSync(results, { recursive: true });
  checkSameGrading(results, info, force);
  sweepPartials(results);
  writeBatchInfo(results, info);

  const interrupt = onInterrupt('stopping every ring; finished submissions are kept');
  try {
    await sweepLeftovers();
    const isolate = hasNamespaces();
    if (!isolate) {
      const why = process.env.CONFORM_NAMESPACES === 'off' ? 'are turned off (CONFORM_NAMESPACES=off)' : 'are not available on this machine';
      process.stderr.write(`conform: network namespaces ${why}: running one scenario at a time, without a sandbox\n`);
    }
    for (const file of skipped) process.stderr.write(`conform: ${file} is neither a folder nor an archive: not a submission\n`);
    process.stderr.write(`conform: ${entries.length} submissions${shard ? ` in shard ${info.shard} (of ${all.length})` : ''}, ${settings.scenarios.length} scenarios each\n`);

    const ctx: BatchContext = { results, settings, isolate, rings: createLimiter(isolate ? settings.jobs : 1), signal: interrupt.signal };
    const progress = createBatchProgress({ total: entries.length });
    // Submissions in flight: enough to keep every ring busy, few enough that each finishes soon.
    const submissions = createLimiter(isolate ? settings.jobs : 1);
    writeClassFiles(results, info);
    await Promise.all(
      entries.map(async (entry) => {
        const earlier = force ? undefined : readRow(join(results, entry.name));
        if (earlier) return progress.finished(earlier, true);
        const row = await submissions(() => (interrupt.signal.aborted ? Promise.resolve(undefined) : gradeEntry(entry, ctx)));
        if (!row) return;
        writeClassFiles(results, info);
        progress.finished(row, false);
      }),
    );
    progress.done();
    const rows = writeClassFiles(results, info);
    const count = (state: string) => rows.filter((r) => r.state === state).length;
    process.stdout.write(`${rows.length} submissions: ${count('passed')} passed, ${count('failed')} failed, ${count('unstartable')} could not start, ${count('error')} errors\n`);
    process.stdout.write(`class: ${join(results, 'index.html')}\n`);
    return interrupt.status() ?? EXIT.passed;
  } finally {
    interrupt.done();
  }
}

/** Grades one submission and writes its folder; undefined when the batch was stopped first. */
async function gradeEntry(entry: ClassEntry, ctx: BatchContext): Promise<ClassRow | undefined> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  let unpacked: string | undefined;
  let submission: Submission | undefined;
  // Reasons name the archive, not the temporary folder it was unpacked into.
  const named = (text: string) => (unpacked ? text.split(unpacked).join(`${entry.name}${archiveExtension(entry.path)}`) : text);
  try {
    let root = entry.path;
    if (entry.kind === 'archive') {
      // Named as conform's own (driver/owned-names.ts): a batch killed outright leaves it for the next run to remove.
      unpacked = mkdtempSync(join(tmpdir(), ownPrefix('batch')));
      await unpackArchive(entry.path, unpacked);
      root = unpacked;
    }
    submission = await resolveSubmission({ path: programRoot(root), signal: ctx.signal });
    await probeStart(submission.program, submission.description);
    const s = ctx.settings;
    const { grade, history } = await gradeSubmission({
      submission: entry.name,
      program: submission.program,
      interval: s.pingInterval,
      timing: s.timing,
      portBase: s.portBase,
      isolate: ctx.isolate,
      env: s.env,
      scenarios: s.scenarios,
      jobs: s.jobs,
      rubric: s.rubric,
      repeats: s.repeats,
      limiter: ctx.rings,
      signal: ctx.signal,
    });
    if (!grade.complete || ctx.signal.aborted) return undefined;
    const row = rowOfGrade(entry.name, grade, seconds());
    const reportInfo = { submission: `${entry.name}: ${named(submission.description)}`, pingInterval: s.pingInterval, portBase: s.portBase, detectSeconds: s.detectSeconds };
    writeSubmissionResult(ctx.results, row, (dir) => writeReports(dir, grade, reportInfo, { history }));
    return row;
  } catch (error) {
    if (ctx.signal.aborted) return undefined;
    let row: ClassRow;
    if (error instanceof ArchiveError) row = rowOfFailure(entry.name, 'unstartable', `bad archive: ${error.message}`, seconds());
    else if (error instanceof ConformError && error.code === 'unstartable') {
      row = rowOfFailure(entry.name, 'unstartable', named([error.message, ...error.details.slice(0, 1)].join(': ')), seconds());
    } else row = rowOfFailure(entry.name, 'error', named(`conform failed on it: ${(error as Error)?.message ?? String(error)}`.split('\n')[0]), seconds());
    writeSubmissionResult(ctx.results, row, () => {});
    return row;
  } finally {
    await submission?.cleanup();
    if (unpacked) rmSync(unpacked, { recursive: true, force: true });
  }
}

/** The program's folder: the tree's top, or its single top-level folder (a zipped folder). */
function programRoot(dir: string): string {
  const entries = readdirSync(dir).filter((name) => !name.startsWith('.') && name !== '__MACOSX');
  if (entries.length === 1 && statSync(join(dir, entries[0])).isDirectory()) return join(dir, entries[0]);
  return dir;
}
