/** The class page: a sortable table and a bar chart, working in a real browser. */
import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClassRow } from '../conformance/batch/class-row.ts';
import { renderClassCsv } from './class-csv.ts';
import { passRates, renderClassHtml } from './class-html.ts';
import { openPage } from './_browser.ts';

const step = (n: number, name: string, score: number, max: number) => ({ step: n, name, score, max, status: score === max ? 'pass' : 'fail' });
const ROWS: ClassRow[] = [
  { name: 'bob', state: 'failed', reason: 'failed step 6 (Data insertion)', steps: [step(3, 'Peer joining', 14, 14), step(6, 'Data insertion', 6.6, 11)], score: 20.6, max: 25, seconds: 3, reports: ['report.md'] },
  { name: 'alice', state: 'passed', reason: '', steps: [step(3, 'Peer joining', 14, 14), step(6, 'Data insertion', 11, 11)], score: 25, max: 25, seconds: 2, reports: ['report.md', 'report.html'] },
  { name: '<script>alert(1)</script>', state: 'unstartable', reason: 'bad archive: entry "../evil" reaches outside', steps: [], score: 0, max: 0, seconds: 0, reports: [] },
];

test('the pass rate per step counts only submissions that graded it', (t) => {
  t.deepEqual(passRates(ROWS), [
    { step: 3, name: 'Peer joining', graded: 2, passed: 2 },
    { step: 6, name: 'Data insertion', graded: 2, passed: 1 },
  ]);
});

test('class.csv: a column per step, blanks where a submission was not graded, text quoted', (t) => {
  t.deepEqual(renderClassCsv(ROWS).trim().split('\n'), [
    'name,step 3 Peer joining,step 6 Data insertion,total,max,state,reason,seconds',
    'bob,14,6.6,20.6,25,failed,failed step 6 (Data insertion),3',
    'alice,14,11,25,25,passed,,2',
    '<script>alert(1)</script>,,,0,0,unstartable,"bad archive: entry ""../evil"" reaches outside",0',
  ]);
});

test('index.html: no console errors, links, a column header sorts the rows, the chart is visible', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'conform-class-html-'));
  const file = join(dir, 'index.html');
  const html = renderClassHtml(ROWS, { title: 'class', settings: 'Ping interval 1 s.' });
  t.false(html.includes('<script>alert'), 'submission text is escaped');
  writeFileSync(file, html);
  const { page, consoleErrors, close } = await openPage(file);
  try {
    const names = () => page.$$eval('#class tbody tr', (rows) => rows.map((r) => (r as HTMLTableRowElement).cells[0].firstChild!.textContent!.trim()));
    t.deepEqual(await names(), ['bob', 'alice', '<script>alert(1)</script>']);
    t.deepEqual(await page.$$eval('#class tbody tr:nth-child(2) a', (as) => as.map((a) => a.getAttribute('href'))), ['alice/report.md', 'alice/report.html']);
    await page.click('#class thead th:nth-child(1)');
    t.deepEqual(await names(), ['<script>alert(1)</script>', 'alice', 'bob']);
    const total = (await page.$$eval('#class thead th', (ths) => ths.map((th) => th.textContent))).indexOf('total') + 1;
    await page.click(`#class thead th:nth-child(${total})`);
    t.deepEqual(await names(), ['<script>alert(1)</script>', 'bob', 'alice'], 'numbers sort as numbers');
    await page.click(`#class thead th:nth-child(${total})`);
    t.deepEqual(await names(), ['alice', 'bob', '<script>alert(1)</script>'], 'a second click reverses');
    t.true(await page.isVisible('svg#pass-rates'));
    t.is(await page.$$eval('svg#pass-rates rect', (rects) => rects.length), 2);
    t.deepEqual(consoleErrors, []);
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
});
