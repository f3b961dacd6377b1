import test from 'ava';

type Type = 'boolean' | 'number' | 'string' | 'object';
import { FAILED, gradeOf, INFO } from './_grade-fixture.ts';
import { renderPrairieLearn, renderPrairieLearnUnstartable } from './prairielearn.ts';

// The fields PrairieLearn's external grader reads (formats.md), with their types.
const TOP: [string, Type][] = [['gradable', 'boolean'], ['score', 'number'], ['message', 'string'], ['output', 'string'], ['tests', 'object']];
const TEST: [string, Type][] = [['name', 'string'], ['points', 'number'], ['max_points', 'number'], ['message', 'string'], ['output', 'string']];

function check(t: import('ava').ExecutionContext, text: string) {
  t.true(Buffer.byteLength(text) < 1_000_000, 'PrairieLearn refuses a file of 1 MB or more');
  const json = JSON.parse(text);
  for (const [field, type] of TOP) t.is(typeof json[field], type, field);
  t.true(json.score >= 0 && json.score <= 1);
  for (const test of json.tests) {
    for (const [field, type] of TEST) t.is(typeof test[field], type, `tests[].${field}`);
    t.true(test.points >= 0 && test.points <= test.max_points);
  }
  return json;
}

const cases = [
  { title: 'a failing run', findings: [FAILED], score: 0 },
  { title: 'a passing run', findings: [{ ...FAILED, status: 'pass' as const, reasons: [] }], score: 1 },
  { title: 'a flood of reasons', findings: [{ ...FAILED, reasons: Array.from({ length: 20_000 }, (_, i) => `reason ${i} ${'z'.repeat(300)}`) }], score: 0 },
];
for (const c of cases) {
  test(`${c.title}: gradable, score a fraction, tests with points, under 1 MB`, (t) => {
    const json = check(t, renderPrairieLearn(gradeOf(c.findings), INFO));
    t.true(json.gradable);
    t.is(json.score, c.score);
    t.is(json.tests.length, 1);
  });
}

test('an unstartable submission is not gradable and says why', (t) => {
  const json = JSON.parse(renderPrairieLearnUnstartable('no submission at /x: no such file or directory'));
  t.false(json.gradable);
  t.true(Array.isArray(json.format_errors));
  t.regex(json.format_errors[0], /no submission at \/x/);
  t.is(json.score, undefined);
});
