/**
 * The grade model, types only: what every checker produces and every renderer reads. A finding
 * is one checker's judgement of one rubric item in one scenario, with evidence a student can act
 * on; the step verdicts add findings up under a rubric (grade.ts).
 */
import type { PeerRecord, ScenarioHistory } from '../history/history.ts';
import type { Step } from '../protocol/catalogue.ts';

/**
 * A check's, an item's or a step's outcome. `not-graded`: no scenario of the run exercised it.
 * `flaky` (an item's or a step's, with `--repeat`): it passed in some runs and failed in others.
 */
export type Status = 'pass' | 'fail' | 'flaky' | 'not-graded';

/** How every report names a status: one word each, the same everywhere. */
export const STATUS_LABEL: Readonly<Record<Status, string>> = { pass: 'pass', fail: 'FAIL', flaky: 'FLAKY', 'not-graded': 'not graded' };

/** A status that costs marks and shows its reasons: failed, or failed in some runs. */
export const isFailing = (status: Status): boolean => status === 'fail' || status === 'flaky';

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
  /** With `--repeat`: which run of its scenario it judged, from 0. */
  readonly repeat?: number;
  /** Its reasons as data, in the same order (a failed finding). */
  readonly facts?: readonly Fact[];
  /** A failed finding of an action, explained (checkers/diagnosis.ts). */
  readonly diagnosis?: Diagnosis;
};

/** What one check found: its status, why it failed, and wording warnings. */
export type Verdict = { status: Status; reasons: string[]; warnings: string[]; facts?: Fact[] };

/**
 * What kind of fact a reason states, from the most decisive down: a line that says what did not
 * happen, a line with a wrong number, a program that did not exit or that ended, a line that never
 * came (or came out of order), a damaged file, a ring that did not work afterwards.
 */
export type FactKind = 'false-line' | 'wrong-number' | 'never-exited' | 'exit' | 'missing' | 'out-of-order' | 'file' | 'ring-unsettled' | 'other';

/** One reason of a finding as data: its sentence, and the parts a report lays out. */
export type Fact = {
  readonly kind: FactKind;
  /** The reason's sentence, as in `reasons`. */
  readonly reason: string;
  readonly peer?: number;
  /** The spec's line it was to print. */
  readonly expected?: string;
  /** The line it printed: the false or wrong one, or the closest to the expected one. */
  readonly printed?: string;
  /** When that line was printed, on the scenario's clock (ms). */
  readonly printedAt?: number;
};

/**
 * A failed finding explained: the first decisive fact, what to look at when it is a known mistake
 * of this assignment, and the facts that follow from it, grouped and counted.
 */
export type Diagnosis = {
  readonly decisive: Fact;
  /** Whose job the decisive fact was, in words ("peer 19 is the last peer before the wrap-around 19 → 2"). */
  readonly role?: string;
  /** A known mistake's hint (fixtures/known-mistakes.json). */
  readonly hint?: { readonly id: string; readonly text: string };
  readonly consequences: readonly { readonly summary: string; readonly facts: readonly Fact[] }[];
};

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
  /** With `--repeat`: in how many of the runs every finding of the step passed. */
  readonly runs?: { readonly passed: number; readonly total: number };
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
  /** How many times each scenario ran (`--repeat`); 1 when absent. */
  readonly repeats?: number;
};
