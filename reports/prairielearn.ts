/**
 * PrairieLearn's external-grader results (`/grade/results/results.json`, written here as
 * `prairielearn.json`). One test per step the run graded, with the step verdict's points; `score`
 * is the grade's fraction of the points tried. Every text field is capped (step-text.ts) so the
 * file stays far under PrairieLearn's 1 MB limit whatever a program printed.
 */
import type { Grade } from '../conformance/checkers/grade-model.ts';
import { capText, firstReason, runText, stepText } from './step-text.ts';
import type { RunInfo } from './summary-json.ts';

export type PrairieLearnTest = { name: string; points: number; max_points: number; message: string; output: string };

export type PrairieLearnResults =
  | { gradable: true; score: number; message: string; output: string; tests: PrairieLearnTest[] }
  | { gradable: false; format_errors: string[]; message: string; output: string };

export function renderPrairieLearn(grade: Grade, _info: RunInfo): string {
  const fraction = grade.max > 0 ? Math.min(1, Math.max(0, grade.score / grade.max)) : 0;
  const results: PrairieLearnResults = {
    gradable: true,
    score: Math.round(fraction * 10000) / 10000,
    message: `Score ${grade.score}/${grade.max}${grade.complete ? '' : ' (interrupted: partial result)'}`,
    output: runText(grade),
    tests: grade.steps
      .filter((s) => s.graded)
      .map((s) => ({
        name: `Step ${s.step}: ${s.name}`,
        points: s.score,
        max_points: s.max,
        message: capText(firstReason(s), 500),
        output: stepText(s),
      })),
  };
  return JSON.stringify(results, null, 2) + '\n';
}

/** A submission that could not be built or started: not gradable (no attempt used), and why. */
export function renderPrairieLearnUnstartable(reason: string): string {
  const text = capText(reason);
  const results: PrairieLearnResults = {
    gradable: false,
    format_errors: [text.split('\n')[0]],
    message: 'The submission could not be built or started.',
    output: text,
  };
  return JSON.stringify(results, null, 2) + '\n';
}
