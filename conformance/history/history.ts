/**
 * The history of a run: everything conform observed, as data, and nothing it concluded. The
 * driver records it while the ring runs (deciding only when to move on); the checkers judge it
 * afterwards (checkers/judge-scenario.ts), and `conform report DIR` judges a saved one again
 * without running anything. Times are milliseconds on the scenario's own clock (0 when its ring
 * was created); a mark is each peer's line count at a moment, so "the lines since the action"
 * are a slice of the peer's lines.
 */
import type { BoundPorts } from '../driver/ports.ts';
import type { Exit } from '../driver/peer-process.ts';
import type { Line } from '../driver/transcript.ts';
import type { Observation } from '../driver/observation.ts';
import type { Action } from '../protocol/actions.ts';
import type { Ring } from '../protocol/ring.ts';
import type { Timing } from '../runner/timing.ts';
import type { Scenario } from '../scenarios/types.ts';

/** Bumped whenever a field changes meaning; a reader refuses a history of another version. */
export const HISTORY_SCHEMA = 1;

/** Each peer's next line number at a moment, by peer ID (as a string: JSON keys are). */
export type Mark = Readonly<Record<string, number>>;

export type PeerRecord = {
  readonly peer: number;
  /** The program and its arguments, as started. */
  readonly command: string;
  /** When it was spawned, and when it printed its first line. */
  readonly startedAt: number;
  readonly firstLineAt?: number;
  /** Its stdout lines, as kept under the output cap (transcript.ts). */
  readonly lines: readonly Line[];
  readonly cut: { readonly lines: number; readonly chars: number };
  /** The end of its stderr, as lines, and how many bytes before it were dropped. */
  readonly stderr: readonly string[];
  readonly stderrCut: number;
  readonly exit?: Exit;
};

/** Which successors each peer's pings were not seen to reach, when a settle wait ended. */
export type Unsettled = readonly (readonly [peer: number, successors: readonly number[]])[];

export type Settle = {
  /** The marks the wait read lines from and up to. */
  readonly from: Mark;
  readonly to: Mark;
  readonly waitedMs: number;
  readonly missing: Unsettled;
};

/** What a wait saw of `received_NNNN.pdf` at the requester (spec §3 step 7). */
export type FileOutcome =
  | { readonly state: 'identical'; readonly size: number }
  | { readonly state: 'different'; readonly size: number; readonly firstDifference: number }
  | { readonly state: 'stalled'; readonly size: number }
  | { readonly state: 'missing' };

/** A copy of a scenario's file in a peer's directory, as it was when looked at. */
export type FileCopy = { readonly peer: number; readonly size?: number; readonly intact: boolean; readonly prefix: boolean };

export type StartPhase = {
  readonly kind: 'start';
  /** When the ring was started, and when the phase ended (its pings window too). */
  readonly at: number;
  readonly end: number;
  /** Ports each peer's processes held when the start wait ended (scenarios that grade pings). */
  readonly ports?: readonly { readonly id: number; readonly bound: BoundPorts; readonly running: boolean }[];
  readonly settle: Settle;
  /** The window of step 2's ping lines on the settled ring. */
  readonly pings?: { readonly from: Mark; readonly to: Mark; readonly windowMs: number };
  /** Processes the kernel had killed at the sandbox's memory limit by then. */
  readonly memoryKills: number;
};

export type RequestRecord = {
  /** Typed at the key's owner: which of the spec's behaviours its lines chose. */
  readonly atOwner: boolean;
  /** What became of `received_NNNN.pdf` at the requester, if it was waited for. */
  readonly outcome?: FileOutcome;
  /** What the requester's directory held then, for a file written under another name. */
  readonly listing: readonly string[];
  /** Bytes of `NNNN.pdf` at the owner. */
  readonly sent: number;
};

export type ActionPhase = {
  readonly kind: 'action';
  readonly action: Action;
  /** When it was driven, and when its lines were taken for judging. */
  readonly at: number;
  readonly end: number;
  readonly before: Ring;
  readonly after: Ring;
  /** Its lines are each peer's from `from` up to `to`. */
  readonly from: Mark;
  readonly to: Mark;
  /** How long the peers were given for its lines. */
  readonly waitedMs: number;
  /** A line that fails the action whatever follows was printed this long after it: waits ended. */
  readonly decidedMs?: number;
  /** Driven on a ring whose settling the peers' lines could not show (spec §4). */
  readonly unconfirmed: boolean;
  /** The peers told to quit or killed before this action. */
  readonly left: readonly number[];
  /** After a join, quit or kill: whether the changed ring was seen to work. */
  readonly settle?: Settle & { readonly judged: boolean };
  /** A quit: whether the quitting process exited within its deadline. */
  readonly exited?: boolean;
  /** A Store: every copy of its file after it; a Request: before it. */
  readonly files?: readonly FileCopy[];
  readonly request?: RequestRecord;
  /** A kill: where it fell in the victim's ping cycle (protocol/kill-phase.ts). */
  readonly killCycle?: KillCycle;
  readonly memoryKills: number;
};

export type { KillCycle, KillPhase } from '../protocol/kill-phase.ts';
import type { KillCycle } from '../protocol/kill-phase.ts';

export type Phase = StartPhase | ActionPhase;

export type ScenarioHistory = {
  readonly scenario: Scenario;
  readonly timing: Timing;
  readonly portBase: number;
  /** The walls of the sandbox it ran in, in words. */
  readonly sandbox: string;
  readonly ms: number;
  readonly peers: readonly PeerRecord[];
  /** The files it stores and requests, in place from the start (scenarios/files.ts). */
  readonly files: readonly { readonly name: string; readonly bytes: number; readonly holders: readonly number[] }[];
  readonly phases: readonly Phase[];
  /** What the driver saw that is no verdict: limits hit, stray processes, output cut, reruns. */
  readonly notes: readonly string[];
  /** How fairly the ring was started and read (driver/observation.ts). */
  readonly observation?: Observation;
  /** The scenario was interrupted: its last phase may be cut short. */
  readonly interrupted: boolean;
  /** With `--repeat`: which run of the scenario this is, from 0. */
  readonly repeat?: number;
};

/** A whole run: every scenario's history and the settings it ran under. */
export type RunHistory = {
  readonly schema: typeof HISTORY_SCHEMA;
  readonly tool: 'conform';
  readonly submission: string;
  readonly startedAt: string;
  readonly pingInterval: string;
  readonly portBase: number;
  readonly detectSeconds: number;
  readonly complete: boolean;
  readonly ms: number;
  readonly maxLoopDelayMs?: number;
  /** How many times each scenario ran (`--repeat`); 1 when absent. */
  readonly repeats?: number;
  readonly scenarios: readonly ScenarioHistory[];
};

/** The lines `peer` printed between two marks (from its first line when absent from `from`). */
export function linesBetween(record: PeerRecord, from: Mark, to: Mark): Line[] {
  const start = from[String(record.peer)] ?? 0;
  const end = to[String(record.peer)] ?? Number.POSITIVE_INFINITY;
  return record.lines.filter((line) => line.seq >= start && line.seq < end);
}
