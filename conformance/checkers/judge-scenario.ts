/**
 * Judges one scenario's history (history/history.ts): pure, it reads what the driver recorded and
 * gives every rubric item's findings, as the checkers of each step see them. Nothing here waits or
 * touches a process: a saved history judged again gives the same findings.
 */
import { killCycleInWords } from '../protocol/kill-phase.ts';
import { ACTIONS, describeAction, expectAction, type Action, type ActionOf } from '../protocol/actions.ts';
import type { Claim } from '../protocol/claims.ts';
import { meaningOf, type MessageId } from '../protocol/catalogue.ts';
import { expectRequestRoundTrip, type Expectations } from '../protocol/expect.ts';
import { findEvents, type ExpectedLine } from '../protocol/matcher.ts';
import { ringTruth } from '../protocol/ring-claims.ts';
import { keyOf, makeRing, ownerOf } from '../protocol/ring.ts';
import type { Line } from '../driver/transcript.ts';
import { linesBetween, type ActionPhase, type Mark, type PeerRecord, type ScenarioHistory, type Settle } from '../history/history.ts';
import { describeExit } from './describe-exit.ts';
import { checkFalseLines } from './false-lines.ts';
import { checkFilesKept, checkReceivedFile } from './file.ts';
import { combine, factsOf, verdictOf, verdictOfFacts } from './finding.ts';
import { STEP_OF_ITEM, type Fact, type Finding, type Item, type Verdict } from './grade-model.ts';
import { diagnose } from './diagnosis.ts';
import { checkLines } from './lines.ts';
import { checkPingRate, livesOf } from './ping-rate.ts';
import { checkPings } from './pings.ts';
import { checkPorts } from './ports.ts';
import { checkRequestAtOwner, routeAtOwner } from './request-at-owner.ts';
import { checkRingLines } from './ring-lines.ts';

export type ScenarioJudgement = { readonly findings: readonly Finding[]; readonly notes: readonly string[] };

// The messages of a request judged as its forwarding (spec §3 step 7); the rest are its transfer.
const FORWARDING_IDS: ReadonlySet<MessageId> = new Set(['request-sent', 'request-not-here']);

/** The lines of a request split into its forwarding and its transfer (the rubric's items). */
function splitRequest(expectations: Expectations): { forwarding: Expectations; transfer: Expectations } {
  const forwarding = new Map<number, ExpectedLine[]>();
  const transfer = new Map<number, ExpectedLine[]>();
  for (const [peer, rows] of expectations) {
    const f = rows.filter((r) => FORWARDING_IDS.has(r.id));
    const t = rows.filter((r) => !f.includes(r));
    if (f.length) forwarding.set(peer, f);
    if (t.length) transfer.set(peer, t);
  }
  return { forwarding, transfer };
}

/** The record of each peer that was running at `at` (a peer ID that left and joined again has two). */
function currentRecords(peers: readonly PeerRecord[], at: number): Map<number, PeerRecord> {
  const current = new Map<number, PeerRecord>();
  for (const record of peers) if (record.startedAt <= at) current.set(record.peer, record);
  return current;
}

function linesOf(peers: readonly PeerRecord[], from: Mark, to: Mark, at: number): Map<number, Line[]> {
  return new Map([...currentRecords(peers, at)].map(([id, record]) => [id, linesBetween(record, from, to)]));
}

function unsettledFacts(action: Action, settle: Settle): Fact[] {
  return settle.missing.map(([id, successors]) => ({
    kind: 'ring-unsettled',
    peer: id,
    reason: `after \`${describeAction(action)}\` no line showed peer ${id}'s pings reaching its new successor${successors.length > 1 ? 's' : ''} ${successors.join(' and ')} within ${settle.waitedMs / 1000} s (neither a ping response at ${id} nor a ping request received at ${successors.length > 1 ? 'them' : 'it'}; spec §3 step ${ACTIONS[action.type].step}: the ring must go on working)`,
  }));
}

