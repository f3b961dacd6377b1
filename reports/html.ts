/**
 * `report.html`: one self-contained page (inline CSS and SVG, no script, no network, opens from
 * file://) with the step table, every failed check with its evidence, wording warnings, notes,
 * and per scenario its ring and timeline drawn from the history and its transcripts, collapsed.
 * Every piece of submission text goes through htmlText: a program printing `<script>` shows it.
 */
import type { Grade, ScenarioResult } from '../conformance/checkers/grade-model.ts';
import { isFailing, STATUS_LABEL } from '../conformance/checkers/grade-model.ts';
import type { PeerRecord } from '../conformance/history/history.ts';
import { htmlText } from '../conformance/safe-text.ts';
import { evidenceOf, peerLinesOf, rerunCommand, type PeerLines } from './evidence.ts';
import { firstReason, runKey, runOf, stepRuns, transcriptFile } from './step-text.ts';
import type { RunInfo } from './summary-json.ts';
import { renderRingSvg } from './svg-ring.ts';
import { renderTimelineSvg } from './svg-timeline.ts';

/**
 * Lines of one transcript shown on the page, characters of each, and characters of a scenario's
 * transcripts together (shared among its peers): the .log files hold everything, the page stays
 * small whatever a program prints.
 */
export const PAGE_LINES = 400;
export const PAGE_LINE_CHARS = 300;
export const PAGE_SCENARIO_CHARS = 60_000;

