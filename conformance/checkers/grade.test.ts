/**
 * Findings added up into the seven step verdicts: points in proportion to passing findings,
 * chained failures that neither earn nor cost, ungraded steps, the wording penalty.
 */
import test from 'ava';
import type { Finding, Item, Status } from './grade-model.ts';
import { STEP_OF_ITEM } from './grade-model.ts';
import { gradeSteps } from './grade.ts';
import { type StepVerdict } from './grade-model.ts';
import { DEFAULT_RUBRIC, type Rubric } from './rubric.ts';

function finding(item: Item, status: Status, extra: Partial<Finding> = {}): Finding {
  return {
    scenario: extra.scenario ?? `${item}-fresh`,
    item,
    step: STEP_OF_ITEM[item],
    status,
    reasons: status === 'pass' ? [] : [`${item} ${status}`],
    warnings: [],
    ...extra,
  };
}

function step(verdicts: StepVerdict[], n: number): StepVerdict {
  const found = verdicts.find((v) => v.step === n);
  if (!found) throw new Error(`no step ${n}`);
  return found;
}

const allItems = Object.keys(STEP_OF_ITEM) as Item[];

test('the default rubric totals 90 points, and a run where everything passes earns them all', (t) => {
  const verdicts = gradeSteps(allItems.map((item) => finding(item, 'pass')), DEFAULT_RUBRIC);
  t.is(verdicts.reduce((sum, v) => sum + v.max, 0), 90);
  t.is(verdicts.reduce((sum, v) => sum + v.score, 0), 90);
  t.deepEqual(
    verdicts.map((v) => [v.step, v.name, v.status, v.score, v.max, v.graded]),
    [
      [1, 'Initialisation', 'pass', 0, 0, true],
      [2, 'Ping successors', 'pass', 24, 24, true],
      [3, 'Peer joining', 'pass', 14, 14, true],
      [4, 'Graceful departure', 'pass', 17, 17, true],
      [5, 'Abrupt departure', 'pass', 12, 12, true],
      [6, 'Data insertion', 'pass', 11, 11, true],
      [7, 'Data retrieval', 'pass', 12, 12, true],
    ],
  );
  t.true(verdicts.every((v) => v.reasons.length === 0 && v.warnings.length === 0));
});

const proportional: { title: string; findings: Finding[]; step: number; score: number; status: Status }[] = [
  { title: 'three of four join findings pass: 3/4 of 14', findings: ['pass', 'pass', 'fail', 'pass'].map((s) => finding('join', s as Status)), step: 3, score: 10.5, status: 'fail' },
  { title: 'one of three quit findings passes: 17/3, rounded', findings: ['fail', 'pass', 'fail'].map((s) => finding('quit', s as Status)), step: 4, score: 5.67, status: 'fail' },
  { title: 'none pass', findings: [finding('kill', 'fail'), finding('kill', 'fail')], step: 5, score: 0, status: 'fail' },
  {
    title: 'items of a step add up: forwarding 3 and transfer 7 pass, content 2 fails',
    findings: [finding('request-forwarding', 'pass'), finding('request-transfer', 'pass'), finding('request-content', 'fail')],
    step: 7,
    score: 10,
    status: 'fail',
  },
  {
    title: 'requests pass, responses half: 16.5 + 3.75',
    findings: [finding('ping-requests', 'pass'), finding('ping-responses', 'pass'), finding('ping-responses', 'fail')],
    step: 2,
    score: 20.25,
    status: 'fail',
  },
  { title: 'a finding not graded makes the step not graded', findings: [finding('store', 'pass'), finding('store', 'not-graded')], step: 6, score: 5.5, status: 'not-graded' },
];

for (const c of proportional) {
  test(`an item earns in proportion to its passing findings: ${c.title}`, (t) => {
    const verdict = step(gradeSteps(c.findings, DEFAULT_RUBRIC), c.step);
    t.is(verdict.score, c.score);
    t.is(verdict.status, c.status);
  });
}

test('a failing finding that follows from an earlier failure neither earns nor costs, and says so', (t) => {
  const verdict = step(
    gradeSteps(
      [
        finding('join', 'pass'),
        finding('join', 'fail', { scenario: 'assignment-sequence', reasons: ['peer 15 printed no ...'], followsFrom: 'Quit at peer 9 failed' }),
      ],
      DEFAULT_RUBRIC,
    ),
    3,
  );
  t.is(verdict.score, 14);
  t.is(verdict.status, 'pass');
  t.deepEqual(verdict.reasons, ['peer 15 printed no ... (may follow from the earlier failure: Quit at peer 9 failed)']);
});

test('a passing finding that follows from an earlier failure still counts', (t) => {
  const verdict = step(gradeSteps([finding('join', 'fail'), finding('join', 'pass', { followsFrom: 'Quit at peer 9 failed' })], DEFAULT_RUBRIC), 3);
  t.is(verdict.score, 7);
  t.is(verdict.status, 'fail');
});

test('fresh-scenario reasons come before chained ones, whatever the order of the findings', (t) => {
  const verdict = step(
    gradeSteps(
      [
        finding('quit', 'fail', { scenario: 'assignment-sequence', reasons: ['chained reason'], followsFrom: 'an earlier failure' }),
        finding('quit', 'fail', { scenario: 'quit-middle', reasons: ['fresh reason 1'] }),
        finding('quit', 'fail', { scenario: 'quit-wrap-low', reasons: ['fresh reason 2', 'fresh reason 1'] }),
      ],
      DEFAULT_RUBRIC,
    ),
    4,
  );
  t.deepEqual(verdict.reasons, ['fresh reason 1', 'fresh reason 2', 'chained reason (may follow from the earlier failure: an earlier failure)']);
  t.is(verdict.score, 0);
});

