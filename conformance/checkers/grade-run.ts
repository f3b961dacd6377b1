/**
 * A whole run graded from its history: every scenario judged (judge-scenario.ts), the findings
 * added up into the seven steps under a rubric. Pure: `conform run` grades the history it has just
 * recorded, `conform report DIR` one it reads back, `--rubric` regrades under other weights.
 */
import type { RunHistory, ScenarioHistory } from '../history/history.ts';
import { gradeSteps } from './grade.ts';
import type { Grade, ScenarioResult } from './grade-model.ts';
import { judgeScenario } from './judge-scenario.ts';
import type { Rubric } from './rubric.ts';

/** One scenario's result: its history and what the checkers found in it. */
export function resultOf(history: ScenarioHistory): ScenarioResult {
  const judged = judgeScenario(history);
  const repeat = history.repeat;
  return {
    scenario: history.scenario.name,
    findings: repeat === undefined ? judged.findings : judged.findings.map((f) => ({ ...f, repeat })),
    notes: [...judged.notes, ...history.notes],
    transcripts: history.peers,
    ms: history.ms,
    sandbox: history.sandbox,
    history,
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** A saved run graded again (`conform report DIR`, `--rubric`). */
export function gradeRun(run: RunHistory, rubric: Rubric): Grade {
  return gradeResults(run.scenarios.map(resultOf), run, rubric);
}

/** The step verdicts and points of a run's scenario results. */
export function gradeResults(scenarios: readonly ScenarioResult[], run: Pick<RunHistory, 'complete' | 'ms' | 'maxLoopDelayMs' | 'repeats'>, rubric: Rubric): Grade {
  const repeats = run.repeats ?? 1;
  const steps = gradeSteps(scenarios.flatMap((r) => r.findings), rubric, repeats);
  return {
    steps,
    scenarios,
    // Over the steps this run graded: a run of some scenarios (--only) is out of what it tried.
    score: round(steps.filter((s) => s.graded).reduce((sum, s) => sum + s.score, 0)),
    max: round(steps.filter((s) => s.graded).reduce((sum, s) => sum + s.max, 0)),
    complete: run.complete,
    ms: run.ms,
    sandbox: [...new Set(scenarios.map((r) => r.sandbox))],
    ...(run.maxLoopDelayMs !== undefined ? { maxLoopDelayMs: run.maxLoopDelayMs } : {}),
    ...(repeats > 1 ? { repeats } : {}),
  };
}

/** How long each predecessor of a killed peer took to notice (spec §3 step 5), per scenario. */
export function detectionsOf(grade: Grade): { scenario: string; peer: number; ms: number }[] {
  return grade.scenarios.flatMap((r) => r.findings.flatMap((f) => (f.detections ?? []).map((d) => ({ scenario: r.scenario, ...d }))));
}
