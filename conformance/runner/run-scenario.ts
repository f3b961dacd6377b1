/**
 * Runs one scenario against a submission: a fresh namespace and directory, the ring started with
 * the assignment's command lines, each action driven and judged, everything ended and removed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createNamespace, type Namespace } from '../driver/namespace.ts';
import { detached, killMarked, markedProcesses } from '../driver/marked.ts';
import { STDERR_KEEP } from '../driver/stderr-pipe.ts';
import type { PeerProcess } from '../driver/peer-process.ts';
import { RunningRing } from '../driver/ring.ts';
import type { Line, TranscriptLimits } from '../driver/transcript.ts';
import { expectRequestRoundTrip, type Expectations } from '../protocol/expect.ts';
import { describeAction, expectAction, ruleOf, stepOf, type Action, type RequestAction } from '../protocol/actions.ts';
import { findEvents, type ExpectedLine } from '../protocol/matcher.ts';
import { keyOf, makeRing, ownerOf, type Ring } from '../protocol/ring.ts';
import { byRow, checkLines } from '../checkers/lines.ts';
import { checkFalseLines } from '../checkers/false-lines.ts';
import type { Claim } from '../protocol/claims.ts';
import type { MessageId } from '../protocol/catalogue.ts';
import { checkPings, trackPings } from '../checkers/pings.ts';
import { checkPorts } from '../checkers/ports.ts';
import { checkFilesKept, checkReceivedFile } from '../checkers/file.ts';
import { checkRingLines } from '../checkers/ring-lines.ts';
import { checkRequestAtOwner, routeAtOwner } from '../checkers/request-at-owner.ts';
import { ringTruth } from '../protocol/ring-claims.ts';
import { scenarioFiles, type ScenarioFile } from '../scenarios/files.ts';
import { combine, verdictOf } from '../checkers/finding.ts';
import { STEP_OF_ITEM, type Finding, type Item, type Verdict } from '../checkers/grade-model.ts';
import type { Scenario } from '../scenarios/types.ts';
import type { Timing } from './timing.ts';
import { describeExit } from './describe-exit.ts';
import { ownPrefix } from '../driver/owned-names.ts';
import { waitForExit, waitForFile, waitForPorts, waitForRows } from './waits.ts';

export type RunOptions = {
  /** argv prefix of the submission. */
  readonly program: readonly string[];
  /** PING_INTERVAL as typed on the command line. */
  readonly interval: string;
  readonly timing: Timing;
  readonly portBase: number;
  /** Run inside a fresh namespace (false where the machine has none: then one scenario at a time). */
  readonly isolate: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly limits?: TranscriptLimits;
  readonly signal?: AbortSignal;
  /** Progress events for live reporters. */
  readonly onEvent?: (event: ScenarioEvent) => void;
};

export type ScenarioEvent =
  | { readonly type: 'scenario-start'; readonly scenario: string }
  | { readonly type: 'action'; readonly scenario: string; readonly action: string }
  | { readonly type: 'finding'; readonly finding: Finding }
  | { readonly type: 'scenario-end'; readonly scenario: string; readonly ms: number };

export type PeerTranscript = {
  readonly peer: number;
  readonly command: string;
  readonly lines: readonly Line[];
  readonly cut: { lines: number; chars: number };
  readonly stderr: readonly string[];
  readonly exit?: { code: number; signal: number; at: number };
};

export type ScenarioResult = {
  readonly scenario: string;
  readonly findings: readonly Finding[];
  /** Things a person should know that are not verdicts (e.g. the ring never settled). */
  readonly notes: readonly string[];
  readonly transcripts: readonly PeerTranscript[];
  readonly ms: number;
  /** The walls of the sandbox it ran in, in words. */
  readonly sandbox: string;
};

const NO_SANDBOX = 'no sandbox: no namespaces, cgroup or resource limits';


