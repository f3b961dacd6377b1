/**
 * `junit.xml` (the JUnit shape CI systems read: Jenkins' junit-10.xsd): one `<testsuite>` per
 * step, one `<testcase>` per finding of it (classname: the step's name; name: scenario, item and
 * action), a `<failure>` with the finding's reasons, `<skipped/>` for a step no scenario
 * exercised. A testcase's time is its action's, from the driving to the judging of its lines.
 */
import type { Finding, Grade, ScenarioResult, StepVerdict } from '../conformance/checkers/grade-model.ts';
import { describeAction } from '../conformance/protocol/actions.ts';
import type { RunInfo } from './summary-json.ts';
import { xmlLines, xmlText } from './xml-text.ts';
import { runOf } from './step-text.ts';

const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

/** The duration of the phase a finding judged: its action's, or the scenario's start. */
function msOf(finding: Finding, result: ScenarioResult | undefined): number {
  if (!result) return 0;
  for (const phase of result.history.phases) {
    if (phase.kind === 'action' ? finding.action === describeAction(phase.action) : finding.action === undefined) return phase.end - phase.at;
  }
  return 0;
}

function testcase(step: StepVerdict, finding: Finding, ms: number, repeats: number | undefined): string {
  const name = `${finding.scenario}${runOf(finding.repeat, repeats)}: ${finding.item}${finding.action ? ` (${finding.action})` : ''}`;
  const open = `    <testcase classname="${xmlText(`step ${step.step}: ${step.name}`)}" name="${xmlText(name)}" time="${seconds(ms)}"`;
  if (finding.status !== 'fail') return `${open}/>`;
  const first = finding.reasons[0] ?? 'failed';
  const follows = finding.followsFrom ? [`(may follow from an earlier failure: ${finding.followsFrom})`] : [];
  return `${open}>\n      <failure message="${xmlText(first)}" type="${finding.item}">${xmlLines([...finding.reasons, ...follows])}</failure>\n    </testcase>`;
}

function testsuite(step: StepVerdict, grade: Grade, timestamp: string): string {
  const label = `step ${step.step}: ${step.name}`;
  if (!step.graded) {
    return [
      `  <testsuite name="${xmlText(label)}" tests="1" failures="0" errors="0" skipped="1" time="0.000" timestamp="${timestamp}">`,
      `    <testcase classname="${xmlText(label)}" name="not graded" time="0.000">\n      <skipped/>\n    </testcase>`,
      '  </testsuite>',
    ].join('\n');
  }
  const cases = grade.scenarios.flatMap((r) => r.findings.filter((f) => f.step === step.step).map((f) => ({ f, ms: msOf(f, r) })));
  const failures = cases.filter((c) => c.f.status === 'fail').length;
  const total = cases.reduce((sum, c) => sum + c.ms, 0);
  return [
    `  <testsuite name="${xmlText(label)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(total)}" timestamp="${timestamp}">`,
    ...cases.map((c) => testcase(step, c.f, c.ms, grade.repeats)),
    '  </testsuite>',
  ].join('\n');
}

/** `timestamp`: when the run ended, ISO 8601 without zone as junit-10 wants (default: now). */
export function renderJunit(grade: Grade, info: RunInfo, timestamp = new Date().toISOString().slice(0, 19)): string {
  const findings = grade.scenarios.flatMap((r) => r.findings);
  const graded = grade.steps.filter((s) => s.graded).map((s) => s.step);
  const tests = findings.filter((f) => graded.includes(f.step)).length + grade.steps.length - graded.length;
  const failures = findings.filter((f) => f.status === 'fail').length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlText(`conform: ${info.submission}`)}" tests="${tests}" failures="${failures}" errors="0" time="${seconds(grade.ms)}">`,
    ...grade.steps.map((s) => testsuite(s, grade, timestamp)),
    '</testsuites>',
    '',
  ].join('\n');
}
