/**
 * The fuzz property: a drawn ring and sequence (arbitraries.ts) becomes a scenario (sequence.ts),
 * is run on a real ring with the runner (runFairly: a run the machine's load made unfair is run
 * again), judged by the runner's own checkers, and fails with every reason check-run.ts gives.
 * fast-check shrinks a failing sequence by running shorter ones, each a real ring run.
 */
import fc from 'fast-check';
import { runFairly } from '../conformance/runner/fairness.ts';
import type { RunOptions } from '../conformance/runner/run-scenario.ts';
import type { Action } from '../conformance/protocol/actions.ts';
import type { ScenarioResult } from '../conformance/checkers/grade-model.ts';
import { sequenceArbitrary } from './arbitraries.ts';
import { failuresOf } from './check-run.ts';
import { actionsOf, scenarioOf, type Choice } from './sequence.ts';

export type FuzzRun = {
  readonly ring: readonly number[];
  readonly actions: readonly Action[];
  readonly result: ScenarioResult;
  readonly failures: readonly string[];
};

export type PropertyOptions = RunOptions & {
  readonly maxLength?: number;
  readonly maxShrinks?: number;
  /** Before each ring run (for progress: the sequence length). */
  readonly onStart?: (ring: readonly number[], actions: readonly Action[]) => void;
  /** After each ring run, shrinking runs included. */
  readonly onRun?: (run: FuzzRun) => void;
};

/** A failing property's reasons, carried to fast-check's report. */
export class SequenceFailure extends Error {
  readonly run: FuzzRun;
  constructor(run: FuzzRun) {
    super(run.failures.slice(0, 6).join('\n'));
    this.name = 'SequenceFailure';
    this.run = run;
  }
}

export function sequenceProperty(options: PropertyOptions) {
  return fc.asyncProperty(sequenceArbitrary(options.maxLength, options.maxShrinks), async ({ ring, choices }: { ring: number[]; choices: Choice[] }) => {
    const actions = actionsOf(ring, choices);
    // Nothing applies (every choice refused on this ring): nothing to run.
    if (actions.length === 0 || options.signal?.aborted) return;
    options.onStart?.(ring, actions);
    const result = await runFairly(scenarioOf(ring, actions), options);
    const run: FuzzRun = { ring, actions, result, failures: options.signal?.aborted ? [] : failuresOf(result) };
    options.onRun?.(run);
    if (run.failures.length) throw new SequenceFailure(run);
  });
}

/** The run of the shrunk counterexample, from fast-check's details. */
export function failingRun(details: { readonly errorInstance: unknown }): FuzzRun | undefined {
  const error = details.errorInstance;
  return error instanceof SequenceFailure ? error.run : undefined;
}