class ScenarioRun {
  readonly findings: Finding[] = [];
  readonly notes: string[] = [];
  readonly ring: RunningRing;
  model: Ring;
  firstFailure: string | undefined;
  /** Whether the peers' lines showed the ring settle before the current action (spec §4). */
  settled = false;
  /** Whether the current action was driven on a ring whose state could not be confirmed. */
  unconfirmed = false;
  /** The files stored and requested, in place from the start (scenarios/files.ts). */
  readonly files: readonly ScenarioFile[];
  /** Peers told to quit or killed: their exit is no crash. */
  readonly departed = new Set<number>();
  readonly scenario: Scenario;
  readonly options: RunOptions;
  readonly namespace: Namespace | undefined;

  constructor(scenario: Scenario, options: RunOptions, workdir: string, namespace: Namespace | undefined) {
    this.scenario = scenario;
    this.options = options;
    this.namespace = namespace;
    this.model = makeRing(scenario.ring);
    this.files = scenarioFiles(scenario);
    this.ring = new RunningRing({
      program: options.program,
      interval: options.interval,
      workdir,
      namespace,
      env: { P2P_PORT_BASE: String(options.portBase), ...options.env },
      limits: options.limits,
    });
  }

  get timing(): Timing {
    return this.options.timing;
  }

  record(item: Item, verdict: Verdict, extra: Partial<Finding> = {}): void {
    // Waits cut short by an interruption prove nothing: the partial report keeps what was judged.
    if (this.options.signal?.aborted) return;
    const chained = this.scenario.chained && this.firstFailure !== undefined && verdict.status !== 'pass';
    const crashes = verdict.status === 'pass' ? [] : this.crashNotes().filter((note) => !verdict.reasons.includes(note));
    const finding: Finding = {
      scenario: this.scenario.name,
      item,
      step: STEP_OF_ITEM[item],
      status: verdict.status,
      reasons: [...crashes, ...verdict.reasons],
      warnings: [...verdict.warnings],
      ...extra,
      ...(this.unconfirmed ? { unconfirmedRing: true as const } : {}),
      ...(chained ? { followsFrom: this.firstFailure } : {}),
    };
    if (verdict.status !== 'pass' && this.firstFailure === undefined) {
      const first = verdict.reasons[0] ?? 'failed';
      this.firstFailure = `${extra.action ?? item}: ${first.length > 120 ? first.slice(0, 117) + '...' : first}`;
    }
    this.findings.push(finding);
    this.options.onEvent?.({ type: 'finding', finding });
  }

  seqs(): Map<number, number> {
    return new Map([...this.ring.peers].map(([id, peer]) => [id, peer.transcript.nextSeq]));
  }

  linesSince(seqs: ReadonlyMap<number, number>): Map<number, Line[]> {
    return new Map([...this.ring.peers].map(([id, peer]) => [id, peer.transcript.linesFrom(seqs.get(id) ?? 0)]));
  }

  /** Peers that ended without being told to (a crash explains many a missing line). */
  crashNotes(): string[] {
    const crashed = [...this.ring.peers.values()].filter((peer) => !peer.isRunning && !this.departed.has(peer.id));
    const memoryKills = crashed.length ? this.namespace?.memoryKills() : 0;
    return crashed.map((peer) => describeExit(peer, memoryKills));
  }

  async waitAll(expectations: Expectations, seqs: ReadonlyMap<number, number>, timeoutMs: number): Promise<void> {
    await Promise.all(
      [...expectations].map(([id, rows]) => {
        const peer = this.ring.peers.get(id);
        if (!peer) return false;
        // Each row of the spec's table in order; the rows of one peer in any order.
        const options = { fromSeq: seqs.get(id) ?? 0, timeoutMs, signal: this.options.signal };
        return Promise.all(byRow(rows).map((row) => waitForRows(peer, row, options)));
      }),
    );
  }

  judge(expectations: Expectations, seqs: ReadonlyMap<number, number>, action: Action, waitedMs: number) {
    return checkLines(expectations, this.linesSince(seqs), { action: describeAction(action), step: stepOf(action), waitedMs });
  }

  /** The lines, at any peer, that say what did not happen after `action`. */
  falseLines(claims: readonly Claim[], seqs: ReadonlyMap<number, number>, action: Action): Verdict {
    return checkFalseLines(claims, this.linesSince(seqs), { action: describeAction(action), step: stepOf(action) });
  }

