/**
 * The flaky fixture peers (fixtures/peers/flaky-*) show their race for mid-round kills only, and
 * the project's own judge grades them so: step 5 fails when peer 14 is killed half an interval
 * after its ping round began, and passes when it is killed a tenth or nine tenths of an interval
 * after. Until the runner can choose a kill's phase (`conform run --repeat`), this test drives the
 * kill itself on a ring session as the runner drives `kill-middle` (run-scenario.ts): start the
 * standard ring, wait for it to settle, then wait for peer 14's next `Ping requests sent to Peers`
 * line and f × I more, kill it, wait for the predecessors' rows (stopping early at a false line),
 * wait for the ring to settle; then it judges the recorded history with judge-scenario.ts.
 * Real processes and sockets in a namespace, one ring at a time (the kills' timing is the point).
 * Both fixtures are otherwise correct: the last tests grade them on one scenario per other step.
 * `CONFORM_RACE_INTERVAL` sets the ping interval (default 1 s; the fixtures are meant for 1 or 2).
 */
import test from 'ava';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { resultOf } from '../checkers/grade-run.ts';
import { falseLineDetector } from '../checkers/decided.ts';
import type { Finding } from '../checkers/grade-model.ts';
import { hasNamespaces } from '../driver/namespace.ts';
import { RingSession } from '../driver/ring-session.ts';
import type { ActionPhase, Mark, ScenarioHistory, StartPhase } from '../history/history.ts';
import { ACTIONS, expectAction, type KillAction } from '../protocol/actions.ts';
import { PING_MESSAGES } from '../protocol/catalogue.ts';
import { findEvents } from '../protocol/matcher.ts';
import { ringTruth } from '../protocol/ring-claims.ts';
import { STANDARD_RING } from '../protocol/ring.ts';
import { timingFor } from '../runner/timing.ts';
import { resolveSubmission } from '../submission/resolve.ts';
import { explain, failedSteps, FIXTURES, grade, ONE_PER_STEP } from './_grade.ts';

const INTERVAL = process.env.CONFORM_RACE_INTERVAL ?? '1';
const INTERVAL_MS = Number(INTERVAL) * 1000;
/** 15 s to notice the kill: a correct peer of these fixtures needs 3 intervals. */
const TIMING = timingFor({ interval: Number(INTERVAL), detectSeconds: 15 });
/** The ring after the kill settles within a few intervals, or (fixture 1 mid-round) never. */
const SETTLE_AFTER_MS = 5_000 + 5 * INTERVAL_MS;
const VICTIM = 14;

/** The kill phases of `--repeat` (0.1 'after-round', 0.5 'mid-round', 0.9 'before-round'). */
const PHASES = [
  { name: 'after-round', f: 0.1 },
  { name: 'mid-round', f: 0.5 },
  { name: 'before-round', f: 0.9 },
] as const;

type Killed = { readonly finding: Finding; readonly history: ScenarioHistory; readonly measured: string[]; readonly lateMs: number };

/** Runs the standard ring of `fixture`, kills 14 f × I after its next ping round began, judges it. */
async function killAtPhase(fixture: string, f: number): Promise<Killed> {
  const submission = await resolveSubmission({ path: join(FIXTURES, fixture) });
  const session = await RingSession.open({ program: submission.program, interval: INTERVAL, portBase: 12000, isolate: hasNamespaces() });
  const started = performance.now();
  try {
    const model = STANDARD_RING;
    const startAt = session.clock();
    await session.startAll(model);
    const fromStart: Mark = {};
    const missing = await session.waitSettled(model, TIMING.settleMs, fromStart);
    if (missing.length) throw new Error(`the ring did not settle: ${JSON.stringify(missing)}`);
    const start: StartPhase = { kind: 'start', at: startAt, end: session.clock(), settle: { from: fromStart, to: session.mark(), waitedMs: TIMING.settleMs, missing }, memoryKills: session.memoryKills() };

    // The victim's next ping round, then f × I from the moment its line arrived.
    const round = await session.waitForLine(VICTIM, (l) => findEvents(l.text).some((e) => e.id === 'ping-sent'), session.mark(), 3 * INTERVAL_MS + 5_000);
    if (!round) throw new Error(`peer ${VICTIM} printed no ping line`);
    const killAt = round.at + f * INTERVAL_MS;
    await delay(Math.max(0, killAt - session.clock()));

    const action: KillAction = { type: 'kill', peer: VICTIM };
    const { expectations, after } = expectAction(model, action);
    const from = session.mark();
    const at = session.clock();
    const lateMs = at - killAt;
    const isFalse = falseLineDetector(ACTIONS.kill.claims(model, action), ringTruth(model, after, { left: [] }));
    const decided = new AbortController();
    let decidedAt: number | undefined;
    const unwatch = session.watch(from, (peer, line) => {
      if (decidedAt === undefined && isFalse(peer, line)) {
        decidedAt = session.clock();
        decided.abort();
      }
    });
    await session.kill(VICTIM);
    const begun = performance.now();
    await session.waitForRows(expectations, from, TIMING.detectMs, decided.signal);
    if (decidedAt !== undefined) {
      const left = TIMING.detectMs - (performance.now() - begun);
      await session.waitQuiet(from, (line) => findEvents(line.text).some((e) => !PING_MESSAGES.has(e.id)), TIMING.quietMs, Math.max(0, left));
    }
    const end = session.clock();
    const to = session.mark();
    const missingAfter = await session.waitSettled(after, SETTLE_AFTER_MS, from);
    unwatch();
    const phase: ActionPhase = {
      kind: 'action',
      action,
      at,
      end,
      before: model,
      after,
      from,
      to,
      waitedMs: TIMING.detectMs,
      unconfirmed: false,
      left: [],
      settle: { from, to: session.mark(), waitedMs: SETTLE_AFTER_MS, missing: missingAfter, judged: true },
      memoryKills: session.memoryKills(),
      ...(decidedAt !== undefined ? { decidedMs: decidedAt - at } : {}),
    };
    const notes = await session.close();
    const peers = session.records();
    const history: ScenarioHistory = {
      scenario: { name: 'kill-middle', description: `kill 14 at ${f} of its ping cycle`, ring: model, actions: [action] },
      timing: TIMING,
      portBase: 12000,
      sandbox: session.walls,
      ms: Math.round(performance.now() - started),
      peers,
      files: [],
      phases: [start, phase],
      notes,
      interrupted: false,
    };
    const finding = resultOf(history).findings.find((x) => x.item === 'kill');
    if (!finding) throw new Error('no finding for the kill');
    // What the predecessors measured (kill_phase.py says it on stderr).
    const measured = peers
      .filter((p) => p.peer === 9 || p.peer === 8)
      .flatMap((p) => p.stderr.filter((l) => l.includes(`peer ${VICTIM} closed its watch connection`)).map((l) => `${p.peer}: ${l.replace(/^\[peer \d+\] /, '')}`));
    return { finding, history, measured, lateMs };
  } finally {
    await session.close();
    await submission.cleanup();
  }
}

