/**
 * Drives one scenario on a ring session and records its history: the ring started with the
 * assignment's command lines, the ring settling before each action, each action driven and
 * waited on with deadlines. It judges nothing: the matcher only decides when to move on
 * (checkers/judge-scenario.ts judges the history afterwards).
 */
import { PING_MESSAGES } from '../protocol/catalogue.ts';
import { findEvents } from '../protocol/matcher.ts';
import { ACTIONS, describeAction, expectAction, type Action, type RequestAction } from '../protocol/actions.ts';
import { expectRequestRoundTrip, type Expectations } from '../protocol/expect.ts';
import { keyOf, makeRing, ownerOf, type Ring } from '../protocol/ring.ts';
import { RingSession, type SessionOptions } from '../driver/ring-session.ts';
import { watchLoopDelay } from '../driver/loop-delay.ts';
import type { ActionPhase, FileCopy, FileOutcome, KillCycle, KillPhase, Mark, Phase, RequestRecord, ScenarioHistory, StartPhase } from '../history/history.ts';
import type { Line } from '../driver/transcript.ts';
import { setTimeout as delay } from 'node:timers/promises';
import { killPhaseOf } from '../protocol/kill-phase.ts';
import { keptFileOf } from '../checkers/file.ts';
import { falseLineDetector } from '../checkers/decided.ts';
import { trackPings } from '../checkers/pings.ts';
import { RATE_ROUNDS, trackRounds } from '../checkers/ping-rate.ts';
import { routeAtOwner } from '../checkers/request-at-owner.ts';
import { ringTruth } from '../protocol/ring-claims.ts';
import { scenarioFiles, type ScenarioFile } from '../scenarios/files.ts';
import type { Scenario } from '../scenarios/types.ts';
import type { Timing } from './timing.ts';
import type { Finding } from '../checkers/grade-model.ts';

export type RunOptions = SessionOptions & {
  readonly timing: Timing;
  /** Which run of the scenario this is, from 0 (`--repeat`): it decides where kills fall. */
  readonly repeat?: number;
  /** Progress events for live reporters. */
  readonly onEvent?: (event: ScenarioEvent) => void;
};

export type ScenarioEvent =
  | { readonly type: 'scenario-start'; readonly scenario: string }
  | { readonly type: 'action'; readonly scenario: string; readonly action: string }
  | { readonly type: 'finding'; readonly finding: Finding }
  | { readonly type: 'scenario-end'; readonly scenario: string; readonly ms: number };

class ScenarioDrive {
  readonly session: RingSession;
  readonly scenario: Scenario;
  readonly options: RunOptions;
  readonly phases: Phase[] = [];
  readonly notes: string[] = [];
  readonly files: readonly ScenarioFile[];
  model: Ring;
  /** Whether the peers' lines showed the ring settle before the current action (spec §4). */
  settled = false;
  /** Peers told to quit or killed. */
  readonly left: number[] = [];

  constructor(session: RingSession, scenario: Scenario, options: RunOptions) {
    this.session = session;
    this.scenario = scenario;
    this.options = options;
    this.model = makeRing(scenario.ring);
    this.files = scenarioFiles(scenario);
  }

  get timing(): Timing {
    return this.options.timing;
  }

  get aborted(): boolean {
    return this.options.signal?.aborted ?? false;
  }

