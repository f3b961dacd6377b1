/**
 * A check's verdict from its reasons, and several checks of one item combined (types in
 * grade-model.ts). Every reason has its fact (the same sentence as data); a check that gives only
 * sentences gets facts of kind 'other'.
 */
import type { Fact, Status, Verdict } from './grade-model.ts';

/** A check's verdict from its reasons: it fails when there is any. */
export function verdictOf(reasons: string[], warnings: string[] = [], facts?: Fact[]): Verdict {
  const verdict: Verdict = { status: reasons.length ? 'fail' : 'pass', reasons, warnings };
  // Only a failed check has facts: a passing verdict stays the three plain fields.
  return reasons.length ? { ...verdict, facts: facts ?? reasons.map((reason) => ({ kind: 'other', reason })) } : verdict;
}

/** A check's verdict from its facts: it fails when there is any. */
export function verdictOfFacts(facts: Fact[], warnings: string[] = []): Verdict {
  return verdictOf(facts.map((f) => f.reason), warnings, facts);
}

/** The facts of a verdict, one per reason. */
export function factsOf(verdict: Verdict): Fact[] {
  return verdict.facts ?? verdict.reasons.map((reason) => ({ kind: 'other', reason }));
}

/** The verdict of several checks of one item: the worst status, all reasons and warnings. */
export function combine(parts: readonly Verdict[]): Verdict {
  const status: Status = parts.some((p) => p.status === 'not-graded')
    ? 'not-graded'
    : parts.some((p) => p.status === 'fail')
      ? 'fail'
      : 'pass';
  const facts = parts.flatMap(factsOf);
  return { status, reasons: parts.flatMap((p) => p.reasons), warnings: parts.flatMap((p) => p.warnings), ...(facts.length ? { facts } : {}) };
}
