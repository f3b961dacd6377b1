/**
 * `report.md` of a run: what a student reads first. The seven steps with their points and first
 * reason, wording warnings, then for each step that did not pass every reason and each failed
 * check with its evidence (the line expected, the line printed, the peer, how long after the
 * action, and the command that reruns just that scenario), then notes and measured figures, with
 * links to the transcripts that show the evidence.
 */
import { detectionsOf } from '../conformance/checkers/grade-run.ts';
import type { Finding, Grade, ScenarioResult } from '../conformance/checkers/grade-model.ts';
import { isFailing, STATUS_LABEL } from '../conformance/checkers/grade-model.ts';
import { markdownText } from '../conformance/safe-text.ts';
import { evidenceOf, peerLinesOf, rerunCommand } from './evidence.ts';
import { firstReason, notesOf, runOf, stepRuns, transcriptFile } from './step-text.ts';
import type { RunInfo } from './summary-json.ts';


// Markdown must show a printed line as it is, never act on it (a student's HTML or backticks).
const escape = markdownText;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Facts that follow from a decisive one, shown under each group before the rest are counted. */
const CONSEQUENCES_SHOWN = 4;

/** Each failed check of a scenario, with its evidence laid out. */
function failedChecks(r: ScenarioResult, info: RunInfo, repeats: number | undefined): string[] {
  const out: string[] = [];
  const evidence = (reason: string, f: Finding, indent: string) => {
    const e = evidenceOf(reason, f, r);
    const parts: string[] = [];
    if (e.expected !== undefined) parts.push(`${indent}- expected line (peer ${e.peer}): ${escape(e.expected)}`);
    if (e.closest !== undefined) parts.push(`${indent}- ${e.expected !== undefined ? 'closest line printed' : 'line printed'}: ${escape(e.closest)}${e.closestMs !== undefined ? `, ${secs(e.closestMs)} after the action` : ''}`);
    return parts;
  };
  for (const f of r.findings.filter((x) => x.status === 'fail')) {
    out.push(`### ${escape(r.scenario)}${runOf(f.repeat, repeats)}: ${f.item}${f.action ? ` after ${escape(f.action)}` : ''}`, '');
    const d = f.diagnosis;
    if (d) {
      // The decisive fact first, why it was that peer's job, the known mistake; then what follows.
      out.push(`- **First:** ${escape(d.decisive.reason)}`);
      if (d.role) out.push(`  - whose job: ${escape(d.role)}`);
      out.push(...evidence(d.decisive.reason, f, '  '));
      if (d.hint) out.push(`  - hint: ${escape(d.hint.text)}`);
      if (d.consequences.length) out.push('- Following from it:');
      for (const c of d.consequences) {
        out.push(`  - ${escape(c.summary)}`);
        for (const fact of c.facts.slice(0, CONSEQUENCES_SHOWN)) out.push(`    - ${escape(fact.reason)}`);
        if (c.facts.length > CONSEQUENCES_SHOWN) out.push(`    - … and ${c.facts.length - CONSEQUENCES_SHOWN} more (see summary.json)`);
      }
    } else {
      for (const reason of f.reasons) out.push(`- ${escape(reason)}`, ...evidence(reason, f, '  '));
    }
    for (const p of peerLinesOf(f, r)) {
      out.push(`- peer ${p.peer} was to print: ${p.expected.length ? p.expected.map(escape).join(' / ') : 'no line of its own'}`);
      out.push(`  - it printed after the action: ${p.printed.length ? p.printed.map((l) => `${escape(l.text)} (+${secs(l.ms)})`).join(' / ') : 'no line but pings'}`);
    }
    if (f.followsFrom) out.push(`- may follow from an earlier failure (no points lost): ${escape(f.followsFrom)}`);
    out.push('', 'Rerun just this scenario:', '', '```', rerunCommand(info.submission, r.scenario).replace(/`/g, "'"), '```', '');
  }
  return out;
}

/**
 * A failed step in brief: each failed check's decisive fact with a count of what follows from it
 * (the whole evidence is under "Failed checks"); checks without a diagnosis give their reasons.
 */
function stepSummary(grade: Grade, step: number): string[] {
  const lines = grade.scenarios.flatMap((r) =>
    r.findings
      .filter((f) => f.step === step && f.status === 'fail')
      .flatMap((f) => {
        const d = f.diagnosis;
        if (!d) return f.reasons;
        const more = d.consequences.reduce((n, c) => n + c.facts.length, 0);
        return [`${d.decisive.reason}${more ? ` (and ${more} more facts that follow from it: see ${r.scenario} under Failed checks)` : ''}`];
      }),
  );
  return [...new Set(lines)];
}

export function renderMarkdown(grade: Grade, info: RunInfo): string {
  const out: string[] = [
    `# conform: ${escape(info.submission)}`,
    '',
    `Score **${grade.score}/${grade.max}**${grade.complete ? '' : ' (interrupted: partial result)'}, ping interval ${info.pingInterval} s, port base ${info.portBase}, detection deadline ${info.detectSeconds} s.`,
    '',
    '| Step | Name | Status | Points | First reason |',
    '|---|---|---|---|---|',
    ...grade.steps.map((s) => `| ${s.step} | ${s.name} | ${isFailing(s.status) ? `**${STATUS_LABEL[s.status]}**` : STATUS_LABEL[s.status]}${stepRuns(s)} | ${s.score}/${s.max} | ${isFailing(s.status) ? escape(firstReason(s)) : ''} |`),
    '',
  ];
  const warnings = grade.steps.flatMap((s) => s.warnings.map((w) => `step ${s.step}: ${w}`));
  if (warnings.length) {
    out.push('## Wording', '', 'These lines mean the right thing but are worded otherwise than the spec (no points lost by default):', '');
    out.push(...warnings.slice(0, 50).map((w) => `- ${escape(w)}`));
    if (warnings.length > 50) out.push(`- … and ${warnings.length - 50} more (see summary.json)`);
    out.push('');
  }
  for (const step of grade.steps.filter((s) => s.graded && s.status !== 'pass')) {
    out.push(`## Step ${step.step}: ${step.name}`, '', ...stepSummary(grade, step.step).map((r) => `- ${escape(r)}`), '');
  }
  const checks = grade.scenarios.flatMap((r) => failedChecks(r, info, grade.repeats));
  if (checks.length) out.push('## Failed checks', '', ...checks);
  const notes = notesOf(grade);
  if (notes.length) out.push('## Notes', '', ...notes.map((n) => `- ${escape(n)}`), '');
  const detection = detectionsOf(grade).map((d) => `${d.scenario}: peer ${d.peer} noticed the kill after ${(d.ms / 1000).toFixed(1)} s`);
  if (detection.length) out.push('## Detection of killed peers', '', ...detection.map((d) => `- ${d}`), '');
  out.push('## Scenarios', '');
  for (const r of grade.scenarios) {
    const failed = r.findings.filter((f) => f.status !== 'pass').length;
    const links = r.transcripts.map((t) => `[peer ${t.peer}](${transcriptFile(r, t)})`).join(' ');
    const unconfirmed = r.findings.filter((f) => f.unconfirmedRing).map((f) => f.action ?? f.item);
    const caveat = unconfirmed.length ? `; judged on a ring whose state could not be confirmed: ${unconfirmed.map(escape).join(', ')}` : '';
    out.push(`- **${r.scenario}**${runOf(r.history.repeat, grade.repeats)} (${(r.ms / 1000).toFixed(1)} s): ${failed ? `${failed} of ${r.findings.length} checks failed` : 'all checks passed'}${caveat}; transcripts: ${links}`);
  }
  out.push('', `Sandbox: ${grade.sandbox.map(escape).join('; ') || 'none'}.`);
  return out.join('\n') + '\n';
}
