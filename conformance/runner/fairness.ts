/**
 * A grade must not depend on what else the machine did: a scenario that failed while conform
 * could not start or read its ring fairly (driver/observation.ts) is run again, and says so.
 */
import type { ScenarioResult } from '../checkers/grade-model.ts';
import { resultOf } from '../checkers/grade-run.ts';
import type { Observation } from '../driver/observation.ts';
import type { Scenario } from '../scenarios/types.ts';
import { runScenario, type RunOptions, type ScenarioEvent } from './run-scenario.ts';
import type { Timing } from './timing.ts';
import type { ScenarioHistory } from '../history/history.ts';
import { findEvents } from '../protocol/matcher.ts';

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
 * - the peers of a ring may start at most one ping interval apart (two seconds at least): then
 *   the last is up before the first has sent its second round, so no peer has missed more than one
 *   ping from a successor that was merely not started yet, where a sound program waits for several
 *   missed pings (the reference peer 3) before it declares a successor dead. Under two seconds the
 *   spread is smaller than the programs' own start-up times vary (spec §4: an interpreter or a JVM
 *   starting on a loaded machine; one program binds its port 5 s after start), and smaller than
 *   the seconds apart a student starts the assignment's xterms by hand: a sound program survives
 *   it, and re-running for it would triple the time of every failing grade on a busy machine.
 */
export function fairnessBounds(timing: Timing): { maxLoopDelayMs: number; maxStartSpreadMs: number } {
  const shortest = Math.min(timing.startMs, timing.settleMs, timing.actionMs, timing.exitMs, timing.detectMs, timing.stallMs);
  return { maxLoopDelayMs: Math.round(shortest / 5), maxStartSpreadMs: Math.max(timing.intervalMs, 2000) };
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
 * Whether the machine's load could have made this history fail: only a ring whose peers worked
 * at all, and that did not make the load itself. One whose every peer ended on its own at the
 * start, or that never printed a line of the protocol, fails however fairly it is watched; one
 * that printed past the output cap or was killed at the sandbox's memory limit loads the machine
 * on every run (conform's loop stalls reading its flood): running either again would only triple
 * its time.
 */
export function couldBeLoad(history: ScenarioHistory): boolean {
  const start = history.phases.find((p) => p.kind === 'start');
  const exitedAtStart = history.peers.every((p) => p.exit && (!start || p.exit.at <= start.end));
  const spoke = history.peers.some((p) => p.lines.some((l) => findEvents(l.text).length > 0));
  const flooded = history.peers.some((p) => p.cut.lines > 0 || p.cut.chars > 0 || p.stderrCut > 0);
  const memoryKills = start?.kind === 'start' && start.memoryKills > 0;
  return spoke && !exitedAtStart && !flooded && !memoryKills;
}

/**
 * Runs `scenario`, and again (at most MAX_RERUNS times) while the machine's load kept conform from
 * starting or reading its ring fairly and a finding failed: a verdict must not depend on what else
 * the machine did. A run whose findings all passed stands however it was observed: a stall or a
 * late start only ever delays what conform types and reads, which can make a sound program look
 * slow or broken, never a broken one sound. The result says in its notes that it was run again,
 * and why; the last run is graded regardless.
 */
export async function runFairly(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  const reruns: string[] = [];
  for (let attempt = 0; ; attempt++) {
    // The end of a run that is run again is not the scenario's end, for live progress.
    let ended: ScenarioEvent | undefined;
    const onEvent = (event: ScenarioEvent) => (event.type === 'scenario-end' ? (ended = event) : options.onEvent?.(event));
    const history = await runScenario(scenario, { ...options, onEvent });
    const result = resultOf(history);
    const failed = result.findings.some((f) => f.status !== 'pass');
    const why = options.signal?.aborted || !failed || !history.observation || !couldBeLoad(history) ? undefined : unfairness(history.observation, options.timing);
    const last = why === undefined || attempt === MAX_RERUNS;
    if (why) reruns.push(`run ${attempt + 1}: ${why}`);
    if (!last) options.onEvent?.({ type: 'action', scenario: scenario.name, action: `run again (${why})` });
    if (!last) continue;
    if (ended) options.onEvent?.(ended);
    const notes = reruns.length === 0 ? [] : why === undefined
      ? [`run ${reruns.length + 1} times: the earlier runs were not observed fairly (${reruns.join('; ')}); graded on the last`]
      : [`graded although the observation was not fair on any of ${attempt + 1} runs (${reruns.join('; ')}): a failure here may come from the machine's load rather than the program`];
    return notes.length ? resultOf({ ...history, notes: [...history.notes, ...notes] }) : result;
  }
}
