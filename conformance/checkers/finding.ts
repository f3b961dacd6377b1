/**
 * A check's verdict from its reasons, and several checks of one item combined (types in
 * grade-model.ts).
 */
import type { Status, Verdict } from './grade-model.ts';

/** A check's verdict from its reasons: it fails when there is any. */
export function verdictOf(reasons: string[], warnings: string[] = []): Verdict {
  return { status: reasons.length ? 'fail' : 'pass', reasons, warnings };
}

/** The verdict of several checks of one item: the worst status, all reasons and warnings. */
export function combine(parts: readonly Verdict[]): Verdict {
  const status: Status = parts.some((p) => p.status === 'not-graded')
    ? 'not-graded'
    : parts.some((p) => p.status === 'fail')
      ? 'fail'
      : 'pass';
  return { status, reasons: parts.flatMap((p) => p.reasons), warnings: parts.flatMap((p) => p.warnings) };
}
