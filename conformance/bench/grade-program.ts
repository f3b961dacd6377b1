/** Grades a program with the default rubric and settings: what the benchmark scripts compare. */
import { DEFAULT_RUBRIC } from '../checkers/rubric.ts';
import { hasNamespaces } from '../driver/namespace.ts';
import { gradeSubmission, type Grade } from '../runner/run-all.ts';
import { timingFor } from '../runner/timing.ts';
import type { Scenario } from '../scenarios/types.ts';

export function gradeProgram(
  program: readonly string[],
  options: { interval: string; jobs: number; scenarios: readonly Scenario[] },
): Promise<Grade> {
  return gradeSubmission({
    program,
    interval: options.interval,
    timing: timingFor({ interval: Number(options.interval) }),
    portBase: 12000,
    isolate: hasNamespaces(),
    scenarios: options.scenarios,
    jobs: options.jobs,
    rubric: DEFAULT_RUBRIC,
  });
}