function linesOf(history: ScenarioHistory, peer: number): string[] {
  const phase = history.phases[1] as ActionPhase;
  const record = history.peers.find((p) => p.peer === peer)!;
  return record.lines.filter((l) => l.seq >= (phase.from[String(peer)] ?? 0)).map((l) => `${((l.at - phase.at) / 1000).toFixed(2)} s ${l.text}`);
}

function report(k: Killed): string {
  return [
    `kill sent ${k.lateMs} ms after it was due; ${k.measured.join('; ') || 'no phase measured'}`,
    `step 5 ${k.finding.status}: ${k.finding.reasons.join(' | ')}`,
    ...[9, 8].map((p) => `peer ${p}:\n  ${linesOf(k.history, p).filter((l) => !/Ping/.test(l)).join('\n  ')}`),
  ].join('\n');
}

const hasLine = (k: Killed, peer: number, pattern: RegExp) => linesOf(k.history, peer).some((l) => pattern.test(l));

for (const { name, f } of PHASES) {
  test.serial(`flaky-kill-missed-mid-round: a ${name} kill (${f} × I) is ${f === 0.5 ? 'missed by peer 9' : 'noticed by both predecessors'}`, async (t) => {
    t.timeout(150_000);
    const k = await killAtPhase('flaky-kill-missed-mid-round', f);
    t.log(report(k));
    if (f === 0.5) {
      t.is(k.finding.status, 'fail');
      t.true(k.finding.reasons.some((r) => /peer 9 printed no 'Peer 14 is no longer alive' within 15 s/.test(r)), k.finding.reasons.join('\n'));
      t.false(hasLine(k, 9, /Peer 14 is no longer alive/), 'peer 9 said 14 was dead');
      t.true(hasLine(k, 8, /Peer 14 is no longer alive/), 'peer 8, the second predecessor, detects as ever');
    } else {
      t.is(k.finding.status, 'pass', k.finding.reasons.join('\n'));
    }
  });
}

for (const { name, f } of PHASES) {
  test.serial(`flaky-adopts-dead-successor: a ${name} kill (${f} × I) is repaired ${f === 0.5 ? 'with the dead peer at peer 8' : 'right'}`, async (t) => {
    t.timeout(150_000);
    const k = await killAtPhase('flaky-adopts-dead-successor', f);
    t.log(report(k));
    if (f === 0.5) {
      t.is(k.finding.status, 'fail');
      t.true(
        k.finding.reasons.some((r) => /peer 8 printed 'My new second successor is Peer 14' .* its second successor was wrong; it printed 'My new second successor is Peer 19'/.test(r)),
        k.finding.reasons.join('\n'),
      );
      t.true(hasLine(k, 8, /Peer 14 is no longer alive/));
      t.true(hasLine(k, 9, /My new second successor is Peer 2$/), 'peer 9, the first predecessor, repairs right');
    } else {
      t.is(k.finding.status, 'pass', k.finding.reasons.join('\n'));
    }
  });
}

// Otherwise correct peers: every step but 5 passes, on one scenario per step (and the kill's phase
// is left to chance here, so step 5 is not looked at).
for (const fixture of ['flaky-kill-missed-mid-round', 'flaky-adopts-dead-successor']) {
  test.serial(`${fixture} passes every step but 5`, async (t) => {
    t.timeout(300_000);
    const result = await grade(join(FIXTURES, fixture), { scenarios: ONE_PER_STEP.filter((s) => s !== 'kill-middle') });
    t.deepEqual(failedSteps(result).filter((s) => s !== 5), [], explain(result));
    t.is(result.steps.find((s) => s.step === 5)?.status, 'not-graded');
  });
}
