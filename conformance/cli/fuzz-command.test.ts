import test from 'ava';
import { durationFlag, renderOutcome } from './fuzz-command.ts';
import { SITUATIONS } from '../../properties/situations.ts';

test('--time takes seconds, minutes and hours', (t) => {
  t.is(durationFlag('90s', 1), 90_000);
  t.is(durationFlag('30m', 1), 1_800_000);
  t.is(durationFlag('8h', 1), 28_800_000);
  t.is(durationFlag('45', 1), 45_000);
  t.is(durationFlag(undefined, 7), 7);
  for (const bad of ['', '5q', '-1m', '0s']) t.throws(() => durationFlag(bad, 1), { message: /--time takes a duration/ });
});

test('the summary gives commands per minute and every situation count', (t) => {
  const situations = Object.fromEntries(SITUATIONS.map((s, i) => [s, i]));
  const text = renderOutcome({ runs: 3, ringRuns: 3, commands: 12, length: 4, elapsedMs: 120_000, failures: 0, shrinking: false, situations } as never);
  t.regex(text, /3 runs \(3 rings\), 12 commands, length 4, 120 s, 0 failures/);
  t.regex(text, /commands per minute: 6\n/);
  for (const s of SITUATIONS) t.regex(text, new RegExp(`  ${s} +\\d+`));
});