  async start(): Promise<void> {
    this.placeFiles();
    this.ring.startAll(this.model);
    const { timing } = this;
    if (this.scenario.pings) {
      const ports = await Promise.all(
        this.model.map(async (id) => {
          const peer = this.ring.peer(id);
          const bound = await waitForPorts(peer, this.options.portBase + id, {
            netPid: this.namespace?.initPid,
            timeoutMs: timing.startMs,
            signal: this.options.signal,
          });
          return { id, bound, running: peer.isRunning };
        }),
      );
      const memoryKills = this.namespace?.memoryKills();
      const startReasons = ports.filter((p) => !p.running).map((p) => describeExit(this.ring.peer(p.id), memoryKills));
      this.record('start', verdictOf(startReasons));
      this.record('ports', checkPorts(ports, this.options.portBase, timing.startMs));
    }
    const settleFrom = new Map(this.model.map((id) => [id, 0]));
    await this.settle(settleFrom);
    if (this.scenario.pings) await this.pings();
  }

  /** Every file of the scenario in its holders' directories before any peer starts (spec §3 step 7). */
  placeFiles(): void {
    for (const file of this.files) {
      for (const peer of file.holders) writeFileSync(this.pathOf(peer, file.name), file.content);
    }
  }

  pathOf(peer: number, name: string): string {
    return join(this.ring.dirOf(peer), `${name}.pdf`);
  }

  readFile(peer: number, name: string): Buffer | undefined {
    try {
      return readFileSync(this.pathOf(peer, name));
    } catch {
      return undefined;
    }
  }

  async settle(from: ReadonlyMap<number, number>): Promise<void> {
    const missing = await this.ring.waitSettled(this.model, this.timing.settleMs, from, this.options.signal);
    this.settled = missing.size === 0;
    if (this.options.signal?.aborted) return;
    for (const [id, successors] of missing) {
      this.notes.push(
        `the ring did not settle: no line showed peer ${id}'s pings reaching peer ${successors.join(' or ')} within ${this.timing.settleMs / 1000} s (neither a ping response at ${id} nor a ping request received at its successor; spec §4); going on regardless`,
      );
    }
    if (!this.settled) {
      this.notes.push(
        `the peers' lines cannot show the ring settle, so after each change conform waits ${this.timing.quietMs / 1000} s (three ping intervals and 2 s), as long as a correct peer needs to learn its new neighbours from pings (spec §4); the verdicts after it were taken on a ring whose state could not be confirmed`,
      );
    }
  }

  /**
   * After a join, quit or kill the changed ring must work, not only print the right lines: every
   * peer's pings reach its new successors (spec §3 steps 3–5).
   */
  async settledAfter(action: Action, seqs: ReadonlyMap<number, number>) {
    // A ring whose settling its lines cannot show (its ping lines are wrong: step 2's failure)
    // cannot show it works after the change either; judging that here would charge one defect
    // twice. Instead it gets as long as a correct peer needs before the next action (spec §4),
    // less if its lines do show it.
    if (!this.settled) {
      await this.ring.waitSettled(this.model, this.timing.quietMs, seqs, this.options.signal);
      return verdictOf([]);
    }
    const missing = await this.ring.waitSettled(this.model, this.timing.settleMs, seqs, this.options.signal);
    const reasons = [...missing].map(
      ([id, successors]) =>
        `after \`${describeAction(action)}\` no line showed peer ${id}'s pings reaching its new successor${successors.length > 1 ? 's' : ''} ${successors.join(' and ')} within ${this.timing.settleMs / 1000} s (neither a ping response at ${id} nor a ping request received at ${successors.length > 1 ? 'them' : 'it'}; spec §3 step ${stepOf(action)}: the ring must go on working)`,
    );
    return verdictOf(reasons);
  }