  async start(): Promise<void> {
    // As in the assignment, every file is in place before any peer starts (spec §3 step 7).
    for (const file of this.files) for (const peer of file.holders) this.session.writeFile(peer, `${file.name}.pdf`, file.content);
    const at = this.session.clock();
    await this.session.startAll(this.model);
    const { timing, session } = this;
    let ports: StartPhase['ports'];
    if (this.scenario.pings) {
      ports = await Promise.all(
        this.model.map(async (id) => {
          const bound = await session.waitForPorts(id, this.options.portBase + id, timing.startMs);
          return { id, bound, running: session.isRunning(id) };
        }),
      );
    }
    const from = {};
    const missing = await session.waitSettled(this.model, timing.settleMs, from);
    this.settled = missing.length === 0;
    const settle = { from, to: session.mark(), waitedMs: timing.settleMs, missing };
    let pings: StartPhase['pings'];
    if (this.scenario.pings && !this.aborted) {
      // One full round after settling: three intervals and a margin for a loaded machine (a
      // correct ring completes it within an interval or two, so the margin costs only broken ones).
      const windowMs = 3 * timing.intervalMs + 5000;
      const pingsFrom = session.mark();
      await Promise.all(
        this.model.map((id) => {
          const tracker = trackPings(this.model, id);
          return session.waitForLine(id, (line) => (tracker.add(line), tracker.isComplete()), pingsFrom, windowMs);
        }),
      );
      pings = { from: pingsFrom, to: session.mark(), windowMs };
      // Step 2's rate is judged over the whole scenario, and a ring of pings alone settles within
      // a few rounds: watch on until every peer has printed enough rounds to tell its rate. A peer
      // that has printed no round at all by now has failed the ping lines, and its rate tells nothing.
      const rateFrom = session.mark();
      const sofar = session.linesSince({});
      await Promise.all(
        this.model.map((id) => {
          const tracker = trackRounds(timing.intervalMs);
          for (const line of sofar.get(id) ?? []) tracker.add(line);
          if (tracker.rounds.length === 0 || tracker.rounds.length >= RATE_ROUNDS) return;
          return session.waitForLine(id, (line) => (tracker.add(line), tracker.rounds.length >= RATE_ROUNDS), rateFrom, timing.rateMs);
        }),
      );
    }
    if (!this.aborted) this.phases.push({ kind: 'start', at, end: session.clock(), ...(ports ? { ports } : {}), settle, ...(pings ? { pings } : {}), memoryKills: session.memoryKills() });
  }

  /**
   * After a join, quit or kill: the changed ring must go on working (spec §3 steps 3–5). A ring
   * whose settling its lines cannot show (step 2's failure) cannot show that either, and judging
   * it would charge one defect twice: it gets as long as a correct peer needs instead (spec §4),
   * less if its lines do show it.
   */
  async settleAfter(from: Mark): Promise<NonNullable<ActionPhase['settle']>> {
    const judged = this.settled;
    const waitedMs = judged ? this.timing.settleMs : this.timing.quietMs;
    const missing = await this.session.waitSettled(this.model, waitedMs, from);
    if (judged) this.settled = missing.length === 0;
    return { from, to: this.session.mark(), waitedMs, missing, judged };
  }

