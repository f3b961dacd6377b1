/**
 * Whether a line already printed has decided an action's check: a line that says what did not
 * happen (protocol/claims.ts) or something false about the ring (protocol/ring-claims.ts) fails
 * the action whatever follows, so the runner need not wait out its deadlines (the broken programs
 * of a class spend most of their grading time on deadlines of steps already lost). Fed one line
 * at a time; cheap per line, also under a flood.
 */
import type { Line } from '../driver/transcript.ts';
import type { Claim } from '../protocol/claims.ts';
import { meaningOf, type MessageId } from '../protocol/catalogue.ts';
import { findEvents } from '../protocol/matcher.ts';
import type { RingTruth } from '../protocol/ring-claims.ts';
import { checkFalseLines } from './false-lines.ts';
import { checkRingLines } from './ring-lines.ts';

const RING_IDS: ReadonlySet<MessageId> = new Set([meaningOf('new-first-successor'), meaningOf('new-second-successor'), 'departing', 'no-longer-alive']);

/** A detector for one action: `see(peer, line)` is true once a false line has been printed. */
export function falseLineDetector(claims: readonly Claim[], truth: RingTruth): (peer: number, line: Line) => boolean {
  const claimIds = new Set(claims.map((c) => meaningOf(c.id)));
  // Each peer's lines about the ring so far: whether a successor line is false depends on what
  // the peer said before it (that its old successor is gone).
  const ringLines = new Map<number, Line[]>();
  const context = { action: '', step: 0, actionAt: 0 };
  return (peer, line) => {
    const ids = findEvents(line.text).map((e) => e.id);
    if (ids.some((id) => claimIds.has(id)) && checkFalseLines(claims, new Map([[peer, [line]]]), context).status === 'fail') return true;
    if (!ids.some((id) => RING_IDS.has(id))) return false;
    const mine = [...(ringLines.get(peer) ?? []), line];
    ringLines.set(peer, mine);
    return checkRingLines(truth, new Map([[peer, mine]]), context).status === 'fail';
  };
}