test('a step with no finding is not graded, with a reason saying so', (t) => {
  const verdicts = gradeSteps([finding('join', 'pass')], DEFAULT_RUBRIC);
  for (const n of [1, 2, 4, 5, 6, 7]) {
    const verdict = step(verdicts, n);
    t.is(verdict.status, 'not-graded', `step ${n}`);
    t.false(verdict.graded, `step ${n}`);
    t.is(verdict.score, 0, `step ${n}`);
    t.true(verdict.reasons.length === 1 && verdict.reasons[0].startsWith('not graded'), `step ${n}`);
  }
  t.is(step(verdicts, 4).max, 17, 'an ungraded step still shows its points');
  t.true(step(verdicts, 3).graded);
});

const withWording = (wording: number): Rubric => ({ items: DEFAULT_RUBRIC.items, wording, flaky: 0 });

const penalties: { title: string; wording: number; warnings: string[][]; score: number }[] = [
  { title: 'wording 0 (the default) costs nothing', wording: 0, warnings: [['w1', 'w2']], score: 14 },
  { title: 'two distinct warnings at 2 points each', wording: 2, warnings: [['w1', 'w2']], score: 10 },
  { title: 'a warning repeated across findings counts once', wording: 2, warnings: [['w1'], ['w1', 'w2'], ['w2']], score: 10 },
  { title: 'the penalty never takes a step below 0', wording: 10, warnings: [['w1', 'w2', 'w3']], score: 0 },
];

for (const c of penalties) {
  test(`wording penalty: ${c.title}`, (t) => {
    const findings = c.warnings.map((warnings) => finding('join', 'pass', { warnings }));
    const verdict = step(gradeSteps(findings, withWording(c.wording)), 3);
    t.is(verdict.score, c.score);
    t.is(verdict.status, 'pass', 'warnings never fail a step');
    t.deepEqual(verdict.warnings, [...new Set(c.warnings.flat())]);
  });
}

test('a rubric override changes the points of its items', (t) => {
  const rubric: Rubric = { items: { ...DEFAULT_RUBRIC.items, ports: 5 }, wording: 0, flaky: 0 };
  const verdict = step(gradeSteps([finding('start', 'pass'), finding('ports', 'fail')], rubric), 1);
  t.deepEqual([verdict.score, verdict.max, verdict.status], [0, 5, 'fail']);
});

/** One finding of `item` in each run of its scenario, with these statuses. */
const runs = (item: Item, statuses: Status[]) => statuses.map((s, repeat) => finding(item, s, { repeat, reasons: s === 'pass' ? [] : [`${item} failed in this run`] }));

test('with --repeat a result is flaky when some runs pass, earns nothing by default, and the step counts its runs', (t) => {
  const verdicts = gradeSteps([...runs('kill', ['pass', 'fail', 'pass', 'pass', 'fail']), ...runs('join', ['pass', 'pass', 'pass', 'pass', 'pass'])], DEFAULT_RUBRIC, 5);
  const kill = step(verdicts, 5);
  t.deepEqual([kill.status, kill.score, kill.runs], ['flaky', 0, { passed: 3, total: 5 }]);
  t.deepEqual(kill.reasons, ['kill failed in this run (runs 2 and 5 of 5)'], 'each reason once, with the runs that gave it');
  const join = step(verdicts, 3);
  t.deepEqual([join.status, join.score, join.runs], ['pass', 14, { passed: 5, total: 5 }]);
});

test('with --repeat a result that fails in every run fails, and a rubric may give flaky results a share', (t) => {
  t.deepEqual(step(gradeSteps(runs('kill', ['fail', 'fail', 'fail']), DEFAULT_RUBRIC, 3), 5).status, 'fail');
  const half = gradeSteps([...runs('kill', ['pass', 'fail']), ...runs('join', ['pass', 'pass'])], { ...DEFAULT_RUBRIC, flaky: 0.5 }, 2);
  t.is(step(half, 5).score, 6);
  // A step with one item failing throughout and another flaky fails.
  const mixed = gradeSteps([...runs('request-transfer', ['fail', 'fail']), ...runs('request-content', ['pass', 'fail'])], DEFAULT_RUBRIC, 2);
  t.is(step(mixed, 7).status, 'fail');
});

test('with --repeat two findings of one item in one scenario stay two results', (t) => {
  // A scenario that kills twice: each kill is judged in each run; only the second one races.
  const first = runs('kill', ['pass', 'pass']);
  const second = runs('kill', ['pass', 'fail']);
  const findings = [first[0], second[0], first[1], second[1]];
  const kill = step(gradeSteps(findings, DEFAULT_RUBRIC, 2), 5);
  t.deepEqual([kill.status, kill.score, kill.runs], ['flaky', 6, { passed: 1, total: 2 }]);
});

test('a failed ping rate fails step 2 and shows its reason, but costs nothing under the default rubric', (t) => {
  const findings = [finding('ping-requests', 'pass'), finding('ping-responses', 'pass'), finding('ping-rate', 'fail')];
  const verdict = step(gradeSteps(findings, DEFAULT_RUBRIC), 2);
  t.deepEqual([verdict.status, verdict.score, verdict.max, verdict.reasons], ['fail', 24, 24, ['ping-rate fail']]);
  const weighted = step(gradeSteps(findings, { items: { ...DEFAULT_RUBRIC.items, 'ping-rate': 4 }, wording: 0, flaky: 0 }), 2);
  t.deepEqual([weighted.score, weighted.max], [24, 28]);
});
