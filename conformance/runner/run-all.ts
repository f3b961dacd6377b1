/**
 * Grades one submission: every scenario, `jobs` at a time (each in its own namespace), then the
 * findings added up into the seven step verdicts.
 */
import { gradeSteps } from '../checkers/grade.ts';
import { type StepVerdict } from '../checkers/grade-model.ts';
import type { Rubric } from '../checkers/rubric.ts';
import type { Scenario } from '../scenarios/types.ts';
import { runScenario, type RunOptions, type ScenarioResult } from './run-scenario.ts';

export type GradeOptions = RunOptions & {
  readonly scenarios: readonly Scenario[];
  readonly jobs: number;
  readonly rubric: Rubric;
  /** Shares one bound on rings at once between several gradings (tests, a class's batch). */
  readonly limiter?: Limiter;
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

export type Grade = {
  readonly steps: readonly StepVerdict[];
  readonly scenarios: readonly ScenarioResult[];
  readonly score: number;
  readonly max: number;
  /** False when the run was interrupted and some scenarios did not run. */
  readonly complete: boolean;
  readonly ms: number;
  /** The walls of the sandboxes the scenarios ran in, in words (one line each kind). */
  readonly sandbox: readonly string[];
};

export async function gradeSubmission(options: GradeOptions): Promise<Grade> {
  const started = performance.now();
  // Longest scenarios first, so that the slowest ring does not start last.
  const ordered = [...options.scenarios].sort((a, b) => weight(b) - weight(a));
  const limiter = options.limiter ?? createLimiter(options.isolate ? options.jobs : 1);
  const results = await Promise.all(
    ordered.map((scenario) => limiter(async () => (options.signal?.aborted ? undefined : runScenario(scenario, options)))),
  );
  const done = options.scenarios
    .map((s) => results.find((r) => r?.scenario === s.name))
    .filter((r): r is ScenarioResult => r !== undefined);
  const steps = gradeSteps(done.flatMap((r) => r.findings), options.rubric);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    steps,
    scenarios: done,
    // Over the steps this run graded: a run of some scenarios (--only) is out of what it tried.
    score: round(steps.filter((s) => s.graded).reduce((sum, s) => sum + s.score, 0)),
    max: round(steps.filter((s) => s.graded).reduce((sum, s) => sum + s.max, 0)),
    complete: done.length === options.scenarios.length && !options.signal?.aborted,
    ms: Math.round(performance.now() - started),
    sandbox: [...new Set(done.map((r) => r.sandbox))],
  };
}

/** How long each predecessor of a killed peer took to notice (spec §3 step 5), per scenario. */
export function detectionsOf(grade: Grade): { scenario: string; peer: number; ms: number }[] {
  return grade.scenarios.flatMap((r) =>
    r.findings.flatMap((f) => (f.detections ?? []).map((d) => ({ scenario: r.scenario, ...d }))),
  );
}

/** A rough cost of a scenario: kills wait for detection, every action for the ring to settle. */
function weight(scenario: Scenario): number {
  return scenario.actions.reduce((sum, a) => sum + (a.type === 'kill' ? 3 : 1), scenario.pings ? 1 : 0);
}
