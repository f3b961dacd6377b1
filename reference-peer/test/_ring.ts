/**
 * Helpers for the reference peer's end-to-end tests: scenarios run through the project's runner,
 * the lines the ring model expects for a whole scenario, and a strict per-peer comparison.
 */
import { PING_MESSAGES } from '../../conformance/protocol/catalogue.ts';
import type { ExecutionContext } from 'ava';
import { PEER_BIN } from '../../conformance/cli/peer-command.ts';
import type { Finding, Item } from '../../conformance/checkers/grade-model.ts';
import type { Line } from '../../conformance/driver/transcript.ts';
import { expectAction, type ActionJson } from '../../conformance/protocol/actions.ts';
import { findEvents, sentenceOf, type ExpectedLine } from '../../conformance/protocol/matcher.ts';
import { makeRing, STANDARD_RING } from '../../conformance/protocol/ring.ts';
import { createLimiter } from '../../conformance/runner/run-all.ts';
import { runScenario } from '../../conformance/runner/run-scenario.ts';
import { resultOf } from '../../conformance/checkers/grade-run.ts';
import type { ScenarioResult } from '../../conformance/checkers/grade-model.ts';
import { timingFor } from '../../conformance/runner/timing.ts';
import { parseScenario } from '../../conformance/scenarios/load.ts';
import type { Scenario } from '../../conformance/scenarios/types.ts';

export { PEER_BIN };

/** PING_INTERVAL of every test ring: short, so the tests run fast. */
export const INTERVAL = '0.2';
export const INTERVAL_MS = 200;
/** The reference peer's default P2P_MISSED_PINGS. */
export const MISSED_PINGS = 3;

/** Deadlines for an interval of 0.2 s; a kill must be detected within 10 s (the peer needs < 1 s). */
export const TIMING = timingFor({ interval: Number(INTERVAL), detectSeconds: 10 });

// The machine may have two cores and ava runs two files at once: a few rings at a time per file
// keep each peer's ping timer on time, so a starved peer is never taken for a dead one.
const limiter = createLimiter(Number(process.env.REF_TEST_RINGS ?? 2));

/** Runs `scenario` against the reference peer through the project's runner, in its own namespace. */
export function runReference(scenario: Scenario): Promise<ScenarioResult> {
  return limiter(async () =>
    resultOf(
      await runScenario(scenario, {
        program: [PEER_BIN],
        interval: INTERVAL,
        timing: TIMING,
        portBase: 12000,
        isolate: true,
      }),
    ),
  );
}

/** Runs `work` under the same limit on rings at once as the scenarios (for hand-driven rings). */
export function withRingSlot<R>(work: () => Promise<R>): Promise<R> {
  return limiter(work);
}

/** An inline scenario, its actions written as in a scenario file and checked as one. */
export function scenarioOf(name: string, ring: readonly number[], actions: readonly ActionJson[], extra: Partial<Scenario> = {}): Scenario {
  return { ...parseScenario(`${name}.json`, JSON.stringify({ name, description: name, ring, actions, pings: actions.length === 0 })), ...extra };
}

/**
 * Every sentence each peer must print over a whole scenario, in order: the runner settles the ring
 * before each action, so one action's lines all come before the next one's.
 */
export function expectedSentences(scenario: Scenario): Map<number, string[]> {
  let ring = makeRing(scenario.ring);
  const all = new Map<number, string[]>(ring.map((id) => [id, []]));
  for (const action of scenario.actions) {
    const { expectations, after } = expectAction(ring, action);
    for (const [peer, rows] of expectations) all.set(peer, [...(all.get(peer) ?? []), ...rows.map((row: ExpectedLine) => sentenceOf(row))]);
    for (const id of after) if (!all.has(id)) all.set(id, []);
    ring = after;
  }
  return all;
}


/** Whether a line is a ping line (step 2) and nothing else. */
export function isPingLine(line: Line): boolean {
  const events = findEvents(line.text);
  return events.length > 0 && events.every((e) => PING_MESSAGES.has(e.id));
}

