/**
 * Runs one scenario against a submission: a fresh namespace and directory, the ring started with
 * the assignment's command lines, each action driven and judged, everything ended and removed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createNamespace, type Namespace } from '../driver/namespace.ts';
import { detached, killMarked, markedProcesses } from '../driver/marked.ts';
import { STDERR_KEEP } from '../driver/stderr-pipe.ts';
import type { PeerProcess } from '../driver/peer-process.ts';
import { RunningRing } from '../driver/ring.ts';
import { watchLoopDelay } from '../driver/loop-delay.ts';
import { observeRing, type Observation } from '../driver/observation.ts';
import type { Line, TranscriptLimits } from '../driver/transcript.ts';
import { expectAction, type Expectations } from '../protocol/expect.ts';
import { findEvents, type ExpectedLine } from '../protocol/matcher.ts';
import { keyOf, makeRing, ownerOf, type Ring } from '../protocol/ring.ts';
import { byRow, checkLines } from '../checkers/lines.ts';
import { checkFalseLines } from '../checkers/false-lines.ts';
import { joinClaims, requestClaims, storeClaims, type Claim } from '../protocol/claims.ts';
import type { MessageId } from '../protocol/catalogue.ts';
import { checkPings, trackPings } from '../checkers/pings.ts';
import { checkPorts } from '../checkers/ports.ts';
import { checkReceivedFile } from '../checkers/file.ts';
import { combine, STEP_OF_ITEM, verdictOf, type Finding, type Item, type Verdict } from '../checkers/finding.ts';
import { describeAction, kindOf, STEP_OF, type Action, type Scenario } from '../scenarios/types.ts';
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
  /** Whether the ring was started and read fairly: start spread, event-loop delays (see run-all.ts). */
  readonly observation: Observation;
};

const NO_SANDBOX = 'no sandbox: no namespaces, cgroup or resource limits';

/** Key of a finding's measured detection time, followed by the predecessor's ID. */
export const DETECTION_KEY = 'detection-ms-peer-';

