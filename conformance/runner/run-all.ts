/** Grades one submission: drives every scenario, records the run's history, judges it. */
import type { Grade, ScenarioResult } from '../checkers/grade-model.ts';
import { gradeResults } from '../checkers/grade-run.ts';
import type { Rubric } from '../checkers/rubric.ts';
import { HISTORY_SCHEMA, type RunHistory } from '../history/history.ts';
import type { Scenario } from '../scenarios/types.ts';
import { watchLoopDelay } from '../driver/loop-delay.ts';
import type { RunOptions, ScenarioEvent } from './run-scenario.ts';
import { runFairly } from './fairness.ts';

export type GradeOptions = RunOptions & {
  readonly scenarios: readonly Scenario[];
  readonly jobs: number;
  readonly rubric: Rubric;
  /** Shares one bound on rings at once between several gradings (tests, a class's batch). */
  readonly limiter?: Limiter;
  /** The submission in words, for the history and the reports. */
  readonly submission?: string;
  /** How many times to run each scenario (`--repeat`, default 1): a step may then be flaky. */
  readonly repeats?: number;
};

/** Runs work with at most n at once, across every caller that shares it. */
export type Limiter = <R>(work: () => Promise<R>) => Promise<R>;

export function createLimiter(n: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await work();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/**
 * Runs every scenario, longest first and `jobs` at a time (each in its own sandbox), and records
 * the run's history; each scenario is judged as its history comes in (for live progress), and the
 * results are added up into the seven step verdicts.
 */
export async function gradeSubmission(options: GradeOptions): Promise<{ grade: Grade; history: RunHistory }> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const repeats = options.repeats ?? 1;
  // Each run of a scenario is a ring of its own: with a sandbox per ring they run side by side.
  const runs = [...options.scenarios]
    .sort((a, b) => weight(b) - weight(a))
    .flatMap((scenario) => Array.from({ length: repeats }, (_, repeat) => ({ scenario, repeat })));
  const limiter = options.limiter ?? createLimiter(options.isolate ? options.jobs : 1);
  const results = new Map<string, ScenarioResult>();
  const key = (name: string, repeat: number) => `${name}\u0000${repeat}`;
  const loop = watchLoopDelay();
  await Promise.all(
    runs.map(({ scenario, repeat }) =>
      limiter(async () => {
        if (options.signal?.aborted) return;
        // Live progress names each run of a scenario apart.
        const onEvent = options.onEvent && ((event: ScenarioEvent) => options.onEvent!(event.type !== 'finding' ? { ...event, scenario: `${event.scenario} (run ${repeat + 1})` } : event));
        const result = await runFairly(scenario, repeats > 1 ? { ...options, repeat, ...(onEvent ? { onEvent } : {}) } : options);
        for (const finding of result.findings) options.onEvent?.({ type: 'finding', finding });
        results.set(key(scenario.name, repeat), result);
      }),
    ),
  );
  loop.stop();
  // In the scenarios' own order, each one's runs together.
  const done = options.scenarios.flatMap((s) => Array.from({ length: repeats }, (_, r) => results.get(key(s.name, r)) ?? []).flat());
  const complete = done.length === options.scenarios.length * repeats && !options.signal?.aborted;
  const ms = Math.round(performance.now() - started);
  const history: RunHistory = {
    schema: HISTORY_SCHEMA,
    tool: 'conform',
    submission: options.submission ?? options.program.join(' '),
    startedAt,
    pingInterval: options.interval,
    portBase: options.portBase,
    detectSeconds: options.timing.detectMs / 1000,
    complete,
    ms,
    maxLoopDelayMs: loop.max(),
    ...(repeats > 1 ? { repeats } : {}),
    scenarios: done.map((r) => r.history),
  };
  return { grade: gradeResults(done, history, options.rubric), history };
}

/** A rough cost of a scenario: kills wait for detection, every action for the ring to settle. */
function weight(scenario: Scenario): number {
  return scenario.actions.reduce((sum, a) => sum + (a.type === 'kill' ? 3 : 1), scenario.pings ? 1 : 0);
}
