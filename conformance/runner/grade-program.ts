/**
 * Grades a program with the default rubric and port base, in namespaces where the machine has
 * them: what the benchmark scripts compare and the end-to-end tests assert on.
 */
import { DEFAULT_RUBRIC } from '../checkers/rubric.ts';
import { hasNamespaces } from '../driver/namespace.ts';
import type { Scenario } from '../scenarios/types.ts';
import type { Grade } from '../checkers/grade-model.ts';
import { gradeSubmission, type Limiter } from './run-all.ts';
import { timingFor } from './timing.ts';

export async function gradeProgram(
  program: readonly string[],
  options: { interval: string; jobs: number; scenarios: readonly Scenario[]; detectSeconds?: number; limiter?: Limiter; repeats?: number; env?: Readonly<Record<string, string>> },
): Promise<Grade> {
  const graded = await gradeSubmission({
    program,
    interval: options.interval,
    timing: timingFor({ interval: Number(options.interval), detectSeconds: options.detectSeconds }),
    portBase: 12000,
    isolate: hasNamespaces(),
    scenarios: options.scenarios,
    jobs: options.jobs,
    rubric: DEFAULT_RUBRIC,
    limiter: options.limiter,
    ...(options.repeats ? { repeats: options.repeats } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  return graded.grade;
}
