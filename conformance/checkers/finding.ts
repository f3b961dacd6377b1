/**
 * A finding: one checker's judgement of one rubric item in one scenario, with the evidence a
 * student can act on. Findings are data; the grade (grade.ts) adds them up per step.
 */
import type { Step } from '../protocol/catalogue.ts';

export type Status = 'pass' | 'fail' | 'error';

/** Rubric items (spec facts; weights in rubric.ts). */
export type Item =
  | 'start'
  | 'ports'
  | 'ping-requests'
  | 'ping-responses'
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
  /** Measured figures, e.g. detection time in ms per predecessor. */
  readonly measured?: Readonly<Record<string, number>>;
};

/** What one check found: its status, why it failed, and wording warnings. */
export type Verdict = { status: Status; reasons: string[]; warnings: string[] };

/** A check's verdict from its reasons: it fails when there is any. */
export function verdictOf(reasons: string[], warnings: string[] = []): Verdict {
  return { status: reasons.length ? 'fail' : 'pass', reasons, warnings };
}

/** The verdict of several checks of one item: the worst status, all reasons and warnings. */
export function combine(parts: readonly Verdict[]): Verdict {
  const status: Status = parts.some((p) => p.status === 'error')
    ? 'error'
    : parts.some((p) => p.status === 'fail')
      ? 'fail'
      : 'pass';
  return { status, reasons: parts.flatMap((p) => p.reasons), warnings: parts.flatMap((p) => p.warnings) };
}
