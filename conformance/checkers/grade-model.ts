/**
 * The grade model, types only: what every checker produces and every renderer reads. A finding
 * is one checker's judgement of one rubric item in one scenario, with evidence a student can act
 * on; the step verdicts add findings up under a rubric (grade.ts).
 */
import type { PeerRecord, ScenarioHistory } from '../history/history.ts';
import type { Step } from '../protocol/catalogue.ts';

/** A check's, an item's or a step's outcome. `not-graded`: no scenario of the run exercised it. */
export type Status = 'pass' | 'fail' | 'not-graded';

/** How every report names a status: one word each, the same everywhere. */
export const STATUS_LABEL: Readonly<Record<Status, string>> = { pass: 'pass', fail: 'FAIL', 'not-graded': 'not graded' };

/** Rubric items (spec facts; weights in rubric.ts). */
export type Item =
  | 'start'
  | 'ports'
  | 'ping-requests'
  | 'ping-responses'
  | 'ping-rate'
  | 'join'
  | 'quit'
  | 'kill'
  | 'store'
  | 'request-forwarding'
  | 'request-transfer'
  | 'request-content';

export const STEP_OF_ITEM: Readonly<Record<Item, Step>> = {
  start: 1,
  ports: 1,
  'ping-requests': 2,
  'ping-responses': 2,
  'ping-rate': 2,
  join: 3,
  quit: 4,
  kill: 5,
  store: 6,
  'request-forwarding': 7,
  'request-transfer': 7,
  'request-content': 7,
};

export type Finding = {
  readonly scenario: string;
  readonly item: Item;
  readonly step: Step;
  readonly status: Status;
  /** Why it failed, one sentence each, most useful first. Empty on a pass. */
  readonly reasons: readonly string[];
  /** Wording differences (spec §6): cost nothing by default. */
  readonly warnings: readonly string[];
  /** The action it judged, in the assignment's words. */
  readonly action?: string;
  /** In a chained scenario, the earlier failure this one may follow from; it then costs nothing. */
  readonly followsFrom?: string;
  /**
   * Judged on a ring whose state conform could not see settle (the peers' ping lines cannot show
   * it): it waited as long as a correct peer needs instead (spec §4).
   */
  readonly unconfirmedRing?: true;
  /** How long each predecessor of a killed peer took to say so (spec §3 step 5). */
  readonly detections?: readonly Detection[];
};

/** What one check found: its status, why it failed, and wording warnings. */
export type Verdict = { status: Status; reasons: string[]; warnings: string[] };

/** A predecessor's measured detection of a killed peer: `ms` after the kill. */
export type Detection = { readonly peer: number; readonly ms: number };

export type StepVerdict = {
  readonly step: Step;
  readonly name: string;
  readonly status: Status;
  readonly score: number;
  readonly max: number;
  readonly reasons: readonly string[];
  readonly warnings: readonly string[];
  /** False when no scenario of the run exercised the step (a run with --only). */
  readonly graded: boolean;
};

/** One scenario of a run: what was observed (its history) and what the checkers found in it. */
export type ScenarioResult = {
  readonly scenario: string;
  readonly findings: readonly Finding[];
  /** Things a person should know that are not verdicts (e.g. the ring never settled). */
  readonly notes: readonly string[];
  /** Every peer started, with its timed lines and the end of its stderr. */
  readonly transcripts: readonly PeerRecord[];
  readonly ms: number;
  /** The walls of the sandbox it ran in, in words. */
  readonly sandbox: string;
  readonly history: ScenarioHistory;
};

/** A graded run: the seven step verdicts under a rubric, and every scenario's result. */
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
  /** The largest delay of conform's event loop during the run, ms (driver/loop-delay.ts). */
  readonly maxLoopDelayMs?: number;
};