class ScenarioRun {
  readonly findings: Finding[] = [];
  readonly notes: string[] = [];
  readonly ring: RunningRing;
  model: Ring;
  firstFailure: string | undefined;
  /** Whether the ring had settled before the current action (spec §4). */
  settled = false;
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
    return checkLines(expectations, this.linesSince(seqs), { action: describeAction(action), step: STEP_OF[kindOf(action)], waitedMs });
  }

  /** The lines, at any peer, that say what did not happen after `action`. */
  falseLines(claims: readonly Claim[], seqs: ReadonlyMap<number, number>, action: Action): Verdict {
    return checkFalseLines(claims, this.linesSince(seqs), { action: describeAction(action), step: STEP_OF[kindOf(action)] });
  }

  async start(): Promise<void> {
    await this.ring.startAll(this.model);
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

  async settle(from: ReadonlyMap<number, number>): Promise<void> {
    const missing = await this.ring.waitSettled(this.model, this.timing.settleMs, from, this.options.signal);
    this.settled = missing.size === 0;
    if (this.options.signal?.aborted) return;
    for (const [id, successors] of missing) {
      this.notes.push(
        `the ring did not settle: peer ${id} reported no ping response from peer ${successors.join(' or ')} within ${this.timing.settleMs / 1000} s (spec §4); going on regardless`,
      );
    }
  }

  /**
   * After a join, quit or kill the changed ring must work, not only print the right lines: every
   * peer reports ping responses from its new successors (spec §3 steps 3–5).
   */
  async settledAfter(action: Action, seqs: ReadonlyMap<number, number>) {
    // A ring that never settled before (its ping lines are wrong: step 2's failure) cannot show
    // it works after the change either; judging that here would charge one defect twice.
    if (!this.settled) return verdictOf([]);
    const missing = await this.ring.waitSettled(this.model, this.timing.settleMs, seqs, this.options.signal);
    const reasons = [...missing].map(
      ([id, successors]) =>
        `after \`${describeAction(action)}\` peer ${id} reported no ping response from its new successor${successors.length > 1 ? 's' : ''} ${successors.join(' and ')} within ${this.timing.settleMs / 1000} s (spec §3 step ${STEP_OF[kindOf(action)]}: the ring must go on working)`,
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

  async act(action: Action): Promise<void> {
    const text = describeAction(action);
    this.options.onEvent?.({ type: 'action', scenario: this.scenario.name, action: text });
    const { timing } = this;
    const seqs = this.seqs();
    const before = this.model;
    const { expectations, after } = expectAction(before, action);
    if ('join' in action) {
      await this.ring.startJoin(action.join, action.known);
      seqs.set(action.join, 0);
      await this.waitAll(expectations, seqs, timing.actionMs + timing.startMs);
      const lines = this.judge(expectations, seqs, action, timing.actionMs + timing.startMs);
      const claims = this.falseLines(joinClaims(before, action.join), seqs, action);
      this.model = after;
      this.record('join', combine([lines, claims, await this.settledAfter(action, seqs)]), { action: text });
    } else if ('quit' in action) {
      const quitter = this.ring.peer(action.quit);
      this.departed.add(action.quit);
      quitter.type('Quit');
      await this.waitAll(expectations, seqs, timing.actionMs);
      const lines = this.judge(expectations, seqs, action, timing.actionMs);
      const exited = await waitForExit(quitter, { timeoutMs: timing.exitMs, signal: this.options.signal });
      const exit = verdictOf(exited ? [] : [`peer ${action.quit} was still running ${timing.exitMs / 1000} s after \`Quit\`: a departing peer must exit (spec §3 step 4)`]);
      if (!exited) await quitter.stop();
      this.model = after;
      this.record('quit', combine([lines, exit, await this.settledAfter(action, seqs)]), { action: text });
    } else if ('kill' in action) {
      const killedAt = this.ring.clock();
      this.departed.add(action.kill);
      this.ring.peer(action.kill).signal('SIGKILL');
      await this.ring.peer(action.kill).exited;
      await this.waitAll(expectations, seqs, timing.detectMs);
      const measured: Record<string, number> = {};
      for (const [id, lines] of this.linesSince(seqs)) {
        const seen = lines.find((l) => findEvents(l.text).some((e) => e.id === 'no-longer-alive' && e.values[0] === action.kill));
        if (seen && expectations.has(id)) measured[`${DETECTION_KEY}${id}`] = seen.at - killedAt;
      }
      const lines = this.judge(expectations, seqs, action, timing.detectMs);
      this.model = after;
      this.record('kill', combine([lines, await this.settledAfter(action, seqs)]), { action: text, measured });
    } else if ('store' in action) {
      this.ring.peer(action.at).type(`Store ${action.store}`);
      await this.waitAll(expectations, seqs, timing.actionMs);
      const claims = this.falseLines(storeClaims(before, action.store), seqs, action);
      this.record('store', combine([this.judge(expectations, seqs, action, timing.actionMs), claims]), { action: text });
    } else {
      await this.request(action, expectations, seqs);
    }
  }

  async request(action: Extract<Action, { request: string }>, expectations: Expectations, seqs: Map<number, number>): Promise<void> {
    const { timing } = this;
    const text = describeAction(action);
    const owner = ownerOf(this.model, keyOf(action.request));
    const content = randomBytes(action.bytes ?? 64 * 1024);
    writeFileSync(join(this.ring.dirOf(owner), `${action.request}.pdf`), content);
    this.ring.peer(action.at).type(`Request ${action.request}`);
    await this.waitAll(expectations, seqs, timing.actionMs);
    const claims = requestClaims(this.model, action.at, action.request);
    const forwardingClaims = claims.filter((c) => FORWARDING_IDS.has(c.id));
    const transferClaims = claims.filter((c) => !FORWARDING_IDS.has(c.id));
    if (action.at === owner) {
      // The spec leaves a request typed at the owner open: the owner must say the file is here.
      const verdicts = [this.judge(expectations, seqs, action, timing.actionMs), this.falseLines(claims, seqs, action)];
      this.record('request-transfer', combine(verdicts), { action: text });
      return;
    }
    const received = join(this.ring.dirOf(action.at), `received_${action.request}.pdf`);
    const outcome = await waitForFile(received, content, { stallMs: timing.stallMs, signal: this.options.signal });
    // A slow transfer is judged by progress (spec §4): the lines printed once it is done
    // ('The file has been sent', 'File NNNN received') get their deadline from its end.
    if (outcome.state === 'identical' || outcome.state === 'different') await this.waitAll(expectations, seqs, timing.actionMs);
    const file = checkReceivedFile(outcome, {
      file: action.request,
      requester: action.at,
      sent: content.length,
      stallMs: timing.stallMs,
      listing: readdirSync(this.ring.dirOf(action.at)),
    });
    const split = splitRequest(expectations);
    const forwarding = [this.judge(split.forwarding, seqs, action, timing.actionMs), this.falseLines(forwardingClaims, seqs, action)];
    this.record('request-forwarding', combine(forwarding), { action: text });
    const transfer = [this.judge(split.transfer, seqs, action, timing.actionMs), this.falseLines(transferClaims, seqs, action), file.transfer];
    this.record('request-transfer', combine(transfer), { action: text });
    this.record('request-content', file.content, { action: text });
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
async function strayProcesses(run: ScenarioRun, namespace: Namespace | undefined, workdir: string): Promise<number> {
  const candidates = namespace ? await namespace.processes() : await markedProcesses((ring) => ring === basename(workdir));
  return detached(candidates, new Set(run.ring.history.map((peer) => peer.pid))).length;
}

/** Runs `scenario` to the end and removes everything it created, whatever happens. */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  const started = performance.now();
  options.onEvent?.({ type: 'scenario-start', scenario: scenario.name });
  const workdir = mkdtempSync(join(tmpdir(), ownPrefix('run')));
  const loop = watchLoopDelay();
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
    const strays = await strayProcesses(run, namespace, workdir);
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
    return { scenario: scenario.name, findings: run.findings, notes: run.notes, transcripts: run.transcripts(), ms: Math.round(performance.now() - started), sandbox: namespace?.walls ?? NO_SANDBOX, observation: observeRing(run.ring, loop) };
  } finally {
    loop.stop();
    await run?.ring.stopAll(300);
    await namespace?.close();
    // Without a namespace, what still carries the ring's mark is ended by PID (see marked.ts).
    if (!namespace) await killMarked((ring) => ring === basename(workdir));
    rmSync(workdir, { recursive: true, force: true });
    options.onEvent?.({ type: 'scenario-end', scenario: scenario.name, ms: Math.round(performance.now() - started) });
  }
}
