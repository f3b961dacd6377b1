/**
 * Grades one submission: every scenario, `jobs` at a time (each in its own namespace), then the
 * findings added up into the seven step verdicts.
 */
import { gradeSteps, type StepVerdict } from '../checkers/grade.ts';
import type { Rubric } from '../checkers/rubric.ts';
import type { Scenario } from '../scenarios/types.ts';
import { watchLoopDelay } from '../driver/loop-delay.ts';
import type { Observation } from '../driver/observation.ts';
import { DETECTION_KEY, runScenario, type RunOptions, type ScenarioEvent, type ScenarioResult } from './run-scenario.ts';
import type { Timing } from './timing.ts';

export type GradeOptions = RunOptions & {
  readonly scenarios: readonly Scenario[];
  readonly jobs: number;
  readonly rubric: Rubric;
  /** Shares one bound on rings at once between several gradings (tests, a class's batch). */
  readonly limiter?: Limiter;
};

/** Runs work with at most n at once, across every caller that shares it. */
export type Limiter = <R>(work: () => Promise<R>) => Promise<R>;

export function createLimiter(n: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await work();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export type Grade = {
  readonly steps: readonly StepVerdict[];
  readonly scenarios: readonly ScenarioResult[];
  readonly score: number;
  readonly max: number;
  /** False when the run was interrupted and some scenarios did not run. */
  readonly complete: boolean;
  readonly ms: number;
  /** The walls of the sandboxes the scenarios ran in, in words (one line each kind). */
  readonly sandbox: readonly string[];
  /** The largest delay of conform's event loop during the whole run, ms (see loop-delay.ts). */
  readonly maxLoopDelayMs: number;
};

/** Runs of one scenario after the first, when it was not observed fairly. */
export const MAX_RERUNS = 2;

/**
 * The bounds beyond which a ring was not started or read fairly:
 * - the event loop may stall at most a fifth of the shortest deadline (1.4 s at a ping interval of
 *   1 s). While it stalls nothing is read, typed or killed, but the peers run on: a stall delays
 *   what conform does and stamps lines late, and the waits read what the terminals hold before they
 *   judge, so a stall changes a verdict only as it eats into a deadline (the 7-11 s stalls that
 *   failed sound rings did); a fifth leaves the rest of every deadline to the peers. A stall
 *   shorter than this is normal on a loaded machine (the scheduler alone makes some of 0.5 s) and
 *   re-running for it would triple the time of every failing grade there.
 * - the peers of a ring may start at most one ping interval apart (a second at least): then the
 *   last is up before the first has sent its second round, so no peer has missed more than one
 *   ping from a successor that was merely not started yet, where a sound program waits for several
 *   missed pings (the reference peer 3) before it declares a successor dead. Under a second, the
 *   spread is smaller than the programs' own start-up times vary (an interpreter or a JVM starting
 *   on a loaded machine).
 */
export function fairnessBounds(timing: Timing): { maxLoopDelayMs: number; maxStartSpreadMs: number } {
  const shortest = Math.min(timing.startMs, timing.settleMs, timing.actionMs, timing.exitMs, timing.detectMs, timing.stallMs);
  return { maxLoopDelayMs: Math.round(shortest / 5), maxStartSpreadMs: Math.max(timing.intervalMs, 1000) };
}

/** Why a scenario was not observed fairly, in words; undefined when it was. */
export function unfairness(observation: Observation, timing: Timing): string | undefined {
  const bounds = fairnessBounds(timing);
  const why: string[] = [];
  if (observation.maxLoopDelayMs > bounds.maxLoopDelayMs) {
    why.push(`conform's event loop stalled for ${observation.maxLoopDelayMs} ms (bound ${bounds.maxLoopDelayMs} ms)`);
  }
  if (observation.startSpreadMs > bounds.maxStartSpreadMs) {
    why.push(`its peers started ${observation.startSpreadMs} ms apart (bound ${bounds.maxStartSpreadMs} ms)`);
  }
  return why.length ? why.join(' and ') : undefined;
}

/**
 * Runs `scenario`, and again (at most MAX_RERUNS times) while the machine's load kept conform from
 * starting or reading its ring fairly and a finding failed: a verdict must not depend on what else
 * the machine did. A run whose findings all passed stands however it was observed: a stall or a
 * late start only ever delays what conform types and reads, which can make a sound program look
 * slow or broken, never a broken one sound. The result says in its notes that it was run again,
 * and why; the last run is graded regardless.
 */
async function runFairly(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  const reruns: string[] = [];
  for (let attempt = 0; ; attempt++) {
    // The end of a run that is run again is not the scenario's end, for live progress.
    let ended: ScenarioEvent | undefined;
    const onEvent = (event: ScenarioEvent) => (event.type === 'scenario-end' ? (ended = event) : options.onEvent?.(event));
    const result = await runScenario(scenario, { ...options, onEvent });
    const failed = result.findings.some((f) => f.status !== 'pass');
    const why = options.signal?.aborted || !failed ? undefined : unfairness(result.observation, options.timing);
    const last = why === undefined || attempt === MAX_RERUNS;
    if (why) reruns.push(`run ${attempt + 1}: ${why}`);
    if (!last) options.onEvent?.({ type: 'action', scenario: scenario.name, action: `run again (${why})` });
    if (!last) continue;
    if (ended) options.onEvent?.(ended);
    const notes = reruns.length === 0 ? [] : why === undefined
      ? [`run ${reruns.length + 1} times: the earlier runs were not observed fairly (${reruns.join('; ')}); graded on the last`]
      : [`graded although the observation was not fair on any of ${attempt + 1} runs (${reruns.join('; ')}): a failure here may come from the machine's load rather than the program`];
    return { ...result, notes: [...result.notes, ...notes] };
  }
}

export async function gradeSubmission(options: GradeOptions): Promise<Grade> {
  const started = performance.now();
  const loop = watchLoopDelay();
  // Longest scenarios first, so that the slowest ring does not start last.
  const ordered = [...options.scenarios].sort((a, b) => weight(b) - weight(a));
  const limiter = options.limiter ?? createLimiter(options.isolate ? options.jobs : 1);
  const results = await Promise.all(
    ordered.map((scenario) => limiter(async () => (options.signal?.aborted ? undefined : runFairly(scenario, options)))),
  );
  loop.stop();
  const done = options.scenarios
    .map((s) => results.find((r) => r?.scenario === s.name))
    .filter((r): r is ScenarioResult => r !== undefined);
  const steps = gradeSteps(done.flatMap((r) => r.findings), options.rubric);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    steps,
    scenarios: done,
    // Over the steps this run graded: a run of some scenarios (--only) is out of what it tried.
    score: round(steps.filter((s) => s.graded).reduce((sum, s) => sum + s.score, 0)),
    max: round(steps.filter((s) => s.graded).reduce((sum, s) => sum + s.max, 0)),
    complete: done.length === options.scenarios.length && !options.signal?.aborted,
    ms: Math.round(performance.now() - started),
    sandbox: [...new Set(done.map((r) => r.sandbox))],
    maxLoopDelayMs: loop.max(),
  };
}

/** How long each predecessor of a killed peer took to notice (spec §3 step 5), per scenario. */
export function detectionsOf(grade: Grade): { scenario: string; peer: number; ms: number }[] {
  return grade.scenarios.flatMap((r) =>
    r.findings.flatMap((f) =>
      Object.entries(f.measured ?? {})
        .filter(([key]) => key.startsWith(DETECTION_KEY))
        .map(([key, ms]) => ({ scenario: r.scenario, peer: Number(key.slice(DETECTION_KEY.length)), ms })),
    ),
  );
}

/** A rough cost of a scenario: kills wait for detection, every action for the ring to settle. */
function weight(scenario: Scenario): number {
  return scenario.actions.reduce((sum, a) => sum + ('kill' in a ? 3 : 1), scenario.pings ? 1 : 0);
}
