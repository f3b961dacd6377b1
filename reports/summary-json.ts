/**
 * `summary.json` of a run: the seven steps in the shape course tooling reads
 * (`{ steps: [{ step, name, status, score, max, reasons }] }`), then every scenario's findings.
 */
import type { Grade } from '../conformance/checkers/grade-model.ts';
import { transcriptFile } from './step-text.ts';

export type RunInfo = {
  readonly submission: string;
  readonly pingInterval: string;
  readonly portBase: number;
  readonly detectSeconds: number;
};

export function renderSummary(grade: Grade, info: RunInfo): string {
  const summary = {
    tool: 'conform',
    submission: info.submission,
    settings: { pingInterval: info.pingInterval, portBase: info.portBase, detectSeconds: info.detectSeconds },
    sandbox: grade.sandbox,
    score: grade.score,
    max: grade.max,
    complete: grade.complete,
    ms: grade.ms,
    // How long conform's own event loop was ever held up: a loaded machine shows here.
    maxLoopDelayMs: grade.maxLoopDelayMs,
    // With --repeat: how many times each scenario ran; each step then says in how many it passed.
    ...(grade.repeats ? { repeats: grade.repeats } : {}),
    steps: grade.steps.map((s) => ({
      step: s.step,
      name: s.name,
      status: s.status,
      score: s.score,
      max: s.max,
      reasons: s.reasons,
      warnings: s.warnings,
      ...(s.runs ? { runs: s.runs } : {}),
    })),
    scenarios: grade.scenarios.map((r) => ({
      name: r.scenario,
      ...(r.history.repeat !== undefined ? { run: r.history.repeat + 1 } : {}),
      ms: r.ms,
      notes: r.notes,
      observation: r.history.observation,
      findings: r.findings,
      transcripts: r.transcripts.map((t) => transcriptFile(r, t)),
    })),
  };
  return JSON.stringify(summary, null, 2) + '\n';
}