const h = htmlText;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:960px;color:#222}
h1{font-size:1.5em}h2{margin-top:2em;border-bottom:1px solid #ddd}h3{margin-bottom:.3em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
.decisive{font-size:1.05em}.hint{background:#fff6d6;padding:.2em .4em}.pass{color:#176f2c}.fail{color:#b00020;font-weight:bold}.flaky{color:#a15c00;font-weight:bold}.not-graded{color:#777}
code,pre{font:12px/1.35 ui-monospace,monospace}pre{background:#f6f6f6;padding:6px;overflow-x:auto;white-space:pre-wrap}
.check{border-left:4px solid #b00020;padding:2px 10px;margin:10px 0}.check dt{font-weight:bold}.check dd{margin:0 0 4px 1em}
svg text{font:11px system-ui,sans-serif}svg .node circle{fill:#fff;stroke:#333;stroke-width:1.5}svg .node text{text-anchor:middle}
svg .node.joined circle,.joined-key{fill:#dff3e4;stroke:#176f2c;stroke-width:3}svg .node.departed circle,.departed-key{fill:#eee;stroke:#999;stroke-dasharray:3 2}
svg .node.bad circle{stroke:#b00020;stroke-width:3}svg .cross{stroke:#999;stroke-width:2}svg .track{fill:none;stroke:#eee;stroke-width:8}
svg .model1{fill:none;stroke:#2a62b8;stroke-width:1.8}svg .model2{fill:none;stroke:#8aa6d6;stroke-width:1.2;stroke-dasharray:2 2}
svg .wrong{fill:none;stroke:#b00020;stroke-width:2.2;stroke-dasharray:6 3}.wrong-text{fill:#b00020}
.head-model1{fill:#2a62b8}.head-model2{fill:#8aa6d6}.head-wrong{fill:#b00020}
svg line.lane{stroke:#ddd}svg .tick{stroke:#333;stroke-width:2}svg .tick.ping{stroke:#aaa;stroke-width:1}
svg .action line{stroke:#2a62b8;stroke-dasharray:4 3}svg .action text{fill:#2a62b8}
svg .action.failed line{stroke:#b00020}svg .action.failed text{fill:#b00020;font-weight:bold}
svg .detection rect{fill:#f2b33d;opacity:.6}svg .exit{fill:#777}svg .cut{fill:#b00020}
`;

function stepTable(grade: Grade): string {
  const rows = grade.steps.map(
    (s) => `<tr><td>${s.step}</td><td>${h(s.name)}</td><td class="${s.status}">${STATUS_LABEL[s.status]}${h(stepRuns(s))}</td><td>${s.score}/${s.max}</td><td>${isFailing(s.status) ? h(firstReason(s)) : ''}</td></tr>`,
  );
  return `<table class="steps"><thead><tr><th>Step</th><th>Name</th><th>Status</th><th>Points</th><th>First reason</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/** One peer's expected lines beside what it printed after the action. */
function comparison(p: PeerLines): string {
  const expected = p.expected.length ? p.expected.map((e) => `<code class="expected">${h(e)}</code>`).join('<br>') : '<i>no line of its own</i>';
  const printed = p.printed.length ? p.printed.map((l) => `<code class="actual">${h(l.text)}</code> <small>(+${secs(l.ms)})</small>`).join('<br>') : '<i>no line but pings</i>';
  return `<dd><table class="compare"><tr><th>peer ${p.peer}: expected (spec)</th><th>printed after the action</th></tr><tr><td>${expected}</td><td>${printed}</td></tr></table></dd>`;
}

function failedChecks(grade: Grade, info: RunInfo): string {
  const out: string[] = [];
  for (const r of grade.scenarios) {
    for (const f of r.findings.filter((x) => x.status === 'fail')) {
      const evidence = (reason: string) => {
        const e = evidenceOf(reason, f, r);
        const parts: string[] = [];
        if (e.expected !== undefined) parts.push(`<dd>expected line: <code class="expected">${h(e.expected)}</code> (peer ${e.peer})</dd>`);
        if (e.closest !== undefined) parts.push(`<dd>${e.expected !== undefined ? 'closest line printed' : 'line printed'}: <code class="actual">${h(e.closest)}</code>${e.closestMs !== undefined ? `, ${secs(e.closestMs)} after the action` : ''}</dd>`);
        return parts.join('');
      };
      const d = f.diagnosis;
      // A diagnosis: the decisive fact, whose job it was and the known mistake, then what follows
      // from it, each group counted and collapsed.
      const items = d
        ? [
            `<dd class="decisive"><b>First:</b> ${h(d.decisive.reason)}</dd>`,
            d.role ? `<dd>whose job: ${h(d.role)}</dd>` : '',
            evidence(d.decisive.reason),
            d.hint ? `<dd class="hint">hint: ${h(d.hint.text)}</dd>` : '',
            ...d.consequences.map((c) => `<dd><details><summary>${h(c.summary)}</summary><ul>${c.facts.map((x) => `<li>${h(x.reason)}</li>`).join('')}</ul></details></dd>`),
          ]
        : f.reasons.map((reason) => `<dd>${h(reason)}</dd>${evidence(reason)}`);
      const compare = peerLinesOf(f, r).map(comparison).join('');
      const follows = f.followsFrom ? `<dd>may follow from an earlier failure (no points lost): ${h(f.followsFrom)}</dd>` : '';
      out.push(
        `<dl class="check"><dt>step ${f.step}, ${h(r.scenario)}${h(runOf(f.repeat, grade.repeats))}: ${h(f.item)}${f.action ? ` after <code>${h(f.action)}</code>` : ''}</dt>${items.join('')}${compare}${follows}` +
          `<dd>rerun it: <code>${h(rerunCommand(info.submission, r.scenario))}</code></dd></dl>`,
      );
    }
  }
  return out.length ? `<h2 id="failed">Failed checks</h2>\n${out.join('\n')}` : '';
}

function list(title: string, items: readonly string[], cap = 100): string {
  if (!items.length) return '';
  const more = items.length > cap ? `<li>… and ${items.length - cap} more (see summary.json)</li>` : '';
  return `<h2>${title}</h2><ul>${items.slice(0, cap).map((i) => `<li>${h(i)}</li>`).join('')}${more}</ul>`;
}

function transcript(r: ScenarioResult, t: PeerRecord): string {
  const budget = Math.max(4000, PAGE_SCENARIO_CHARS / Math.max(1, r.transcripts.length));
  const shown: string[] = [];
  let chars = 0;
  for (const l of t.lines.slice(0, PAGE_LINES)) {
    const text = l.text.length > PAGE_LINE_CHARS ? `${l.text.slice(0, PAGE_LINE_CHARS)}… (${l.text.length - PAGE_LINE_CHARS} characters cut)` : l.text;
    chars += text.length + 11;
    if (chars > budget) break;
    shown.push(`[${(l.at / 1000).toFixed(3).padStart(8)}] ${h(text)}`);
  }
  const notes: string[] = [];
  if (t.lines.length > shown.length) notes.push(`${t.lines.length - shown.length} more lines are in ${transcriptFile(r, t)}`);
  if (t.cut.lines || t.cut.chars) notes.push(`conform's output cap had already left out ${t.cut.lines} lines and ${t.cut.chars} characters of long lines`);
  if (t.stderrCut) notes.push(`${t.stderrCut} bytes of stderr before its end were dropped`);
  const stderr = t.stderr.length ? `<p>stderr (last part):</p><pre>${t.stderr.slice(-50).map((s) => h(s.slice(0, PAGE_LINE_CHARS))).join('\n')}</pre>` : '';
  return (
    `<details class="transcript"><summary>peer ${t.peer}: ${t.lines.length} lines${t.exit ? `, exited ${t.exit.signal ? `on signal ${t.exit.signal}` : `with ${t.exit.code}`}` : ''}</summary>` +
    `<p><code>${h(t.command)}</code></p>${notes.map((n) => `<p class="cut">${h(n)}</p>`).join('')}<pre>${shown.join('\n')}</pre>${stderr}</details>`
  );
}

function scenario(r: ScenarioResult, repeats: number | undefined): string {
  const failed = r.findings.filter((f) => f.status === 'fail').length;
  return [
    `<section class="scenario" id="scenario-${h(runKey(r))}">`,
    `<h3>${h(r.scenario)}${h(runOf(r.history.repeat, repeats))} <small>(${secs(r.ms)}; ${failed ? `<span class="fail">${failed} of ${r.findings.length} checks failed</span>` : 'all checks passed'})</small></h3>`,
    `<p>${h(r.history.scenario.description)}</p>`,
    renderRingSvg(r.history),
    renderTimelineSvg(r.history, r.findings),
    ...r.transcripts.map((t) => transcript(r, t)),
    '</section>',
  ].join('\n');
}

export function renderHtml(grade: Grade, info: RunInfo): string {
  const warnings = grade.steps.flatMap((s) => s.warnings.map((w) => `step ${s.step}: ${w}`));
  const notes = grade.scenarios.flatMap((r) => r.notes.map((n) => `${r.scenario}: ${n}`));
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // No network, no script: a page a student's text cannot make do anything.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>conform: ${h(info.submission)}</title><style>${STYLE}</style></head><body>`,
    `<h1>conform: ${h(info.submission)}</h1>`,
    `<p>Score <b>${grade.score}/${grade.max}</b>${grade.complete ? '' : ' (interrupted: partial result)'}, ping interval ${h(info.pingInterval)} s, port base ${info.portBase}, detection deadline ${info.detectSeconds} s.</p>`,
    stepTable(grade),
    failedChecks(grade, info),
    list('Wording', warnings),
    list('Notes', notes),
    '<h2>Scenarios</h2>',
    ...grade.scenarios.map((r) => scenario(r, grade.repeats)),
    `<p>Sandbox: ${h(grade.sandbox.join('; ') || 'none')}.</p>`,
    '</body></html>',
    '',
  ].join('\n');
}
