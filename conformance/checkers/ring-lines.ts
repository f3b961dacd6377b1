/**
 * Fails the successor, departure and "no longer alive" lines that say something false about the
 * ring after an action (protocol/ring-claims.ts), even when a right line follows: a peer that
 * names the peer just killed as its new second successor and corrects itself seconds later had a
 * wrong ring for those seconds (spec §3 steps 3–5, §5). The evidence quotes the false line and,
 * where the peer printed it, the right one, each with its time since the action.
 */
import type { Line } from '../driver/transcript.ts';
import { meaningOf } from '../protocol/catalogue.ts';
import { findEvents, type LineEvent } from '../protocol/matcher.ts';
import { ROLE_NAME, type RingTruth, type Role } from '../protocol/ring-claims.ts';
import { quote } from './lines.ts';
import { verdictOfFacts } from './finding.ts';
import { type Fact, type Verdict } from './grade-model.ts';

export type RingLinesContext = {
  readonly action: string;
  readonly step: number;
  /** Run-clock ms at which the action was driven: line times are given from it. */
  readonly actionAt: number;
  /** Reasons already given for this action: a line they quote (a wrong number) is not told twice. */
  readonly told?: readonly string[];
};

/** The role a successor line speaks of, whatever its wording ("new" carries no meaning). */
export function roleOf(event: LineEvent): Role | undefined {
  if (event.id === meaningOf('new-first-successor')) return 0;
  if (event.id === meaningOf('new-second-successor')) return 1;
  return undefined;
}

function since(line: Line, context: RingLinesContext): string {
  return `${(Math.max(0, line.at - context.actionAt) / 1000).toFixed(1)} s`;
}

/** One reason per peer and kind of false statement, quoting its first false line. */
export function checkRingLines(truth: RingTruth, transcripts: ReadonlyMap<number, readonly Line[]>, context: RingLinesContext): Verdict {
  const facts: Fact[] = [];
  const falseLine = (peer: number, line: Line, reason: string) => facts.push({ kind: 'false-line', reason, peer, printed: line.text, printedAt: line.at });
  const spec = `(spec §3 step ${context.step}, §5)`;
  for (const [peer, lines] of [...transcripts].sort((a, b) => a[0] - b[0])) {
    const reported = new Set<string>();
    // The departed peers this peer has said are gone: it knows of the change from then on.
    const noticed = new Set<number>();
    const events = lines.flatMap((line) => findEvents(line.text).map((event) => ({ line, event })));
    const allowedOf = (role: Role): number[] => {
      const known = truth.successors(peer, role);
      if (!known) return [];
      const stale = known.was !== undefined && known.was !== known.now && (truth.after.includes(known.was) || !noticed.has(known.was));
      return stale ? [known.now, known.was!] : [known.now];
    };
    for (const { line, event } of events) {
      const [named] = event.values;
      if (event.id === 'departing' || event.id === 'no-longer-alive') noticed.add(named);
      if (context.told?.some((reason) => reason.includes(quote(line.text)))) continue;
      const role = roleOf(event);
      if (role !== undefined) {
        if (!truth.successors(peer, role)) continue;
        const allowed = allowedOf(role);
        if (allowed.includes(named) || reported.has(`successor-${role}`)) continue;
        reported.add(`successor-${role}`);
        const right = events.find((e) => e.line.seq > line.seq && roleOf(e.event) === role && e.event.values[0] === truth.successors(peer, role)!.now);
        const corrected = right ? `; it printed ${quote(right.line.text)} at ${since(right.line, context)}` : '';
        falseLine(peer, line, `peer ${peer} printed ${quote(line.text)} ${since(line, context)} after \`${context.action}\`, but ${truth.whySuccessor(peer, role)}: its ${ROLE_NAME[role]} successor was wrong${corrected} ${spec}`);
      } else if (event.id === 'departing' && !truth.mayDepart(named) && !reported.has('departing')) {
        reported.add('departing');
        falseLine(peer, line, `peer ${peer} printed ${quote(line.text)} ${since(line, context)} after \`${context.action}\`, but peer ${named} is not departing: the line says what did not happen ${spec}`);
      } else if (event.id === 'no-longer-alive' && !truth.mayBeDead(named) && !reported.has('dead')) {
        reported.add('dead');
        falseLine(peer, line, `peer ${peer} printed ${quote(line.text)} ${since(line, context)} after \`${context.action}\`, but peer ${named} ${truth.after.includes(named) ? 'is alive and in the ring' : 'was never in the ring'}: the line says what did not happen ${spec}`);
      }
    }
  }
  return verdictOfFacts(facts);
}
