/**
 * The fuzz property against the reference peer: random sequences on random rings, pinned seed,
 * a few runs at a 0.2 s ping interval. Any failure prints its seed, path and shrunk sequence.
 */
import test from 'ava';
import { PEER_BIN } from '../conformance/cli/peer-command.ts';
import { explainOutcome, fuzzProgram } from './_fuzz.ts';

test('the reference peer passes random sequences on random rings', async (t) => {
  const outcome = await fuzzProgram([PEER_BIN], { seed: 20261202, maxRuns: 4, timeMs: 50_000 });
  t.log(`${outcome.runs} runs, ${outcome.ringRuns} rings, ${outcome.commands} commands in ${outcome.elapsedMs} ms`);
  t.is(outcome.failures, 0, explainOutcome(outcome));
  t.true(outcome.commands > 0);
});
