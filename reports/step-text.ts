/**
 * A step verdict as plain text for systems that show text (Gradescope, PrairieLearn): its reasons
 * and wording warnings, one line each, capped so that a program printing megabytes of bad lines
 * cannot blow up a results file (PrairieLearn refuses one over 1 MB).
 */
import type { Grade, ScenarioResult, StepVerdict } from '../conformance/checkers/grade-model.ts';
import type { PeerRecord } from '../conformance/history/history.ts';
import { isFailing, STATUS_LABEL } from '../conformance/checkers/grade-model.ts';
import { plainLine } from '../conformance/safe-text.ts';

/** Characters one text field may hold; the caller's total stays far below 1 MB. */
export const FIELD_CAP = 8000;

/** `text` cut to `cap` characters, saying how much was cut. */
export function capText(text: string, cap = FIELD_CAP): string {
  if (text.length <= cap) return text;
  const note = `\n… ${text.length - cap} more characters cut (see report.md and the transcripts)`;
  return text.slice(0, cap - note.length) + note;
}

/** The step's reasons, then its wording warnings, as capped plain text. */
export function stepText(step: StepVerdict): string {
  const lines = step.graded ? [] : ['not graded: no scenario of this run exercised this step'];
  if (step.runs && step.runs.passed < step.runs.total) lines.push(`${STATUS_LABEL[step.status]}: passed in ${step.runs.passed} of ${step.runs.total} runs`);
  lines.push(...step.reasons.map((r) => `- ${plainLine(r)}`));
  if (step.warnings.length) lines.push('Wording (no points lost by default):', ...step.warnings.map((w) => `- ${plainLine(w)}`));
  if (step.graded && step.status === 'pass' && lines.length === 0) lines.push('pass');
  return capText(lines.join('\n'));
}

/** With `--repeat`: in how many runs the step passed, e.g. " (passed in 3 of 5 runs)"; else ''. */
export function stepRuns(step: StepVerdict): string {
  return step.runs ? ` (passed in ${step.runs.passed} of ${step.runs.total} runs)` : '';
}

/** Which run of its scenario a finding judged, e.g. " (run 2 of 5)"; '' without `--repeat`. */
export function runOf(repeat: number | undefined, repeats: number | undefined): string {
  return repeat !== undefined && (repeats ?? 1) > 1 ? ` (run ${repeat + 1} of ${repeats})` : '';
}

/**
 * The name of one run of a scenario, for its transcripts' folder and its place in a page:
 * the scenario's name, and with `--repeat` its run ("kill-middle-run-2").
 */
export function runKey(result: ScenarioResult): string {
  return result.history.repeat === undefined ? result.scenario : `${result.scenario}-run-${result.history.repeat + 1}`;
}

/**
 * Where a peer's transcript is in a report: `transcripts/<run>/peer-N.log`, and `peer-N-2.log`
 * for a second process of the same ID (a peer that quit or was killed and joined again).
 */
export function transcriptFile(result: ScenarioResult, record: PeerRecord): string {
  const index = result.transcripts.filter((t) => t.peer === record.peer).indexOf(record);
  return `transcripts/${runKey(result)}/peer-${record.peer}${index > 0 ? `-${index + 1}` : ''}.log`;
}

/** Every scenario's notes, each after the scenario's name and, with `--repeat`, its run. */
export function notesOf(grade: Grade): string[] {
  return grade.scenarios.flatMap((r) => r.notes.map((n) => `${r.scenario}${runOf(r.history.repeat, grade.repeats)}: ${n}`));
}

/** The first reason of a step, or its status: what a one-line summary shows. */
export function firstReason(step: StepVerdict): string {
  return step.reasons.length ? plainLine(step.reasons[0]) : STATUS_LABEL[step.status];
}

/** The run as a short text: score, each step's line, and the run's notes. */
export function runText(grade: Grade): string {
  const lines = [`Score ${grade.score}/${grade.max}${grade.complete ? '' : ' (interrupted: partial result)'}`];
  for (const s of grade.steps) lines.push(`Step ${s.step} ${s.name}: ${STATUS_LABEL[s.status]} ${s.score}/${s.max}${stepRuns(s)}${isFailing(s.status) ? ` (${firstReason(s)})` : ''}`);
  const notes = notesOf(grade).map(plainLine);
  if (notes.length) lines.push('Notes:', ...notes.map((n) => `- ${n}`));
  return capText(lines.join('\n'), 4 * FIELD_CAP);
}