export function judgeScenario(history: ScenarioHistory): ScenarioJudgement {
  const { scenario, timing } = history;
  const findings: Finding[] = [];
  const notes: string[] = [];
  let firstFailure: string | undefined;
  // Peers told to quit or killed so far: their exit is no crash.
  const departed = new Set<number>();

  /** Peers that had ended by `at` without being told to (a crash explains many a missing line). */
  const crashFacts = (at: number, memoryKills: number): Fact[] =>
    [...currentRecords(history.peers, at).values()]
      .filter((r) => r.exit && r.exit.at <= at && !departed.has(r.peer))
      .map((r) => ({ kind: 'exit', peer: r.peer, reason: describeExit(r, memoryKills) }));

  const record = (item: Item, verdict: Verdict, at: number, memoryKills: number, extra: Partial<Finding> = {}, phase?: ActionPhase) => {
    const chained = scenario.chained && firstFailure !== undefined && verdict.status !== 'pass';
    const crashes = verdict.status === 'pass' ? [] : crashFacts(at, memoryKills).filter((f) => !verdict.reasons.includes(f.reason));
    const facts = verdict.status === 'pass' ? [] : [...crashes, ...factsOf(verdict)];
    const diagnosis = phase && facts.length ? diagnose(facts, phase.before, phase.action) : undefined;
    findings.push({
      scenario: scenario.name,
      item,
      step: STEP_OF_ITEM[item],
      status: verdict.status,
      reasons: [...crashes.map((f) => f.reason), ...verdict.reasons],
      warnings: [...verdict.warnings],
      ...extra,
      ...(chained ? { followsFrom: firstFailure } : {}),
      ...(facts.length ? { facts } : {}),
      ...(diagnosis ? { diagnosis } : {}),
    });
    if (verdict.status !== 'pass' && firstFailure === undefined) {
      const first = verdict.reasons[0] ?? 'failed';
      firstFailure = `${extra.action ?? item}: ${first.length > 120 ? first.slice(0, 117) + '...' : first}`;
    }
  };

  for (const phase of history.phases) {
    if (phase.kind === 'start') {
      const model = makeRing(scenario.ring);
      const at = phase.end;
      if (phase.ports) {
        const current = currentRecords(history.peers, at);
        const startReasons = phase.ports.filter((p) => !p.running).map((p) => describeExit(current.get(p.id)!, phase.memoryKills));
        record('start', verdictOf(startReasons), at, phase.memoryKills);
        record('ports', checkPorts(phase.ports, history.portBase, timing.startMs), at, phase.memoryKills);
      }
      // A peer that had ended by then explains itself (its exit is in the findings).
      const started = currentRecords(history.peers, at);
      const ended = (id: number) => (started.get(id)?.exit?.at ?? Number.POSITIVE_INFINITY) <= at;
      const unsettled = phase.settle.missing.filter(([id]) => !ended(id));
      for (const [id, successors] of unsettled) {
        notes.push(
          `the ring did not settle: no line showed peer ${id}'s pings reaching peer ${successors.join(' or ')} within ${phase.settle.waitedMs / 1000} s (neither a ping response at ${id} nor a ping request received at its successor; spec §4); going on regardless`,
        );
      }
      if (unsettled.length) {
        notes.push(
          `the peers' lines cannot show the ring settle, so after each change conform waits ${timing.quietMs / 1000} s (three ping intervals and 2 s), as long as a correct peer needs to learn its new neighbours from pings (spec §4); the verdicts after it were taken on a ring whose state could not be confirmed`,
        );
      }
      if (phase.pings) {
        const verdicts = checkPings(model, linesOf(history.peers, phase.pings.from, phase.pings.to, at), { windowMs: phase.pings.windowMs });
        record('ping-requests', verdicts.requests, at, phase.memoryKills);
        record('ping-responses', verdicts.responses, at, phase.memoryKills);
      }
      continue;
    }
    if (phase.action.type === 'quit' || phase.action.type === 'kill') departed.add(phase.action.peer);
    if (phase.action.type === 'kill' && phase.killCycle) notes.push(`${describeAction(phase.action)}: ${killCycleInWords(phase.action.peer, phase.killCycle)}`);
    for (const [item, verdict, extra] of judgeAction(history, phase)) {
      record(item, verdict, phase.end, phase.memoryKills, { action: describeAction(phase.action), ...(phase.unconfirmed ? { unconfirmedRing: true as const } : {}), ...extra }, phase);
    }
  }
  // Step 2's rate is judged over the whole scenario: rounds must keep coming as long as a peer runs.
  const last = history.phases.at(-1);
  if (scenario.pings && last) record('ping-rate', checkPingRate(livesOf(history), { intervalMs: timing.intervalMs }), last.end, last.memoryKills);
  return { findings, notes };
}

type Judged = [Item, Verdict, Partial<Finding>?];

