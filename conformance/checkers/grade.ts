/**
 * Adds findings up into the seven step verdicts. An item earns its points in proportion to the
 * findings of it that passed; a finding that follows from an earlier failure in a chained
 * scenario is reported but neither earns nor costs.
 *
 * With `--repeat N` each scenario ran N times and each of its findings comes N times, once per
 * run: the runs of one finding are one result, which passed (every run passed), failed (none
 * did), or is flaky (some did): a flaky result earns the rubric's `flaky` share of its points
 * (none by default), never the credit of a pass, and the step says in how many runs it passed.
 */
import type { Step } from '../protocol/catalogue.ts';
import { STEP_OF_ITEM, type Finding, type Item, type Status, type StepVerdict } from './grade-model.ts';
import { STEP_NAMES, type Rubric } from './rubric.ts';

const round = (n: number) => Math.round(n * 100) / 100;

/** The runs of one finding: the same check of the same scenario, once per repeat. */
type Result = { readonly runs: readonly Finding[] };

/** Findings of one item grouped into results: by scenario, and by order within each run. */
function resultsOf(findings: readonly Finding[]): Result[] {
  const results = new Map<string, Finding[]>();
  const seen = new Map<string, number>();
  for (const finding of findings) {
    const run = `${finding.scenario}\u0000${finding.repeat ?? 0}`;
    const index = seen.get(run) ?? 0;
    seen.set(run, index + 1);
    const key = `${finding.scenario}\u0000${index}`;
    results.set(key, [...(results.get(key) ?? []), finding]);
  }
  return [...results.values()].map((runs) => ({ runs }));
}

function statusOf(result: Result): Status {
  if (result.runs.some((f) => f.status === 'not-graded')) return 'not-graded';
  const passed = result.runs.filter((f) => f.status === 'pass').length;
  return passed === result.runs.length ? 'pass' : passed === 0 ? 'fail' : 'flaky';
}

function gradeItem(findings: readonly Finding[], points: number, flakyShare: number): { earned: number; status: Status | undefined } {
  const results = resultsOf(findings);
  // A result that follows from an earlier failure in every run that failed neither earns nor costs.
  const counted = results.filter((r) => !r.runs.every((f) => f.status === 'pass' || f.followsFrom));
  const clean = results.filter((r) => r.runs.every((f) => f.status === 'pass'));
  const judged = [...clean, ...counted];
  if (judged.length === 0) return { earned: 0, status: findings.length ? 'fail' : undefined };
  const statuses = judged.map(statusOf);
  const credit = statuses.reduce((sum, s) => sum + (s === 'pass' ? 1 : s === 'flaky' ? flakyShare : 0), 0);
  const status: Status = statuses.includes('not-graded') ? 'not-graded' : statuses.includes('fail') ? 'fail' : statuses.includes('flaky') ? 'flaky' : 'pass';
  return { earned: (points * credit) / judged.length, status };
}

/** "runs 2 and 5 of 5" */
function runsInWords(runs: readonly number[], total: number): string {
  const numbers = runs.map((r) => r + 1);
  const list = numbers.length === 1 ? `${numbers[0]}` : `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
  return `${numbers.length === 1 ? 'run' : 'runs'} ${list} of ${total}`;
}

/** The seven step verdicts from every finding of a run; `repeats`: how often each scenario ran. */
export function gradeSteps(findings: readonly Finding[], rubric: Rubric, repeats = 1): StepVerdict[] {
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
      const { earned, status } = gradeItem(mine.filter((f) => f.item === item), points, rubric.flaky);
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
        : statuses.includes('flaky')
          ? 'flaky'
          : 'pass';
    // Fresh-ring scenarios first: their reasons isolate the defect; a chained sequence's come after.
    const failed = [...mine.filter((f) => !f.followsFrom), ...mine.filter((f) => f.followsFrom)].filter((f) => f.status !== 'pass');
    const runsOf = new Map<string, number[]>();
    for (const f of failed) {
      for (const r of f.reasons) {
        const reason = f.followsFrom ? `${r} (may follow from the earlier failure: ${f.followsFrom})` : r;
        const runs = runsOf.get(reason) ?? [];
        if (!runs.includes(f.repeat ?? 0)) runs.push(f.repeat ?? 0);
        runsOf.set(reason, runs);
      }
    }
    const reasons = [...runsOf].map(([reason, runs]) => (repeats > 1 ? `${reason} (${runsInWords(runs, repeats)})` : reason));
    const passedRuns = Array.from({ length: repeats }, (_, r) => r).filter((r) => mine.every((f) => (f.repeat ?? 0) !== r || f.status === 'pass' || f.followsFrom)).length;
    steps.push({
      step,
      name: STEP_NAMES[step],
      status,
      score: round(score),
      max: round(max),
      reasons: statuses.length === 0 ? ['not graded: no scenario of this run exercised this step'] : reasons,
      warnings,
      graded: statuses.length > 0,
      ...(repeats > 1 && statuses.length > 0 ? { runs: { passed: passedRuns, total: repeats } } : {}),
    });
  }
  return steps;
}
