/**
 * The reports people read, from real runs: report.html opened in a real Chromium from file://
 * (a passing reference-peer run and a failing broken-wrong-second-successor-after-repair run), `--format` on both commands,
 * and the files an unstartable submission still gets. One ring runs at a time.
 */
import test from 'ava';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Grade } from '../checkers/grade-model.ts';
import { gradeRun } from '../checkers/grade-run.ts';
import { DEFAULT_RUBRIC } from '../checkers/rubric.ts';
import { infoOf, writeReports } from '../cli/write-reports.ts';
import { loadHistory } from '../history/file.ts';
import { openPage, screenshot } from '../../reports/_browser.ts';
import { conform } from './_cli.ts';
import { FIXTURES, grade } from './_grade.ts';

const REFERENCE = fileURLToPath(new URL('../../reference-peer/bin/p2p', import.meta.url));
const BROKEN = join(FIXTURES, 'broken-wrong-second-successor-after-repair');
const HOSTILE_LINES = ['<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=1">'];

const tmp = mkdtempSync(join(tmpdir(), 'conform-reports-test-'));
let failures = 0;
test.afterEach.always((t) => {
  if (!t.passed) failures++;
});
// A failed test keeps its reports and screenshots to look at; a clean run leaves nothing.
test.after.always(() => {
  if (failures === 0) rmSync(tmp, { recursive: true, force: true });
  else console.log(`reports and screenshots kept in ${tmp}`);
});

// The rings, one after the other: the passing run through the real CLI, so that its saved
// history also serves the `conform report` tests, then the failing one.
const runs = (async () => {
  const passDir = join(tmp, 'pass');
  const run = await conform(['run', REFERENCE, '--only', 'kill-middle', '--ping-interval', '0.3', '--jobs', '1', '--report', passDir]);
  const failing = await grade(BROKEN, { scenarios: ['kill-middle'], interval: '0.3' });
  return { run, passDir, failing };
})();

/** The grade with the hostile lines appended to the first transcript of its first scenario. */
function withHostileLines(g: Grade): Grade {
  const [first, ...rest] = g.scenarios;
  const [peer, ...others] = first.transcripts;
  const last = peer.lines.at(-1);
  const lines = [...peer.lines, ...HOSTILE_LINES.map((text, i) => ({ seq: (last?.seq ?? 0) + 1 + i, at: (last?.at ?? 0) + 1 + i, text }))];
  const transcripts = [{ ...peer, lines }, ...others];
  return { ...g, scenarios: [{ ...first, transcripts, history: { ...first.history, peers: transcripts } }, ...rest] };
}