  async pings(): Promise<void> {
    // Watch one full round after settling: three intervals and a margin for a loaded machine (a
    // correct ring completes it within an interval or two, so the margin costs only broken ones).
    const seqs = this.seqs();
    const windowMs = 3 * this.timing.intervalMs + 5000;
    await Promise.all(
      this.model.map((id) => {
        const peer = this.ring.peer(id);
        const from = seqs.get(id) ?? 0;
        const tracker = trackPings(this.model, id);
        return peer.waitForLine((line) => (tracker.add(line), tracker.isComplete()), {
          fromSeq: from,
          timeoutMs: windowMs,
          signal: this.options.signal,
        });
      }),
    );
    const verdicts = checkPings(this.model, this.linesSince(seqs), { windowMs });
    this.record('ping-requests', verdicts.requests);
    this.record('ping-responses', verdicts.responses);
  }

  /**
   * The successor, departure and "no longer alive" lines printed since `seqs`, judged against the
   * model from `before` to the ring now (spec §5); `told` are the reasons already given.
   */
  ringLines(action: Action, before: Ring, seqs: ReadonlyMap<number, number>, actionAt: number, told: readonly Verdict[]): Verdict {
    const left = [...this.departed].filter((id) => !before.includes(id));
    const truth = ringTruth(before, this.model, { quit: action.type === 'quit' ? action.peer : undefined, left });
    const context = { action: describeAction(action), step: stepOf(action), actionAt, told: told.flatMap((v) => v.reasons) };
    return checkRingLines(truth, this.linesSince(seqs), context);
  }

  async act(action: Action): Promise<void> {
    const text = describeAction(action);
    this.options.onEvent?.({ type: 'action', scenario: this.scenario.name, action: text });
    this.unconfirmed = !this.settled;
    const { timing } = this;
    const seqs = this.seqs();
    const before = this.model;
    const actionAt = this.ring.clock();
    const { expectations, after } = expectAction(before, action);
    // What every action is judged on besides its own lines: the lines about the ring it printed.
    const judged = (parts: Verdict[]) => combine([...parts, this.ringLines(action, before, seqs, actionAt, parts)]);
    if (action.type === 'join') {
      this.ring.startJoin(action.peer, action.known);
      seqs.set(action.peer, 0);
      await this.waitAll(expectations, seqs, timing.actionMs + timing.startMs);
      const lines = this.judge(expectations, seqs, action, timing.actionMs + timing.startMs);
      this.model = after;
      this.record('join', judged([lines, this.falseLines(ruleOf(action).claims(before, action), seqs, action), await this.settledAfter(action, seqs)]), { action: text });
    } else if (action.type === 'quit') {
      const quitter = this.ring.peer(action.peer);
      this.departed.add(action.peer);
      quitter.type('Quit');
      await this.waitAll(expectations, seqs, timing.actionMs);
      const lines = this.judge(expectations, seqs, action, timing.actionMs);
      const exited = await waitForExit(quitter, { timeoutMs: timing.exitMs, signal: this.options.signal });
      const exit = verdictOf(exited ? [] : [`peer ${action.peer} was still running ${timing.exitMs / 1000} s after \`Quit\`: a departing peer must exit (spec §3 step 4)`]);
      if (!exited) await quitter.stop();
      this.model = after;
      this.record('quit', judged([lines, exit, await this.settledAfter(action, seqs)]), { action: text });
    } else if (action.type === 'kill') {
      const killedAt = this.ring.clock();
      this.departed.add(action.peer);
      this.ring.peer(action.peer).signal('SIGKILL');
      await this.ring.peer(action.peer).exited;
      await this.waitAll(expectations, seqs, timing.detectMs);
      const detections = [...this.linesSince(seqs)].flatMap(([id, lines]) => {
        const seen = lines.find((l) => findEvents(l.text).some((e) => e.id === 'no-longer-alive' && e.values[0] === action.peer));
        return seen && expectations.has(id) ? [{ peer: id, ms: seen.at - killedAt }] : [];
      });
      const lines = this.judge(expectations, seqs, action, timing.detectMs);
      this.model = after;
      this.record('kill', judged([lines, await this.settledAfter(action, seqs)]), { action: text, detections });
    } else if (action.type === 'store') {
      this.ring.peer(action.at).type(`Store ${action.file}`);
      await this.waitAll(expectations, seqs, timing.actionMs);
      const claims = this.falseLines(ruleOf(action).claims(before, action), seqs, action);
      this.record('store', judged([this.judge(expectations, seqs, action, timing.actionMs), claims, this.filesKept(action.file, text)]), { action: text });
    } else {
      await this.request(action, expectations, seqs, actionAt);
    }
  }

