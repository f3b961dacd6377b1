/**
 * Live progress of a class batch on stderr: on a terminal one rewritten bar (done / total,
 * passing, failing, could not start, elapsed, ETA); otherwise (CI, a pipe) one plain line per
 * finished submission.
 */
import type { ClassRow } from '../conformance/batch/class-row.ts';
import { plainLine } from '../conformance/safe-text.ts';

export type BatchProgress = { readonly finished: (row: ClassRow, skipped: boolean) => void; readonly done: () => void };

const clock = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};

export function createBatchProgress(options: { total: number; stream?: NodeJS.WriteStream; plain?: boolean; now?: () => number }): BatchProgress {
  const stream = options.stream ?? process.stderr;
  const plain = options.plain ?? (!stream.isTTY || Boolean(process.env.CI));
  const now = options.now ?? (() => performance.now());
  const started = now();
  const counts = { done: 0, passed: 0, failed: 0, unstartable: 0, error: 0, graded: 0 };
  const line = () => {
    const elapsed = now() - started;
    // The ETA counts only submissions graded in this run: skipped ones took no time.
    const eta = counts.graded === 0 ? '?' : clock(((elapsed / counts.graded) * (options.total - counts.done)) || 0);
    const width = 24;
    const filled = options.total === 0 ? width : Math.round((counts.done / options.total) * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
    return `${bar} ${counts.done}/${options.total}  passing ${counts.passed}  failing ${counts.failed}  could not start ${counts.unstartable + counts.error}  elapsed ${clock(elapsed)}  ETA ${eta}`;
  };
  if (!plain) stream.write(`\r\x1b[K${line()}`);
  // The elapsed time moves on between completions too; unref'd so it never holds the process.
  const ticker = plain ? undefined : setInterval(() => stream.write(`\r\x1b[K${line()}`), 1000).unref();
  return {
    finished(row, skipped) {
      counts.done++;
      if (!skipped) counts.graded++;
      counts[row.state]++;
      if (plain) stream.write(`${plainLine(row.name)}: ${skipped ? 'already graded, ' : ''}${row.state}${row.state === 'passed' ? '' : `: ${plainLine(row.reason)}`} (${counts.done}/${options.total})\n`);
      else stream.write(`\r\x1b[K${line()}`);
    },
    done() {
      clearInterval(ticker);
      if (!plain) stream.write(`\r\x1b[K${line()}\n`);
    },
  };
}
