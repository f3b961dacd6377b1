/**
 * Grades one submission: every scenario, `jobs` at a time (each in its own namespace), then the
 * findings added up into the seven step verdicts.
 */
import { gradeSteps, type StepVerdict } from '../checkers/grade.ts';
import type { Rubric } from '../checkers/rubric.ts';
import type { Scenario } from '../scenarios/types.ts';
import { runScenario, type RunOptions, type ScenarioResult } from './run-scenario.ts';

export type GradeOptions = RunOptions & {
  readonly scenarios: readonly Scenario[];
  readonly jobs: number;
  readonly rubric: Rubric;
};

export type Grade = {
  readonly steps: readonly StepVerdict[];
  readonly scenarios: readonly ScenarioResult[];
  readonly score: number;
  readonly max: number;
  /** False when the run was interrupted and some scenarios did not run. */
  readonly complete: boolean;
  readonly ms: number;
};

/** Runs `items` through `work` with at most `limit` at once, keeping their order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export async function gradeSubmission(options: GradeOptions): Promise<Grade> {
  const started = performance.now();
  // Longest scenarios first, so that the slowest ring does not start last.
  const ordered = [...options.scenarios].sort((a, b) => weight(b) - weight(a));
  const results = await mapLimit(ordered, options.isolate ? options.jobs : 1, async (scenario) =>
    options.signal?.aborted ? undefined : runScenario(scenario, options),
  );
  const done = options.scenarios
    .map((s) => results.find((r) => r?.scenario === s.name))
    .filter((r): r is ScenarioResult => r !== undefined);
  const steps = gradeSteps(done.flatMap((r) => r.findings), options.rubric);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    steps,
    scenarios: done,
    score: round(steps.reduce((sum, s) => sum + s.score, 0)),
    max: round(steps.reduce((sum, s) => sum + s.max, 0)),
    complete: done.length === options.scenarios.length && !options.signal?.aborted,
    ms: Math.round(performance.now() - started),
  };
}

/** A rough cost of a scenario: kills wait for detection, every action for the ring to settle. */
function weight(scenario: Scenario): number {
  return scenario.actions.reduce((sum, a) => sum + ('kill' in a ? 3 : 1), scenario.pings ? 1 : 0);
}