  /** Every copy of `name`.pdf is still as conform put it; a damaged one is put back, and noted. */
  filesKept(name: string, action: string): Verdict {
    const file = this.files.find((f) => f.name === name);
    if (!file) return verdictOf([]);
    const kept = file.holders.map((peer) => ({ peer, actual: this.readFile(peer, name) }));
    const verdict = checkFilesKept(name, file.content, kept, action);
    const damaged = kept.filter((k) => !k.actual?.equals(file.content)).map((k) => k.peer);
    if (damaged.length) {
      for (const peer of damaged) writeFileSync(this.pathOf(peer, name), file.content);
      this.notes.push(`conform put ${name}.pdf back at peer ${damaged.join(', ')} after \`${action}\` damaged it, so that what follows is judged on its own`);
    }
    return verdict;
  }

  async request(action: RequestAction, expectations: Expectations, seqs: Map<number, number>, actionAt: number): Promise<void> {
    const { timing } = this;
    const text = describeAction(action);
    const before = this.model;
    const owner = ownerOf(before, keyOf(action.file));
    const file = this.files.find((f) => f.name === action.file)!;
    // An earlier Store of this file may have damaged it: that was its own step's failure.
    this.filesKept(action.file, `before ${text}`);
    const claims = ruleOf(action).claims(before, action);
    const received = join(this.ring.dirOf(action.at), `received_${action.file}.pdf`);
    const delivery = async () => {
      const outcome = await waitForFile(received, file.content, { stallMs: timing.stallMs, signal: this.options.signal });
      const listing = readdirSync(this.ring.dirOf(action.at));
      return checkReceivedFile(outcome, { file: action.file, requester: action.at, sent: file.content.length, stallMs: timing.stallMs, listing });
    };
    this.ring.peer(action.at).type(`Request ${action.file}`);
    if (action.at === owner) {
      // Typed at the owner: it answers at once or sends the request round the ring (spec §3 step 7).
      const f = Number(action.file);
      const decides = (l: Line) => findEvents(l.text).some((e) => (e.id === 'request-sent' || e.id === 'file-stored-here') && e.values[0] === f);
      await this.ring.peer(owner).waitForLine(decides, { fromSeq: seqs.get(owner) ?? 0, timeoutMs: timing.actionMs, signal: this.options.signal });
      const roundTrip = expectRequestRoundTrip(owner, action.file);
      let delivered: Verdict | undefined;
      if (routeAtOwner(this.linesSince(seqs).get(owner) ?? [], action.file) === 'round') {
        const got = await delivery();
        await this.waitAll(roundTrip, seqs, timing.actionMs);
        delivered = combine([got.transfer, got.content]);
      }
      const transcripts = this.linesSince(seqs);
      const verdict = checkRequestAtOwner(transcripts, { action: text, owner, file: action.file, waitedMs: timing.actionMs, roundTrip, delivered });
      const crashed = verdictOf(this.ring.peer(owner).isRunning ? [] : [describeExit(this.ring.peer(owner), this.namespace?.memoryKills())]);
      const parts = [verdict, crashed, this.falseLines(claims, seqs, action)];
      this.record('request-transfer', combine([...parts, this.ringLines(action, before, seqs, actionAt, parts)]), { action: text });
      return;
    }
    await this.waitAll(expectations, seqs, timing.actionMs);
    const got = await delivery();
    // A slow transfer is judged by progress (spec §4): the lines printed once it is done
    // ('The file has been sent', 'File NNNN received') get their deadline from its end.
    if (got.transfer.status === 'pass') await this.waitAll(expectations, seqs, timing.actionMs);
    const forwardingClaims = claims.filter((c) => FORWARDING_IDS.has(c.id));
    const transferClaims = claims.filter((c) => !FORWARDING_IDS.has(c.id));
    const split = splitRequest(expectations);
    const forwarding = [this.judge(split.forwarding, seqs, action, timing.actionMs), this.falseLines(forwardingClaims, seqs, action)];
    this.record('request-forwarding', combine([...forwarding, this.ringLines(action, before, seqs, actionAt, forwarding)]), { action: text });
    const transfer = [this.judge(split.transfer, seqs, action, timing.actionMs), this.falseLines(transferClaims, seqs, action), got.transfer];
    this.record('request-transfer', combine(transfer), { action: text });
    this.record('request-content', got.content, { action: text });
  }

