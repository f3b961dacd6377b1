/**
 * Fails the lines that say what did not happen after an action (see protocol/claims.ts), whatever
 * else the peer printed: a peer printing every sentence it knows must not pass.
 */
import type { Claim } from '../protocol/claims.ts';
import { meaningOf } from '../protocol/catalogue.ts';
import { findEvents } from '../protocol/matcher.ts';
import type { Line } from '../driver/transcript.ts';
import { quote } from './lines.ts';
import { verdictOfFacts } from './finding.ts';
import { type Fact, type Verdict } from './grade-model.ts';

export type FalseLinesContext = { readonly action: string; readonly step: number };

/** One reason per peer and claim it broke, quoting the first such line. */
export function checkFalseLines(claims: readonly Claim[], transcripts: ReadonlyMap<number, readonly Line[]>, context: FalseLinesContext): Verdict {
  const facts: Fact[] = [];
  for (const [peer, lines] of [...transcripts].sort((a, b) => a[0] - b[0])) {
    for (const claim of claims) {
      const meaning = meaningOf(claim.id);
      const about = (l: Line) => findEvents(l.text).filter((e) => e.id === meaning && e.values[claim.slot] === claim.subject);
      const names = claim.names;
      const line = claim.mayPrint(peer)
        ? names && lines.find((l) => about(l).some((e) => e.values[names.slot] !== names.value))
        : lines.find((l) => about(l).length > 0);
      if (line) {
        const why = claim.mayPrint(peer) ? names!.why : claim.why;
        const reason = `peer ${peer} printed ${quote(line.text)} after \`${context.action}\`, but ${why}: the line says what did not happen (spec §3 step ${context.step}, §5)`;
        facts.push({ kind: 'false-line', reason, peer, printed: line.text, printedAt: line.at });
      }
    }
  }
  return verdictOfFacts(facts);
}