  async act(action: Action): Promise<void> {
    const { session, timing } = this;
    this.options.onEvent?.({ type: 'action', scenario: this.scenario.name, action: describeAction(action) });
    const unconfirmed = !this.settled;
    const before = this.model;
    const left = [...this.left];
    // A paced action waits its pause after the ring has settled (a scenario's or fuzzed timing).
    if (action.pause) await delay(action.pause * 1000, undefined, { signal: this.options.signal }).catch(() => {});
    const killCycle = action.type === 'kill' ? await this.aimKill(action.peer, action.phase) : undefined;
    const from = session.mark();
    const at = session.clock();
    const { expectations, after } = expectAction(before, action);
    // A line that fails the action whatever follows (a false claim or ring line) ends its waits.
    const isFalse = falseLineDetector(ACTIONS[action.type].claims(before, action as never), ringTruth(before, after, { quit: action.type === 'quit' ? action.peer : undefined, left }));
    const decided = new AbortController();
    let decidedAt: number | undefined;
    const watching = () =>
      session.watch(from, (peer, line) => {
        if (decidedAt === undefined && isFalse(peer, line)) {
          decidedAt = session.clock();
          decided.abort();
        }
      });
    let unwatch = watching();
    // Rows until the deadline or a decision; after a decision, until the action has died down.
    const rows = async (e: Expectations, timeoutMs: number) => {
      const begun = performance.now();
      await session.waitForRows(e, from, timeoutMs, decided.signal);
      if (decidedAt === undefined) return;
      const left = timeoutMs - (performance.now() - begun);
      // Ping lines go on whatever an action does: they do not show that it is still going on.
      await session.waitQuiet(from, (line) => findEvents(line.text).some((ev) => !PING_MESSAGES.has(ev.id)), this.timing.quietMs, Math.max(0, left));
    };
    const phase = (fields: Partial<ActionPhase> & Pick<ActionPhase, 'waitedMs'>): ActionPhase => ({
      kind: 'action',
      action,
      at,
      end: session.clock(),
      before,
      after,
      from,
      to: session.mark(),
      unconfirmed,
      left,
      memoryKills: session.memoryKills(),
      ...(decidedAt !== undefined ? { decidedMs: decidedAt - at } : {}),
      ...fields,
    });
    let recorded: ActionPhase;
    switch (action.type) {
      case 'join': {
        const waitedMs = timing.actionMs + timing.startMs;
        await session.startJoin(action.peer, action.known);
        unwatch();
        unwatch = watching();
        await rows(expectations, waitedMs);
        recorded = phase({ waitedMs });
        this.model = after;
        recorded = { ...recorded, settle: await this.settleAfter(from) };
        break;
      }
      case 'quit': {
        this.left.push(action.peer);
        session.type(action.peer, 'Quit');
        await rows(expectations, timing.actionMs);
        recorded = phase({ waitedMs: timing.actionMs });
        const exited = await session.waitForExit(action.peer, timing.exitMs);
        if (!exited) await session.stop(action.peer);
        this.model = after;
        recorded = { ...recorded, exited, settle: await this.settleAfter(from) };
        break;
      }
      case 'kill': {
        this.left.push(action.peer);
        await session.kill(action.peer);
        await rows(expectations, timing.detectMs);
        recorded = phase({ waitedMs: timing.detectMs, ...(killCycle ? { killCycle } : {}) });
        this.model = after;
        recorded = { ...recorded, settle: await this.settleAfter(from) };
        break;
      }
      case 'store': {
        session.type(action.at, `Store ${action.file}`);
        await rows(expectations, timing.actionMs);
        recorded = phase({ waitedMs: timing.actionMs, files: this.keep(action.file, action) });
        break;
      }
      case 'request':
        recorded = await this.request(action, from, rows, phase);
        break;
    }
    unwatch();
    // Waits cut short by an interruption prove nothing: the partial report keeps what was judged.
    if (!this.aborted) this.phases.push(recorded);
  }

  /**
   * Waits for the moment this run's kills aim at in the victim's ping cycle (kill-phase.ts): the
   * start of its next ping round, then the phase's share of an interval. A victim that prints no
   * round within two intervals is killed at once, and the history says so.
   */
  async aimKill(victim: number, fixed?: KillPhase): Promise<KillCycle> {
    const { intervalMs } = this.timing;
    const { phase, fraction } = killPhaseOf(this.options.repeat ?? 0, fixed);
    const isRound = (line: Line) => findEvents(line.text).some((e) => e.id === 'ping-sent' || e.id === 'ping-sent-one');
    const round = await this.session.waitForLine(victim, isRound, this.session.mark(), 2 * intervalMs + 1000);
    if (!round) return { phase, intervalMs };
    const wait = round.at + Math.round(fraction * intervalMs) - this.session.clock();
    if (wait > 0) await delay(wait, undefined, { signal: this.options.signal }).catch(() => {});
    return { phase, intervalMs, afterRoundMs: this.session.clock() - round.at };
  }

