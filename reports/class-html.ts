/**
 * `index.html` of a class batch: one self-contained page (no network) with a table of every
 * submission linking its reports, sortable by any column (a few lines of inline script), and the
 * class's pass rate per step as an inline SVG bar chart. Every piece of submission text goes
 * through htmlText.
 */
import type { ClassRow } from '../conformance/batch/class-row.ts';
import { htmlText } from '../conformance/safe-text.ts';
import { classSteps } from './class-csv.ts';

export type ClassPageInfo = { readonly title: string; readonly settings: string };

/** Per step: how many rows graded it and how many of those passed it. */
export function passRates(rows: readonly ClassRow[]): { step: number; name: string; graded: number; passed: number }[] {
  return classSteps(rows).map(({ step, name }) => {
    const verdicts = rows.flatMap((r) => r.steps.filter((s) => s.step === step));
    return { step, name, graded: verdicts.length, passed: verdicts.filter((s) => s.status === 'pass').length };
  });
}

function barChart(rows: readonly ClassRow[]): string {
  const rates = passRates(rows);
  const barHeight = 22;
  const labelWidth = 190;
  const width = 560;
  const height = rates.length * (barHeight + 6) + 10;
  const bars = rates.map((r, i) => {
    const fraction = r.graded === 0 ? 0 : r.passed / r.graded;
    const y = 5 + i * (barHeight + 6);
    const w = Math.round(fraction * (width - labelWidth - 60));
    return [
      `<text x="0" y="${y + 15}">${htmlText(`${r.step}. ${r.name}`)}</text>`,
      `<rect x="${labelWidth}" y="${y}" width="${w}" height="${barHeight}" fill="#3a7d44"><title>${r.passed} of ${r.graded} passed</title></rect>`,
      `<text x="${labelWidth + w + 6}" y="${y + 15}">${Math.round(fraction * 100)}%</text>`,
    ].join('');
  });
  return `<svg id="pass-rates" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="pass rate per step" font-size="13" font-family="sans-serif">${bars.join('')}</svg>`;
}

const SORT_SCRIPT = `
document.querySelectorAll('#class thead th').forEach(function (th, column) {
  th.addEventListener('click', function () {
    var body = document.querySelector('#class tbody');
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    document.querySelectorAll('#class thead th').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var key = function (row) { return row.cells[column].getAttribute('data-sort') || row.cells[column].textContent; };
    rows.sort(function (a, b) {
      var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
      var order = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});`;

export function renderClassHtml(rows: readonly ClassRow[], info: ClassPageInfo): string {
  const steps = classSteps(rows);
  const head = ['name', ...steps.map((s) => `${s.step}. ${s.name}`), 'total', 'max', 'state', 'reason'];
  const body = rows.map((row) => {
    const links = row.reports.map((r) => ` <a href="${encodeURIComponent(row.name)}/${r}">${r.endsWith('.html') ? 'html' : 'md'}</a>`).join('');
    const cells = [
      `<td data-sort="${htmlText(row.name)}">${htmlText(row.name)}${links}</td>`,
      ...steps.map((s) => {
        const step = row.steps.find((r) => r.step === s.step);
        return step ? `<td class="${step.status === 'pass' ? 'pass' : 'fail'}">${step.score}</td>` : '<td data-sort="-1"></td>';
      }),
      `<td>${row.score}</td>`,
      `<td>${row.max}</td>`,
      `<td class="state-${row.state}">${row.state}</td>`,
      `<td>${htmlText(row.reason)}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  const count = (state: string) => rows.filter((r) => r.state === state).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${htmlText(info.title)}</title>
<style>
body { font-family: sans-serif; margin: 2em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
th { cursor: pointer; background: #f0f0f0; }
td:first-child { white-space: nowrap; }
th[aria-sort=ascending]::after { content: " \\25B2"; }
th[aria-sort=descending]::after { content: " \\25BC"; }
.fail, .state-failed { color: #a00; } .state-unstartable, .state-error { color: #a60; }
</style></head><body>
<h1>${htmlText(info.title)}</h1>
<p>${rows.length} submissions: ${count('passed')} passed, ${count('failed')} failed, ${count('unstartable')} could not start, ${count('error')} errors. ${htmlText(info.settings)}</p>
<h2>Pass rate per step</h2>
${barChart(rows)}
<h2>Submissions</h2>
<table id="class"><thead><tr>${head.map((h) => `<th>${htmlText(h)}</th>`).join('')}</tr></thead>
<tbody>
${body.join('\n')}
</tbody></table>
<script>${SORT_SCRIPT}</script>
</body></html>
`;
}
