/**
 * Judges what peers printed after an action against the lines the ring model expects (spec §3
 * tables, §5 matching). Pure: it reads transcripts, it never waits.
 */
import { plainLine } from '../safe-text.ts';
import { meaningOf, PING_MESSAGES, type Step } from '../protocol/catalogue.ts';
import { byRow, type Expectations } from '../protocol/expect.ts';
import { expectedValues, findEvents, judgeLine, normalise, sentenceOf, type ExpectedLine, type LineEvent } from '../protocol/matcher.ts';
import type { Line } from '../driver/transcript.ts';
import { combine, verdictOfFacts } from './finding.ts';
import { type Fact, type Verdict } from './grade-model.ts';


export type LinesContext = {
  /** The action in the assignment's words, e.g. "join 15 4". */
  readonly action: string;
  readonly step: Step;
  /** How long the peers were given, for the evidence. */
  readonly waitedMs: number;
  /**
   * The waits ended early because a line already printed had decided the check (a false line):
   * `waitedMs` is then how long conform watched, and a missing row's evidence says so.
   */
  readonly stoppedEarly?: boolean;
};

/** A printed line as evidence shows it: control characters dropped, at most 160 characters. */
export function shortLine(text: string): string {
  const clean = plainLine(text).trim();
  return clean.length > 160 ? clean.slice(0, 157) + '...' : clean;
}

/** A printed line quoted for evidence. */
export function quote(text: string): string {
  return `'${shortLine(text)}'`;
}

function bigrams(text: string): Set<string> {
  const words = normalise(text).split(' ');
  const grams = new Set<string>();
  for (let i = 0; i < words.length; i++) grams.add(`${words[i]} ${words[i + 1] ?? ''}`);
  return grams;
}

/** Dice similarity of word pairs: how alike two lines read, 0..1. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared++;
  return (2 * shared) / (x.size + y.size || 1);
}

const isPingLine = (text: string) => findEvents(text).some((e) => PING_MESSAGES.has(e.id));

/** The line a peer printed that comes closest to the expected one: same event first, then wording. */
export function closestLine(lines: readonly Line[], expected: ExpectedLine): Line | undefined {
  const meaning = meaningOf(expected.id);
  const sameKind = lines.find((line) => findEvents(line.text).some((event) => event.id === meaning));
  if (sameKind) return sameKind;
  const sentence = sentenceOf(expected);
  let best: Line | undefined;
  let bestScore = 0.2;
  for (const line of lines) {
    // A ping line is never the closest to another kind of line, however alike its words.
    if (!PING_MESSAGES.has(expected.id) && isPingLine(line.text)) continue;
    const score = similarity(line.text, sentence);
    if (score > bestScore) [best, bestScore] = [line, score];
  }
  return best;
}

/** Up to three lines a peer printed that are neither ping lines nor expected rows: what it did instead. */
function otherLines(lines: readonly Line[], expected: readonly ExpectedLine[]): string[] {
  const isExpected = (text: string) => expected.some((row) => judgeLine(text, row) !== 'none');
  return lines
    .filter((line) => line.text.trim() !== '' && !isPingLine(line.text) && !isExpected(line.text))
    .slice(-3)
    .map((line) => line.text);
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * Judges one peer's lines against its expected lines, in order within each row of the spec's
 * tables (spec §5: order matters only within one peer's rows).
 */
export function checkPeerLines(
  peer: number,
  lines: readonly Line[],
  expected: readonly ExpectedLine[],
  context: LinesContext,
): Verdict {
  return combine(byRow(expected).map((row) => checkRow(peer, lines, row, expected, context)));
}

/** The first event at or after `from` that is `row`'s meaning with its numbers. */
function nextEvent(events: readonly LineEvent[][], row: ExpectedLine, from: { line: number; event: number }): { line: number; event: number } | undefined {
  const meaning = meaningOf(row.id);
  const want = expectedValues(row).join();
  for (let line = from.line; line < events.length; line++) {
    const event = events[line].findIndex((e, i) => (line > from.line || i >= from.event) && e.id === meaning && e.values.join() === want);
    if (event >= 0) return { line, event };
  }
  return undefined;
}

/** One row of the spec's table, in order; `all` is everything the peer is expected to print. */
function checkRow(
  peer: number,
  lines: readonly Line[],
  expected: readonly ExpectedLine[],
  all: readonly ExpectedLine[],
  context: LinesContext,
): Verdict {
  const facts: Fact[] = [];
  const warnings: string[] = [];
  // Where the next row may be: a line, and an event within it (two rows may be glued on one line).
  const events = lines.map((line) => findEvents(line.text));
  let cursor = { line: 0, event: 0 };
  for (const row of expected) {
    const sentence = sentenceOf(row);
    const judged = lines.map((line) => judgeLine(line.text, row));
    const at = nextEvent(events, row, cursor);
    if (at) {
      if (judged[at.line] === 'meaning') warnings.push(`peer ${peer} printed ${quote(lines[at.line].text)} where the spec words it '${sentence}' (spec §6)`);
      cursor = { line: at.line, event: at.event + 1 };
      continue;
    }
    const earlier = judged.findIndex((j) => j === 'exact' || j === 'meaning');
    if (earlier >= 0) {
      const reason = `peer ${peer} printed '${sentence}' out of order after \`${context.action}\`: the spec's order for this peer is ${expected.map((r) => `'${sentenceOf(r)}'`).join(', then ')} (spec §3 step ${context.step})`;
      facts.push({ kind: 'out-of-order', reason, peer, expected: sentence, printed: lines[earlier].text, printedAt: lines[earlier].at });
      continue;
    }
    const wrong = lines.find((_, i) => judged[i] === 'wrong-numbers');
    if (wrong) {
      const reason = `peer ${peer} printed ${quote(wrong.text)} where '${sentence}' was expected after \`${context.action}\`: a number is wrong (spec §3 step ${context.step})`;
      facts.push({ kind: 'wrong-number', reason, peer, expected: sentence, printed: wrong.text, printedAt: wrong.at });
      continue;
    }
    const closest = closestLine(lines, row);
    const other = otherLines(lines, all);
    const reason =
      `peer ${peer} printed no '${sentence}' ${context.stoppedEarly ? `in the ${seconds(context.waitedMs)} conform watched` : `within ${seconds(context.waitedMs)}`} after \`${context.action}\`${context.stoppedEarly ? ' (a false line had decided the step)' : ''} (spec §3 step ${context.step})` +
        (closest
          ? `; closest line it printed: ${quote(closest.text)}`
          : other.length
            ? `; it printed instead: ${other.map(quote).join(' / ')}`
            : lines.length === 0
              ? '; it printed nothing at all'
              : lines.every((l) => l.text.trim() === '' || isPingLine(l.text))
                ? '; it printed only ping lines'
                : '');
    facts.push({ kind: 'missing', reason, peer, expected: sentence, ...(closest ? { printed: closest.text, printedAt: closest.at } : {}) });
  }
  return verdictOfFacts(facts, warnings);
}

/** Judges every peer with expected rows. `transcripts` holds each peer's lines since the action. */
export function checkLines(
  expectations: Expectations,
  transcripts: ReadonlyMap<number, readonly Line[]>,
  context: LinesContext,
): Verdict {
  const peers = [...expectations].sort((a, b) => a[0] - b[0]);
  return combine(peers.map(([peer, rows]) => checkPeerLines(peer, transcripts.get(peer) ?? [], rows, context)));
}

