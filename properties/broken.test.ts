/**
 * The fuzzer finds what no fixed scenario does: started with a pinned seed against each
 * broken-fuzz-* fixture peer (every fixed scenario passes them), it finds the defect within 12
 * sequences and shrinks it to a short one, written as a scenario file that loads back.
 */
import test from 'ava';
import { join } from 'node:path';
import { FIXTURES } from '../conformance/test/_grade.ts';
import { parseScenario } from '../conformance/scenarios/load.ts';
import { explainOutcome, fuzzProgram } from './_fuzz.ts';
import { scenarioJson, scenarioOf } from './sequence.ts';
import { findPython } from '../conformance/submission/python.ts';

const CASES = [
  { peer: 'broken-fuzz-high-id-signed-byte', seed: 1, shrinks: 6, reason: /printed 'Store \d{4} request accepted'|File \d{4} is stored here|owns key/ },
  { peer: 'broken-fuzz-joiner-forgets-predecessors', seed: 1, shrinks: 6, reason: /after `(Quit at peer \d+|Store \d{4}|Request \d{4})/ },
  // A join that circulates holds each run for its whole deadline: fewer shrinks fit the budget.
  { peer: 'broken-join-wrap', seed: 1, shrinks: 2, reason: /after `join \d+ \d+`/ },
];

for (const c of CASES) {
  test.serial(`the fuzzer finds ${c.peer} and shrinks it to at most 3 actions`, async (t) => {
    const outcome = await fuzzProgram([(await findPython()).program, join(FIXTURES, c.peer, 'p2p.py')], { seed: c.seed, maxRuns: 12, timeMs: 80_000, maxShrinks: c.shrinks });
    t.log(explainOutcome(outcome));
    const failure = outcome.failure;
    if (!failure) return t.fail(explainOutcome(outcome));
    t.true(failure.run.actions.length <= 3, explainOutcome(outcome));
    t.true(failure.run.failures.some((r) => c.reason.test(r)), explainOutcome(outcome));
    const scenario = scenarioOf(failure.run.ring, failure.run.actions, 'fuzz-failure');
    t.deepEqual(parseScenario('fuzz-failure.json', scenarioJson(scenario)), scenario);
  });
}