  /** Every copy of a file as it is now; a damaged one is put back, and noted, for what follows. */
  keep(name: string, action: Action): FileCopy[] {
    const file = this.files.find((f) => f.name === name);
    if (!file) return [];
    const copies = file.holders.map((peer) => keptFileOf(peer, file.content, this.session.readFile(peer, `${name}.pdf`)));
    const damaged = copies.filter((c) => !c.intact).map((c) => c.peer);
    if (damaged.length) {
      for (const peer of damaged) this.session.writeFile(peer, `${name}.pdf`, file.content);
      this.notes.push(`conform put ${name}.pdf back at peer ${damaged.join(', ')} after \`${describeAction(action)}\` damaged it, so that what follows is judged on its own`);
    }
    return copies;
  }

  async request(
    action: RequestAction,
    from: Mark,
    rows: (e: Expectations, timeoutMs: number) => Promise<void>,
    phase: (fields: Partial<ActionPhase> & Pick<ActionPhase, 'waitedMs'>) => ActionPhase,
  ): Promise<ActionPhase> {
    const { session, timing } = this;
    const owner = ownerOf(this.model, keyOf(action.file));
    const file = this.files.find((f) => f.name === action.file)!;
    const received = `received_${action.file}.pdf`;
    // An earlier Store of this file may have damaged it: that was its own step's failure.
    this.keep(action.file, action);
    session.type(action.at, `Request ${action.file}`);
    const record = (outcome?: FileOutcome): RequestRecord => ({
      atOwner: action.at === owner,
      ...(outcome ? { outcome } : {}),
      listing: session.listing(action.at),
      sent: file.content.length,
    });
    if (action.at === owner) {
      // Typed at the owner: it answers at once or sends the request round the ring (spec §3 step 7).
      const f = Number(action.file);
      const decides = (l: { text: string }) => findEvents(l.text).some((e) => (e.id === 'request-sent' || e.id === 'file-stored-here') && e.values[0] === f);
      await session.waitForLine(owner, decides, from, timing.actionMs);
      if (routeAtOwner(session.linesSince(from).get(owner) ?? [], action.file) !== 'round') return phase({ waitedMs: timing.actionMs, request: record() });
      const outcome = await session.waitForFile(action.at, received, file.content, timing.stallMs);
      await rows(expectRequestRoundTrip(owner, action.file), timing.actionMs);
      return phase({ waitedMs: timing.actionMs, request: record(outcome) });
    }
    const expectations = ACTIONS.request.expect(this.model, action);
    await rows(expectations, timing.actionMs);
    const outcome = await session.waitForFile(action.at, received, file.content, timing.stallMs);
    // A slow transfer is judged by progress (spec §4): the lines printed once it is done
    // ('The file has been sent', 'File NNNN received') get their deadline from its end.
    if (outcome.state === 'identical' || outcome.state === 'different') await rows(expectations, timing.actionMs);
    return phase({ waitedMs: timing.actionMs, request: record(outcome) });
  }
}

/** Drives `scenario` to the end and removes everything it created, whatever happens. */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioHistory> {
  const started = performance.now();
  options.onEvent?.({ type: 'scenario-start', scenario: scenario.name });
  let session: RingSession | undefined;
  let drive: ScenarioDrive | undefined;
  const loop = watchLoopDelay();
  try {
    session = await RingSession.open(options);
    drive = new ScenarioDrive(session, scenario, options);
    await drive.start();
    for (const action of scenario.actions) {
      if (options.signal?.aborted) break;
      await drive.act(action);
    }
    const observation = session.observe(loop);
    const closing = await session.close();
    return {
      scenario,
      timing: options.timing,
      portBase: options.portBase,
      sandbox: session.walls,
      ms: Math.round(performance.now() - started),
      peers: session.records(),
      files: drive.files.map((f) => ({ name: f.name, bytes: f.content.length, holders: f.holders })),
      phases: drive.phases,
      notes: [...drive.notes, ...closing],
      observation,
      interrupted: options.signal?.aborted ?? false,
      ...(options.repeat !== undefined ? { repeat: options.repeat } : {}),
    };
  } finally {
    loop.stop();
    await session?.close();
    options.onEvent?.({ type: 'scenario-end', scenario: scenario.name, ms: Math.round(performance.now() - started) });
  }
}
