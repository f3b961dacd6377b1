/**
 * Gradescope's `results.json` (an autograder's `/autograder/results/results.json`). One test per
 * step the run graded, numbered by the step ("3" for step 3: the rubric gives points per step and
 * per item, but a student acts on a step); its score and max are the step verdict's. Steps the run
 * did not exercise (`--only`) are left out, so that they cost nothing. The top-level `score` is
 * the grade's, which Gradescope shows instead of the sum of the tests.
 */
import type { Grade } from '../conformance/checkers/grade-model.ts';
import { capText, runText, stepText } from './step-text.ts';
import type { RunInfo } from './summary-json.ts';

export type GradescopeTest = {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  visibility: 'visible';
};

export type GradescopeResults = {
  score: number;
  execution_time: number;
  output: string;
  output_format: 'text';
  visibility: 'visible';
  tests: GradescopeTest[];
};

export function renderGradescope(grade: Grade, _info: RunInfo): string {
  const results: GradescopeResults = {
    score: grade.score,
    execution_time: Math.round(grade.ms / 1000),
    output: runText(grade),
    output_format: 'text',
    visibility: 'visible',
    tests: grade.steps
      .filter((s) => s.graded)
      .map((s) => ({
        name: `Step ${s.step}: ${s.name}`,
        number: String(s.step),
        score: s.score,
        max_score: s.max,
        status: s.status === 'pass' ? 'passed' : 'failed',
        output: stepText(s),
        visibility: 'visible',
      })),
  };
  return JSON.stringify(results, null, 2) + '\n';
}

/** A submission that could not be built or started: no points, and why. */
export function renderGradescopeUnstartable(reason: string): string {
  const results: GradescopeResults = {
    score: 0,
    execution_time: 0,
    output: capText(`The submission could not be built or started, so no step was graded:\n${reason}`),
    output_format: 'text',
    visibility: 'visible',
    tests: [],
  };
  return JSON.stringify(results, null, 2) + '\n';
}
