import test from 'ava';
import { FAILED, gradeOf, HOSTILE, INFO } from './_grade-fixture.ts';
import { junitErrors } from './_junit-schema.ts';
import { renderJunit } from './junit.ts';

const hostile = { ...FAILED, reasons: [`peer 9 printed no 'X'; closest line it printed: '${HOSTILE}'`, ...FAILED.reasons] };
const xml = renderJunit(gradeOf([hostile, { ...FAILED, item: 'join' as const, status: 'pass' as const, reasons: [], action: undefined }]), { ...INFO, submission: 'a & b <c>' }, '2026-12-02T01:00:00');

test('junit.xml is valid under the junit-10 schema, whatever the submission printed', async (t) => {
  t.deepEqual(await junitErrors(xml), []);
});

test('the schema refuses a file that breaks it (the validator is really validating)', async (t) => {
  t.not((await junitErrors(xml.replace(/(<testsuite [^>]*?) tests="\d+"/, '$1'))).length, 0, 'a testsuite without its count');
  t.not((await junitErrors(xml.replace('<skipped/>', '<skipped/><bogus/>'))).length, 0);
});

test('one suite per step, one case per finding, failures with reasons, skipped steps', (t) => {
  t.is(xml.match(/<testsuite /g)?.length, 7);
  const step3 = /<testsuite name="step 3: Peer joining" tests="2" failures="1" errors="0" skipped="0" time="([\d.]+)"/.exec(xml);
  t.truthy(step3, xml);
  t.is(step3![1], '6.000', 'the phases the findings judged: the join (2 s) and, with no action, the start (4 s)');
  t.regex(xml, /<testcase classname="step 3: Peer joining" name="join-middle: join \(join 15 4\)" time="2\.000">\n\s+<failure message="peer 9 printed no &#39;X&#39;/);
  t.is(xml.match(/<skipped\/>/g)?.length, 6);
  t.regex(xml, /<testsuites name="[^"]*" tests="8" failures="1" errors="0" time="8\.000">/);
});

test('submission text is escaped and characters XML forbids are gone', (t) => {
  t.notRegex(xml, /<script>|<img/);
  t.regex(xml, /&#60;script&#62;window\.__pwned=1&#60;\/script&#62;/);
  t.notRegex(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  t.false(/[\ud800-\udfff]/.test(xml.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')), 'no lone surrogate');
  t.regex(xml, /name="conform: a &#38; b &#60;c&#62;"/);
});
