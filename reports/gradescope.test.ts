import test from 'ava';

type Type = 'boolean' | 'number' | 'string' | 'object';
import { FAILED, gradeOf, INFO } from './_grade-fixture.ts';
import { renderGradescope, renderGradescopeUnstartable } from './gradescope.ts';

// The fields Gradescope reads (formats.md), with their types: a table, checked on every file.
const TOP: [string, Type][] = [['score', 'number'], ['execution_time', 'number'], ['output', 'string'], ['tests', 'object']];
const TEST: [string, Type][] = [['name', 'string'], ['number', 'string'], ['score', 'number'], ['max_score', 'number'], ['output', 'string'], ['status', 'string'], ['visibility', 'string']];

function check(t: import('ava').ExecutionContext, text: string) {
  t.true(Buffer.byteLength(text) < 1_000_000);
  const json = JSON.parse(text);
  for (const [field, type] of TOP) t.is(typeof json[field], type, field);
  t.true(Array.isArray(json.tests));
  for (const test of json.tests) {
    for (const [field, type] of TEST) t.is(typeof test[field], type, `tests[].${field}`);
    t.true(['passed', 'failed'].includes(test.status));
    t.true(test.score >= 0 && test.score <= test.max_score);
    t.regex(test.number, /^\d+(\.\d+)*$/);
  }
  return json;
}

test('a failing run: one test per graded step with the rubric points, the reason in its output', (t) => {
  const json = check(t, renderGradescope(gradeOf(), INFO));
  t.is(json.score, 0);
  t.deepEqual(json.tests.map((x: { number: string }) => x.number), ['3']);
  t.is(json.tests[0].status, 'failed');
  t.is(json.tests[0].max_score, 14);
  t.regex(json.tests[0].output, /printed no 'My new second successor is Peer 15'/);
  t.regex(json.tests[0].output, /Wording/);
});

test('a passing run scores the points of the steps it graded', (t) => {
  const json = check(t, renderGradescope(gradeOf([{ ...FAILED, status: 'pass', reasons: [] }]), INFO));
  t.is(json.score, 14);
  t.is(json.tests[0].status, 'passed');
});

test('a flood of reasons stays far under 1 MB', (t) => {
  const flood = { ...FAILED, reasons: Array.from({ length: 20_000 }, (_, i) => `peer 9 printed no 'X' ${i} ${'y'.repeat(200)}`) };
  check(t, renderGradescope(gradeOf([flood]), INFO));
});

test('an unstartable submission scores 0 with the reason', (t) => {
  const json = check(t, renderGradescopeUnstartable('could not compile P2P.java with javac: error: ; expected'));
  t.is(json.score, 0);
  t.regex(json.output, /could not compile P2P\.java/);
});
