/**
 * Adds findings up into the seven step verdicts. An item earns its points in proportion to the
 * findings of it that passed; a finding that follows from an earlier failure in a chained
 * scenario is reported but neither earns nor costs.
 */
import type { Step } from '../protocol/catalogue.ts';
import { STEP_OF_ITEM, type Finding, type Item, type Status, type StepVerdict } from './grade-model.ts';
import { STEP_NAMES, type Rubric } from './rubric.ts';

const round = (n: number) => Math.round(n * 100) / 100;

function gradeItem(findings: readonly Finding[], points: number): { earned: number; status: Status | undefined } {
  const counted = findings.filter((f) => !(f.followsFrom && f.status !== 'pass'));
  if (counted.length === 0) return { earned: 0, status: findings.length ? 'fail' : undefined };
  const passed = counted.filter((f) => f.status === 'pass').length;
  const status: Status = counted.some((f) => f.status === 'not-graded')
    ? 'not-graded'
    : passed === counted.length
      ? 'pass'
      : 'fail';
  return { earned: (points * passed) / counted.length, status };
}

/** The seven step verdicts from every finding of a run. */
export function gradeSteps(findings: readonly Finding[], rubric: Rubric): StepVerdict[] {
  const steps: StepVerdict[] = [];
  for (const step of [1, 2, 3, 4, 5, 6, 7] as Step[]) {
    const items = (Object.keys(STEP_OF_ITEM) as Item[]).filter((item) => STEP_OF_ITEM[item] === step);
    const mine = findings.filter((f) => f.step === step);
    let score = 0;
    let max = 0;
    const statuses: Status[] = [];
    for (const item of items) {
      const points = rubric.items[item];
      max += points;
      const { earned, status } = gradeItem(mine.filter((f) => f.item === item), points);
      score += earned;
      if (status) statuses.push(status);
    }
    const warnings = [...new Set(mine.flatMap((f) => f.warnings))];
    score = Math.max(0, score - Math.min(score, rubric.wording * warnings.length));
    // A step no scenario exercised (a run with --only) could not be graded.
    const status: Status = statuses.includes('not-graded') || statuses.length === 0
      ? 'not-graded'
      : statuses.includes('fail')
        ? 'fail'
        : 'pass';
    // Fresh-ring scenarios first: their reasons isolate the defect; a chained sequence's come after.
    const reasons = [...mine.filter((f) => !f.followsFrom), ...mine.filter((f) => f.followsFrom)]
      .filter((f) => f.status !== 'pass')
      .flatMap((f) => f.reasons.map((r) => (f.followsFrom ? `${r} (may follow from the earlier failure: ${f.followsFrom})` : r)));
    steps.push({
      step,
      name: STEP_NAMES[step],
      status,
      score: round(score),
      max: round(max),
      reasons: statuses.length === 0 ? ['not graded: no scenario of this run exercised this step'] : [...new Set(reasons)],
      warnings,
      graded: statuses.length > 0,
    });
  }
  return steps;
}
