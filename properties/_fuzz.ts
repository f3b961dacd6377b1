/** Helpers for the fuzz tests: a pinned-seed fuzz of a program on real rings, with its replay line. */
import { hasNamespaces } from '../conformance/driver/namespace.ts';
import { describeAction } from '../conformance/protocol/actions.ts';
import { timingFor } from '../conformance/runner/timing.ts';
import { runFuzz, type FuzzOutcome } from './fuzz.ts';

export async function fuzzProgram(program: readonly string[], options: { seed: number; maxRuns: number; timeMs: number; interval?: string; maxShrinks?: number }): Promise<FuzzOutcome> {
  const interval = options.interval ?? '0.2';
  return runFuzz({
    program,
    interval,
    // A broken peer that never notices a kill would hold each run for the spec's 60 s.
    timing: timingFor({ interval: Number(interval), detectSeconds: 10 }),
    portBase: 12000,
    isolate: hasNamespaces(),
    seed: options.seed,
    maxRuns: options.maxRuns,
    timeMs: options.timeMs,
    maxShrinks: options.maxShrinks,
  });
}

/** Seed, path and the shrunk sequence, for a test's failure message. */
export function explainOutcome(outcome: FuzzOutcome): string {
  const f = outcome.failure;
  if (!f) return `no failure in ${outcome.runs} runs (${outcome.ringRuns} rings, ${outcome.commands} commands)`;
  return [
    `seed ${f.seed} path "${f.path}": ring ${f.run.ring.join(' ')}; ${f.run.actions.map(describeAction).join('; ')}`,
    ...f.run.failures.slice(0, 5),
  ].join('\n');
}