async function checkPage(t: import('ava').ExecutionContext, file: string, shot: string) {
  const { page, consoleErrors, close } = await openPage(file);
  try {
    await page.locator('table.steps').waitFor({ state: 'visible', timeout: 10_000 });
    t.true(await page.locator('svg.ring').first().isVisible());
    t.true(await page.locator('svg.timeline').first().isVisible());
    // Before the transcripts are opened: a full page of them takes software rendering long.
    await screenshot(page, shot);
    t.true(existsSync(shot));
    // Open every transcript, so that the hostile lines are on the page as it is shown.
    for (const summary of await page.locator('details.transcript > summary').all()) await summary.click();
    t.true(await page.locator('details.transcript pre').first().isVisible());
    t.is(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'a printed <script> or onerror ran');
    t.is(await page.locator('details.transcript img').count(), 0);
    t.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
}

test.serial('the passing run: exit 0, every format written, report.html shows its table and pictures and runs nothing', async (t) => {
  const { run, passDir } = await runs;
  t.is(run.exitCode, 0, String(run.all));
  for (const file of ['report.md', 'report.html', 'junit.xml', 'results.json', 'prairielearn.json', 'summary.json', 'history.json']) t.true(existsSync(join(passDir, file)), file);
  const history = loadHistory(passDir);
  const dir = join(tmp, 'pass-hostile');
  writeReports(dir, withHostileLines(gradeRun(history, DEFAULT_RUBRIC)), infoOf(history), { formats: ['html'] });
  t.log(`report.html of the reference peer on kill-middle: ${readFileSync(join(passDir, 'report.html')).length} bytes`);
  await checkPage(t, join(dir, 'report.html'), join(dir, 'report.png'));
});

test.serial('the failing run: report.html shows the failed check with its expected and closest lines', async (t) => {
  const { failing } = await runs;
  t.is(failing.steps.find((s) => s.step === 5)?.status, 'fail');
  const dir = join(tmp, 'fail');
  writeReports(dir, withHostileLines(failing), { submission: BROKEN, pingInterval: '0.3', portBase: 12000, detectSeconds: 30 }, { formats: ['html', 'md'] });
  const { page, consoleErrors, close } = await openPage(join(dir, 'report.html'));
  try {
    const check = page.locator('dl.check').first();
    await check.waitFor({ state: 'visible', timeout: 10_000 });
    // Peer 8 must print 19 as its new second successor after the kill; it printed another.
    const compare = check.locator('table.compare').first();
    t.true(await compare.isVisible());
    t.regex((await compare.locator('code.expected').allTextContents()).join('\n'), /My new second successor is Peer 19/);
    t.regex((await compare.locator('code.actual').allTextContents()).join('\n'), /second successor is Peer (?!19)\d+/);
    t.regex(await check.textContent() ?? '', /rerun it: npx conform run .* --only kill-middle/);
    // A diagnosis: the decisive fact first (peer 8's second successor), whose job it was, the hint.
    t.regex((await check.locator('dd.decisive').textContent()) ?? '', /^First: peer 8 printed 'My new second successor is Peer (?!19)\d+'/);
    t.regex((await check.locator('dd.hint').textContent()) ?? '', /^hint: After a kill the second predecessor/);
    t.true(await page.locator('svg .action.failed').first().isVisible());
    t.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
  await checkPage(t, join(dir, 'report.html'), join(dir, 'report.png'));
  const md = readFileSync(join(dir, 'report.md'), 'utf8');
  t.regex(md, /npx conform run .* --only kill-middle/);
});

test.serial('conform report DIR --format html,junit writes only those, beside the transcripts', async (t) => {
  const { passDir } = await runs;
  const dir = join(tmp, 'regraded');
  rmSync(dir, { recursive: true, force: true });
  const { cpSync } = await import('node:fs');
  cpSync(join(passDir, 'history.json'), join(dir, 'history.json'), { recursive: true });
  const result = await conform(['report', dir, '--format', 'html,junit']);
  t.is(result.exitCode, 0, String(result.all));
  t.deepEqual(readdirSync(dir).sort(), ['history.json', 'junit.xml', 'report.html', 'transcripts']);
  t.true(readdirSync(join(dir, 'transcripts', 'kill-middle')).length > 0);
});

for (const args of [['report', '/nonexistent', '--format', 'bogus'], ['run', 'x', '--format', 'md,bogus'], ['run', 'x', '--format', '']]) {
  test(`conform ${args.join(' ')} is a one-line usage error`, async (t) => {
    const result = await conform(args);
    t.is(result.exitCode, 2);
    const lines = String(result.stderr).trim().split('\n');
    t.is(lines.length, 1, String(result.stderr));
    t.regex(lines[0], /--format takes a comma-separated list of md,html,junit,gradescope,prairielearn,json/);
  });
}

test('an unstartable submission with --report: exit 3, PrairieLearn not gradable, Gradescope 0, both saying why', async (t) => {
  const dir = join(tmp, 'unstartable');
  const result = await conform(['run', join(tmp, 'no-such-submission'), '--report', dir]);
  t.is(result.exitCode, 3, String(result.all));
  const pl = JSON.parse(readFileSync(join(dir, 'prairielearn.json'), 'utf8'));
  t.false(pl.gradable);
  t.regex(pl.format_errors[0], /no submission at .*no-such-submission/);
  const gs = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  t.is(gs.score, 0);
  t.regex(gs.output, /no submission at .*no-such-submission/);
});
