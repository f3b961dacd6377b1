/**
 * The fuzz loop: fresh sequences, one fast-check run each (seed S, S+1, …), until the time is up,
 * a run limit is reached, a failure is found or the caller aborts; `jobs` rings at once. Every
 * failure replays from its seed and path (`fc.check(property, { seed, path })`). Counts the
 * situations the sequences reached (situations.ts) for the coverage report.
 */
import fc from 'fast-check';
import { failingRun, sequenceProperty, type FuzzRun } from './property.ts';
import type { RunOptions } from '../conformance/runner/run-scenario.ts';
import { situationsOf, SITUATIONS, type Situation } from './situations.ts';

export type FuzzOptions = RunOptions & {
  readonly seed: number;
  /** Stop drawing new sequences after this long. */
  readonly timeMs: number;
  /** Stop after this many fresh sequences (tests). */
  readonly maxRuns?: number;
  readonly jobs?: number;
  readonly maxLength?: number;
  /** Ring runs spent shrinking a failure, at most. */
  readonly maxShrinks?: number;
  /** After each ring run (logs, tests). */
  readonly onRun?: (run: FuzzRun) => void;
  readonly onProgress?: (progress: FuzzProgress) => void;
};

export type FuzzProgress = {
  /** Fresh sequences drawn and run to the end (their shrinking included). */
  readonly runs: number;
  /** Ring runs, shrinking runs included. */
  readonly ringRuns: number;
  /** Actions driven on rings. */
  readonly commands: number;
  /** The length of the sequence running last. */
  readonly length: number;
  readonly elapsedMs: number;
  readonly failures: number;
  /** Set while a failure is being shrunk. */
  readonly shrinking: boolean;
};

export type FuzzFailure = { readonly seed: number; readonly path: string; readonly run: FuzzRun; readonly shrinks: number; readonly error: string };

export type FuzzOutcome = FuzzProgress & {
  readonly failure?: FuzzFailure;
  readonly situations: Readonly<Record<Situation, number>>;
};

/** The seed of the i-th fresh sequence of a fuzz started at `seed`. */
export const seedOf = (seed: number, i: number) => (seed + i) | 0;

export async function runFuzz(options: FuzzOptions): Promise<FuzzOutcome> {
  const started = performance.now();
  const situations = Object.fromEntries(SITUATIONS.map((s) => [s, 0])) as Record<Situation, number>;
  let runs = 0;
  let ringRuns = 0;
  let commands = 0;
  let length = 0;
  let shrinking = false;
  let next = 0;
  let failure: FuzzFailure | undefined;
  const progress = (): FuzzProgress => ({ runs, ringRuns, commands, length, elapsedMs: Math.round(performance.now() - started), failures: failure ? 1 : 0, shrinking });
  const report = () => options.onProgress?.(progress());
  // The time limit ends a sequence that is running (its rings are stopped and cleaned up, and it
  // counts for nothing), but not the shrinking of a failure found in time: that is bounded by
  // maxShrinks, and a failure is what a long run is for.
  const timeUp = new AbortController();
  const timer = setTimeout(() => {
    if (!shrinking) timeUp.abort();
  }, options.timeMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeUp.signal]) : timeUp.signal;
  const isOver = () =>
    failure !== undefined || signal.aborted || performance.now() - started >= options.timeMs || (options.maxRuns !== undefined && next >= options.maxRuns);

  const worker = async () => {
    while (!isOver()) {
      const seed = seedOf(options.seed, next++);
      let failedOnce = false;
      const property = sequenceProperty({
        ...options,
        signal,
        onStart: (_ring, actions) => {
          length = actions.length;
          report();
        },
        onRun: (run) => {
          ringRuns++;
          commands += run.actions.length;
          if (!failedOnce) for (const s of situationsOf(run.ring, run.actions)) situations[s]++;
          if (run.failures.length) shrinking = failedOnce = true;
          options.onRun?.(run);
          report();
        },
      });
      const details = await fc.check(property, { seed, numRuns: 1 });
      if (signal.aborted && !details.failed) break;
      runs++;
      if (details.failed && !failure) {
        const run = failingRun(details);
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        if (run) failure = { seed, path: details.counterexamplePath ?? '', run, shrinks: details.numShrinks, error };
        else throw details.errorInstance;
      }
      shrinking = false;
      report();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.jobs ?? 1) }, worker));
  } finally {
    clearTimeout(timer);
  }
  return { ...progress(), situations, ...(failure ? { failure } : {}) };
}