  transcripts(): PeerTranscript[] {
    return this.ring.history.map((peer) => ({
      peer: peer.id,
      command: peer.command.join(' '),
      lines: peer.transcript.lines(),
      cut: peer.transcript.cut,
      stderr: peer.stderrTail(64 * 1024),
      exit: peer.exit,
    }));
  }
}

// The messages of a request judged as its forwarding (spec §3 step 7); the rest are its transfer.
const FORWARDING_IDS: ReadonlySet<MessageId> = new Set(['request-sent', 'request-not-here']);

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

/** How many processes of the submission are still running once every peer has been stopped. */
function strayProcesses(run: ScenarioRun, namespace: Namespace | undefined, workdir: string): number {
  const candidates = namespace ? namespace.processes() : markedProcesses((ring) => ring === basename(workdir));
  return detached(candidates, new Set(run.ring.history.map((peer) => peer.pid))).length;
}

/** Runs `scenario` to the end and removes everything it created, whatever happens. */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  const started = performance.now();
  options.onEvent?.({ type: 'scenario-start', scenario: scenario.name });
  const workdir = mkdtempSync(join(tmpdir(), ownPrefix('run')));
  let namespace: Namespace | undefined;
  let run: ScenarioRun | undefined;
  try {
    namespace = options.isolate ? await createNamespace({ writable: workdir }) : undefined;
    run = new ScenarioRun(scenario, options, workdir, namespace);
    await run.start();
    for (const action of scenario.actions) {
      if (options.signal?.aborted) break;
      await run.act(action);
    }
    // Read while the ring still runs: without a cgroup the count of live tasks is the evidence.
    for (const hit of namespace?.limitsHit() ?? []) run.notes.push(`${hit} (the scenario went on within the limit)`);
    await run.ring.stopAll(300);
    const strays = strayProcesses(run, namespace, workdir);
    if (strays) {
      run.notes.push(`${strays} process${strays > 1 ? 'es' : ''} that the submission started outlived ${strays > 1 ? 'their' : 'its'} peer (detached from its terminal, e.g. with setsid): conform killed ${strays > 1 ? 'them' : 'it'}`);
    }
    for (const peer of run.ring.history) {
      const { lines, chars } = peer.transcript.cut;
      if (lines || chars) {
        run.notes.push(`peer ${peer.id} printed so much that ${lines} lines and ${chars} characters of overlong lines were left out of its transcript (spec §4: output per peer is capped)`);
      }
      if (peer.stderrCut) {
        run.notes.push(`peer ${peer.id} wrote so much to stderr that its first ${(peer.stderrCut / 1024 ** 2).toFixed(1)} MiB were dropped; its last ${STDERR_KEEP / 1024} KiB are kept`);
      }
    }
    return { scenario: scenario.name, findings: run.findings, notes: run.notes, transcripts: run.transcripts(), ms: Math.round(performance.now() - started), sandbox: namespace?.walls ?? NO_SANDBOX };
  } finally {
    await run?.ring.stopAll(300);
    await namespace?.close();
    // Without a namespace, what still carries the ring's mark is ended by PID (see marked.ts).
    if (!namespace) await killMarked((ring) => ring === basename(workdir));
    rmSync(workdir, { recursive: true, force: true });
    options.onEvent?.({ type: 'scenario-end', scenario: scenario.name, ms: Math.round(performance.now() - started) });
  }
}
