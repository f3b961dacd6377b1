/**
 * `report.md` of a run: what a student reads first. The seven steps with their points, then for
 * each step that did not pass every reason, then wording warnings, notes and measured figures,
 * with links to the transcripts that show the evidence.
 */
import { detectionsOf } from '../conformance/checkers/grade-run.ts';
import type { Grade } from '../conformance/checkers/grade-model.ts';
import { STATUS_LABEL } from '../conformance/checkers/grade-model.ts';
import { markdownText } from '../conformance/safe-text.ts';
import type { RunInfo } from './summary-json.ts';


// Markdown must show a printed line as it is, never act on it (a student's HTML or backticks).
const escape = markdownText;

export function renderMarkdown(grade: Grade, info: RunInfo): string {
  const out: string[] = [
    `# conform: ${escape(info.submission)}`,
    '',
    `Score **${grade.score}/${grade.max}**${grade.complete ? '' : ' (interrupted: partial result)'}, ping interval ${info.pingInterval} s, port base ${info.portBase}, detection deadline ${info.detectSeconds} s.`,
    '',
    '| Step | Name | Status | Points |',
    '|---|---|---|---|',
    ...grade.steps.map((s) => `| ${s.step} | ${s.name} | ${s.status === 'fail' ? `**${STATUS_LABEL.fail}**` : STATUS_LABEL[s.status]} | ${s.score}/${s.max} |`),
    '',
  ];
  for (const step of grade.steps.filter((s) => s.graded && s.status !== 'pass')) {
    out.push(`## Step ${step.step}: ${step.name}`, '', ...step.reasons.map((r) => `- ${escape(r)}`), '');
  }
  const warnings = grade.steps.flatMap((s) => s.warnings.map((w) => `step ${s.step}: ${w}`));
  if (warnings.length) {
    out.push('## Wording', '', 'These lines mean the right thing but are worded otherwise than the spec (no points lost by default):', '');
    out.push(...warnings.slice(0, 50).map((w) => `- ${escape(w)}`));
    if (warnings.length > 50) out.push(`- … and ${warnings.length - 50} more (see summary.json)`);
    out.push('');
  }
  const notes = grade.scenarios.flatMap((r) => r.notes.map((n) => `${r.scenario}: ${n}`));
  if (notes.length) out.push('## Notes', '', ...notes.map((n) => `- ${escape(n)}`), '');
  const detection = detectionsOf(grade).map((d) => `${d.scenario}: peer ${d.peer} noticed the kill after ${(d.ms / 1000).toFixed(1)} s`);
  if (detection.length) out.push('## Detection of killed peers', '', ...detection.map((d) => `- ${d}`), '');
  out.push('## Scenarios', '');
  for (const r of grade.scenarios) {
    const failed = r.findings.filter((f) => f.status !== 'pass').length;
    const links = r.transcripts.map((t) => `[peer ${t.peer}](transcripts/${r.scenario}/peer-${t.peer}.log)`).join(' ');
    const unconfirmed = r.findings.filter((f) => f.unconfirmedRing).map((f) => f.action ?? f.item);
    const caveat = unconfirmed.length ? `; judged on a ring whose state could not be confirmed: ${unconfirmed.map(escape).join(', ')}` : '';
    out.push(`- **${r.scenario}** (${(r.ms / 1000).toFixed(1)} s): ${failed ? `${failed} of ${r.findings.length} checks failed` : 'all checks passed'}${caveat}; transcripts: ${links}`);
  }
  out.push('', `Sandbox: ${grade.sandbox.map(escape).join('; ') || 'none'}.`);
  return out.join('\n') + '\n';
}
