/**
 * The runner proves itself: it fails each broken fixture peer at exactly its intended step, with
 * the intended reason, and passes the correct peer and every tolerated variant on every step.
 */
import test from 'ava';
import { join } from 'node:path';
import type { Step } from '../protocol/catalogue.ts';
import { PEER_BIN } from '../cli/peer-command.ts';
import { ALL_SCENARIOS, explain, failedSteps, FIXTURES, grade, ONE_PER_STEP } from './_grade.ts';

type Broken = { readonly peer: string; readonly step: Step; readonly reason: RegExp; readonly extra?: readonly string[] };

const BROKEN: readonly Broken[] = [
  { peer: 'broken-wrong-ping-responder', step: 2, reason: /printed no 'Ping response received from Peer \d+'|a number is wrong/ },
  { peer: 'broken-no-predecessor-update-on-join', step: 3, reason: /peer 9 printed no 'Successor Change request received'/ },
  { peer: 'broken-join-wrap', step: 3, reason: /after `join (20|1) (4|9)`/, extra: ['join-wrap-high', 'join-wrap-low'] },
  { peer: 'broken-quit-one-predecessor', step: 4, reason: /peer 5 printed no 'Peer 9 will depart from the network'/ },
  { peer: 'broken-quit-never-exits', step: 4, reason: /peer 9 was still running .* after `Quit`/ },
  { peer: 'broken-no-abrupt-detection', step: 5, reason: /printed no 'Peer 14 is no longer alive' within 30 s/ },
  { peer: 'broken-wrong-second-successor-after-repair', step: 5, reason: /peer 8 printed 'My new second successor is Peer \d+' where 'My new second successor is Peer 19' was expected/ },
  { peer: 'broken-store-owner-off-by-one', step: 6, reason: /peer 19 printed no 'Store 2067 request accepted'/ },
  { peer: 'broken-store-no-wrap', step: 6, reason: /peer 2 printed no 'Store 0532 request accepted'/ },
  { peer: 'broken-store-accepted-at-every-hop', step: 6, reason: /peer 8 printed 'Store 2067 request accepted' after `Store 2067 at peer 8`, but peer \d+ owns key \d+: the line says what did not happen/ },
  { peer: 'broken-truncated-file', step: 7, reason: /received_4103\.pdf at peer 2 (stopped growing|differs)/ },
  { peer: 'broken-wrong-received-name', step: 7, reason: /no received_4103\.pdf appeared .* holds 'received_4103'/ },
  { peer: 'broken-request-needs-store', step: 7, reason: /peer 8 printed no 'Sending file 4103 to Peer 2'.*(refused|instead)/ },
  { peer: 'broken-pings-over-tcp', step: 1, reason: /binds no UDP port at all/ },
  { peer: 'broken-silent-pings', step: 2, reason: /printed no 'Ping requests sent to Peers \d+ and \d+'/ },
  { peer: 'broken-ping-response-numbers', step: 2, reason: /a number is wrong/ },
  { peer: 'broken-pings-once', step: 2, reason: /peer \d+ printed 'Ping requests sent to Peers \d+ and \d+' once, [\d.]+ s after it started, and never again in [\d.]+ s: a round must go out every 0\.3 s/ },
  { peer: 'broken-fixed-ping-rate', step: 2, reason: /peer \d+ sends a ping round every 1\.0 s \(median of \d+ gaps\) although it was started with a ping interval of 0\.3 s: it seems to use a rate of its own/ },
  { peer: 'broken-names-dead-successor', step: 5, reason: /peer 8 printed 'My new second successor is Peer 14' .* its second successor was wrong; it printed 'My new second successor is Peer 19'/ },
  { peer: 'broken-store-truncates-file', step: 6, reason: /peer \d+'s \d{4}\.pdf (was cut to|was changed|is gone)/ },
  { peer: 'broken-port-base', step: 1, reason: /peer \d+ did not bind UDP 120\d\d and TCP 120\d\d .* bound UDP 160\d\d and listened on TCP 160\d\d/ },
];

for (const broken of BROKEN) {
  test(`fails ${broken.peer} at step ${broken.step} only`, async (t) => {
    const result = await grade(join(FIXTURES, broken.peer), { scenarios: [...ONE_PER_STEP, ...(broken.extra ?? [])] });
    t.deepEqual(failedSteps(result), [broken.step], explain(result));
    const step = result.steps.find((s) => s.step === broken.step)!;
    t.true(step.reasons.some((r) => broken.reason.test(r)), `no reason matches ${broken.reason}:\n${step.reasons.join('\n')}`);
  });
}

const TOLERATED: readonly (string | { peer: string; extra: readonly string[] })[] = [
  'variant-wording',
  'variant-filler-words',
  { peer: 'variant-request-at-owner-round-ring', extra: ['request-at-owner'] },
  'variant-lowercase-dots',
  'variant-prompts-debug',
  'variant-slow-detection',
  'variant-one-ping-line-per-successor',
  'variant-slow-transfer',
  'variant-slow-start',
];

for (const entry of TOLERATED) {
  const { peer: variant, extra } = typeof entry === 'string' ? { peer: entry, extra: [] } : entry;
  test(`passes ${variant} on every step`, async (t) => {
    const result = await grade(join(FIXTURES, variant), { scenarios: [...ONE_PER_STEP, ...extra] });
    t.deepEqual(failedSteps(result), [], explain(result));
  });
}

test('passes the correct Python peer on every scenario, with full points', async (t) => {
  const result = await grade(join(FIXTURES, 'correct-python'));
  t.deepEqual(failedSteps(result), [], explain(result));
  t.is(result.score, result.max);
  t.is(result.scenarios.length, ALL_SCENARIOS.length);
});

test('passes the reference peer on every scenario, with full points and no wording warning', async (t) => {
  const result = await grade(PEER_BIN);
  t.deepEqual(failedSteps(result), [], explain(result));
  t.is(result.score, result.max);
  t.deepEqual(result.steps.flatMap((s) => s.warnings), []);
});

test('variant wordings pass on meaning with wording warnings', async (t) => {
  const result = await grade(join(FIXTURES, 'variant-wording'), { scenarios: ['pings', 'kill-middle'] });
  const warnings = result.steps.flatMap((s) => s.warnings);
  t.true(warnings.some((w) => /where the spec words it 'Ping request message received from Peer \d+'/.test(w)), warnings.join('\n'));
  t.true(warnings.some((w) => /no longer alive/.test(w)), warnings.join('\n'));
});

test('a C peer whose stdio buffers on a pipe is graded line by line on its terminal', async (t) => {
  const result = await grade(join(FIXTURES, 'c-pings'), { scenarios: ['pings'] });
  t.deepEqual(result.steps.filter((s) => s.step <= 2).map((s) => s.status), ['pass', 'pass'], explain(result));
});

test('a Java peer compiled with javac binds its ports (IPv6-mapped) and pings', async (t) => {
  const result = await grade(join(FIXTURES, 'java-pings'), { scenarios: ['pings'], interval: '0.5' });
  t.deepEqual(result.steps.filter((s) => s.step <= 2).map((s) => s.status), ['pass', 'pass'], explain(result));
});