/** The findings of one action, from its phase of the history. */
function judgeAction(history: ScenarioHistory, phase: ActionPhase): Judged[] {
  const { action, before } = phase;
  const text = describeAction(action);
  const step = ACTIONS[action.type].step;
  const lines = linesOf(history.peers, phase.from, phase.to, phase.end);
  const { expectations } = expectAction(before, action);
  // A false line decided the action early: the rows were watched for only until the ring had
  // quietened after it, and the evidence says so.
  const stoppedEarly = phase.decidedMs !== undefined;
  const judge = (e: Expectations) => checkLines(e, lines, { action: text, step, waitedMs: stoppedEarly ? phase.end - phase.at : phase.waitedMs, stoppedEarly });
  const claims = (c: readonly Claim[] = ACTIONS[action.type].claims(before, action as never)) => checkFalseLines(c, lines, { action: text, step });
  // The lines about the ring are read to the end of the settle wait: a peer that corrects a false
  // successor seconds later is shown with its correction.
  const ringWindow = phase.settle ? linesOf(history.peers, phase.from, phase.settle.to, phase.end) : lines;
  const ringLines = (told: readonly Verdict[]) => {
    const truth = ringTruth(before, phase.after, { quit: action.type === 'quit' ? action.peer : undefined, left: phase.left });
    return checkRingLines(truth, ringWindow, { action: text, step, actionAt: phase.at, told: told.flatMap((v) => v.reasons) });
  };
  // What every action is judged on besides its own lines: the lines about the ring it printed.
  const withRing = (parts: Verdict[]) => combine([...parts, ringLines(parts)]);
  const settled = () => verdictOfFacts(phase.settle?.judged ? unsettledFacts(action, phase.settle) : []);
  switch (action.type) {
    case 'join':
      return [['join', withRing([judge(expectations), claims(), settled()])]];
    case 'quit': {
      const exit = verdictOfFacts(phase.exited ? [] : [{ kind: 'never-exited', peer: action.peer, reason: `peer ${action.peer} was still running ${history.timing.exitMs / 1000} s after \`Quit\`: a departing peer must exit (spec §3 step 4)` }]);
      return [['quit', withRing([judge(expectations), exit, settled()])]];
    }
    case 'kill': {
      const detections = [...lines].flatMap(([id, peerLines]) => {
        const seen = peerLines.find((l) => findEvents(l.text).some((e) => e.id === meaningOf('no-longer-alive') && e.values[0] === action.peer));
        return seen && expectations.has(id) ? [{ peer: id, ms: seen.at - phase.at }] : [];
      });
      return [['kill', withRing([judge(expectations), settled()]), { detections }]];
    }
    case 'store': {
      const kept = checkFilesKept(action.file, fileBytes(history, action.file), phase.files ?? [], text);
      return [['store', withRing([judge(expectations), claims(), kept])]];
    }
    case 'request':
      return judgeRequest(history, phase, action, lines, { judge, claims, withRing });
  }
}

function fileBytes(history: ScenarioHistory, name: string): number {
  return history.files.find((f) => f.name === name)?.bytes ?? 0;
}

function judgeRequest(
  history: ScenarioHistory,
  phase: ActionPhase,
  action: ActionOf<'request'>,
  lines: ReadonlyMap<number, readonly Line[]>,
  by: { judge: (e: Expectations) => Verdict; claims: (c: readonly Claim[]) => Verdict; withRing: (parts: Verdict[]) => Verdict },
): Judged[] {
  const { timing } = history;
  const text = describeAction(action);
  const owner = ownerOf(phase.before, keyOf(action.file));
  const request = phase.request!;
  const all = ACTIONS.request.claims(phase.before, action);
  const file = request.outcome
    ? checkReceivedFile(request.outcome, { file: action.file, requester: action.at, sent: request.sent, stallMs: timing.stallMs, listing: request.listing })
    : undefined;
  if (request.atOwner) {
    // Typed at the owner: it answers at once or sends the request round the ring (spec §3 step 7).
    const roundTrip = expectRequestRoundTrip(owner, action.file);
    const round = routeAtOwner(lines.get(owner) ?? [], action.file) === 'round';
    const delivered = round && file ? combine([file.transfer, file.content]) : undefined;
    const verdict = checkRequestAtOwner(lines, { action: text, owner, file: action.file, waitedMs: phase.waitedMs, roundTrip, delivered });
    const ownerRecord = currentRecords(history.peers, phase.end).get(owner);
    const crashed = verdictOf(ownerRecord?.exit && ownerRecord.exit.at <= phase.end ? [describeExit(ownerRecord, phase.memoryKills)] : []);
    return [['request-transfer', by.withRing([verdict, crashed, by.claims(all)])]];
  }
  const split = splitRequest(ACTIONS.request.expect(phase.before, action));
  const forwarding = [by.judge(split.forwarding), by.claims(all.filter((c) => FORWARDING_IDS.has(c.id)))];
  const transfer = [by.judge(split.transfer), by.claims(all.filter((c) => !FORWARDING_IDS.has(c.id))), file?.transfer ?? verdictOf([])];
  return [
    ['request-forwarding', by.withRing(forwarding)],
    ['request-transfer', combine(transfer)],
    ['request-content', file?.content ?? verdictOf([])],
  ];
}
