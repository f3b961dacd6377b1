/** Grading helpers for the end-to-end tests: one limiter for every ring a test file starts. */
import { fileURLToPath } from 'node:url';
import { gradeProgram } from '../runner/grade-program.ts';
import { createLimiter } from '../runner/run-all.ts';
import type { Grade } from '../checkers/grade-model.ts';
import { loadScenarios } from '../scenarios/load.ts';
import { resolveSubmission } from '../submission/resolve.ts';
import type { Step } from '../protocol/catalogue.ts';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/peers/', import.meta.url));
export const ALL_SCENARIOS = loadScenarios();

/** One scenario per step: enough to tell which step a defect breaks. */
export const ONE_PER_STEP = ['pings', 'join-middle', 'quit-middle', 'kill-middle', 'store-keys', 'request-no-store'];

// Rings of a test file share the machine: at most this many at once across all its tests.
const limiter = createLimiter(Number(process.env.CONFORM_TEST_RINGS ?? 10));

export async function grade(
  path: string,
  options: { scenarios?: readonly string[]; interval?: string; detectSeconds?: number; repeats?: number } = {},
): Promise<Grade> {
  const submission = await resolveSubmission({ path });
  const interval = options.interval ?? '0.3';
  try {
    return await gradeProgram(submission.program, {
      interval,
      detectSeconds: options.detectSeconds ?? 30,
      scenarios: options.scenarios ? ALL_SCENARIOS.filter((s) => options.scenarios!.includes(s.name)) : ALL_SCENARIOS,
      jobs: 64,
      limiter,
      ...(options.repeats ? { repeats: options.repeats } : {}),
    });
  } finally {
    await submission.cleanup();
  }
}

/** The steps that did not pass, for assertions and readable failure output. */
export function failedSteps(grade: Grade): Step[] {
  return grade.steps.filter((s) => s.status !== 'pass').map((s) => s.step);
}

/** Every reason of every step, one per line, for a test's failure message. */
export function explain(grade: Grade): string {
  return grade.steps
    .filter((s) => s.status !== 'pass')
    .map((s) => `step ${s.step} ${s.status}: ${s.reasons.slice(0, 4).join(' | ')}`)
    .join('\n');
}