/** Each peer's printed lines over the whole scenario, ping lines dropped. */
export function printedSentences(result: ScenarioResult): Map<number, string[]> {
  const all = new Map<number, string[]>();
  for (const transcript of result.transcripts) {
    const lines = transcript.lines.filter((line) => !isPingLine(line)).map((line) => line.text);
    all.set(transcript.peer, [...(all.get(transcript.peer) ?? []), ...lines]);
  }
  return all;
}

/** A map as a plain object keyed by peer, for readable deepEqual diffs. */
export function byPeer<T>(map: ReadonlyMap<number, T>): Record<string, T> {
  return Object.fromEntries([...map].sort((a, b) => a[0] - b[0]).map(([id, value]) => [`peer ${id}`, value]));
}

/** Findings that failed or carry a wording warning: the reference peer should have none. */
export function blemishes(result: ScenarioResult): Finding[] {
  return result.findings.filter((f) => f.status !== 'pass' || f.warnings.length > 0);
}

/** A one-line account of a result for failure messages. */
export function explain(result: ScenarioResult): string {
  const reasons = blemishes(result).flatMap((f) => [...f.reasons, ...f.warnings].map((r) => `${f.item}: ${r}`));
  const stderr = result.transcripts.flatMap((t) => t.stderr.slice(-3).map((l) => `peer ${t.peer} stderr: ${l}`));
  return [...reasons, ...result.notes, ...stderr].join('\n');
}

/** Resolves `undefined` after `ms`, without holding the process open: a deadline to race against. */
export function deadline(ms: number): Promise<undefined> {
  return new Promise((resolve) => {
    setTimeout(() => resolve(undefined), ms).unref();
  });
}

/**
 * Runs an inline scenario on `ring` (default the standard ring) and asserts that the runner judged
 * `items`, each a pass without a wording warning, and that each peer printed exactly the expected
 * lines, in order, with nothing but ping lines besides.
 */
export async function passesStrictly(
  t: ExecutionContext,
  name: string,
  actions: readonly ActionJson[],
  items: readonly Item[],
  ring: readonly number[] = STANDARD_RING,
): Promise<ScenarioResult> {
  const scenario = scenarioOf(name, ring, actions);
  const result = await runReference(scenario);
  t.deepEqual(blemishes(result), [], explain(result));
  // Where each kill fell in its victim's ping cycle is a note too: not a blemish.
  t.deepEqual(result.notes.filter((n) => !/^kill -9 of peer \d+: peer \d+ was killed/.test(n)), [], 'the ring settled before every action');
  t.deepEqual(result.findings.map((f) => f.item), [...items], 'the runner judged every item of the scenario');
  t.deepEqual(byPeer(printedSentences(result)), byPeer(expectedSentences(scenario)), 'each peer printed exactly the expected lines, in order');
  return result;
}

/**
 * Both predecessors measured the death of each killed peer within a few intervals. A death needs
 * MISSED_PINGS unanswered pings, each judged an interval after it was sent: about MISSED_PINGS + 1
 * intervals. A ping sent just before the kill may already be unanswered on a loaded machine, so
 * the least that shows pings were counted (not a refused send) is one interval.
 */
export function checkDetection(t: ExecutionContext, result: ScenarioResult): void {
  const bound = (MISSED_PINGS + 2) * INTERVAL_MS + 1000;
  const kills = result.findings.filter((f) => f.item === 'kill');
  t.true(kills.length > 0, 'the scenario killed a peer');
  for (const finding of kills) {
    const detections = finding.detections ?? [];
    t.is(detections.length, 2, `${finding.action}: both predecessors detected the death`);
    for (const { peer, ms } of detections) {
      t.log(`${finding.action}: peer ${peer} ${ms} ms`);
      t.true(ms >= INTERVAL_MS && ms <= bound, `${finding.action}: peer ${peer} took ${ms} ms (expected ${INTERVAL_MS}..${bound} ms)`);
    }
  }
}
