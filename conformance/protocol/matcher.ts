/**
 * The tolerant line matcher (spec §5 and §6). A printed line is judged on two levels: its
 * *meaning* (the kind of event and every number) and its *wording* (the spec's sentence after
 * normalisation). Meaning decides a verdict; wording only warns.
 *
 * Meaning is read from the line's tokens (tokens.ts: concept words and numbers, fillers gone) by
 * each message's grammar (catalogue `pattern`, grammar.ts); wording is the normalised text.
 */
import { catalogue, formatMessage, meaningOf, messageFor, type MessageId, type Slots } from './catalogue.ts';
import { anchorOf, compilePattern, scanner, type Work } from './grammar.ts';
import { tokensOf } from './tokens.ts';
import { plainLine } from '../safe-text.ts';
import { spellingsOf } from './words.ts';

/**
 * One event recognised in a line: what it means (the canonical id, see catalogue `meaningOf`)
 * and its numbers, in the slots order of the messages with that meaning.
 */
export type LineEvent = { readonly id: MessageId; readonly values: readonly number[] };

/**
 * What a peer is expected to print: a message and its slot values. `row` names the row of the
 * spec's table it belongs to: order is required within a row, not between two rows of one peer
 * (a peer that forwards a join and then changes successors may print the two in either order).
 */
export type ExpectedLine = { readonly id: MessageId; readonly slots: Slots; readonly row?: string };

export type LineJudgement =
  /** The event with every number, worded as the spec words it. */
  | 'exact'
  /** The event with every number, worded otherwise: a warning. */
  | 'meaning'
  /** The same kind of event with another number: fails. */
  | 'wrong-numbers'
  | 'none';

// Leading prompts and tags: "> ", ">> ", "[peer 4] ", "[INFO] ", "---- ", "*** ", "$ ".
const PREFIX = /^(?:(?:>+|\$|#|-{2,}|\*{2,}|=+|\[[^\]]{0,40}\]|\([^)]{0,40}\)|[a-z][\w .-]{0,20}:(?!\d))\s*)+/;

/** The text without trailing framing ("----", "***", "==="), or the text itself. Linear: no regex backtracking on a long run. */
function withoutFraming(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === ' ') end--;
  const mark = text[end - 1];
  if (mark !== '-' && mark !== '*' && mark !== '=') return text;
  let start = end;
  while (start > 0 && text[start - 1] === mark) start--;
  if (mark !== '=' && end - start < 2) return text;
  return text.slice(0, start).trimEnd();
}

/**
 * Spec §5: strip ANSI codes and control characters, trim, collapse runs of spaces, lower-case, drop
 * one trailing '.' or '!'. Prefixes are kept: `wordingOf` removes them for the wording check.
 */
export function normalise(line: string): string {
  return plainLine(line)
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/[.!]$/, '')
    .trim();
}

/** A normalised line without its leading prompt or tag and its trailing framing. */
export function wordingOf(line: string): string {
  const text = normalise(line).replace(PREFIX, '');
  const unframed = withoutFraming(text);
  // normalise already dropped one trailing '.' or '!'; drop one again only from inside framing.
  return (unframed === text ? text : unframed.replace(/[.!]$/, '')).trim();
}

// One grammar per pattern of each meaning (messages that mean the same share theirs).
const patterns = catalogue
  .filter((m, i) => catalogue.findIndex((o) => o.meaning === m.meaning && o.pattern === m.pattern) === i)
  .map((m) => compilePattern(m.meaning, m.pattern, messageFor(m.meaning).slots));
const scan = scanner(patterns);

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Every match of a pattern holds one of its anchor words, in one of their spellings.
const EVENT_WORDS = new RegExp([...new Set(patterns.flatMap(anchorOf).flatMap(spellingsOf))].map(escape).join('|'), 'i');
const HIDDEN = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * False when a line cannot hold any catalogue event: cheap enough for every line of a flood.
 * It looks for the anchor words of every pattern, in all their spellings.
 */
export function mayHoldEvent(line: string): boolean {
  if (EVENT_WORDS.test(line)) return true;
  // An ANSI code or a control character may split a word that the matcher would see whole.
  return HIDDEN.test(line) && EVENT_WORDS.test(plainLine(line));
}

/**
 * Every event in a line, one per occurrence of a meaning, in the order they appear (two messages
 * may be glued). `work` counts the matcher's steps.
 */
export function findEvents(line: string, work?: Work): LineEvent[] {
  return scan(tokensOf(line), work).map((match) => ({ id: match.meaning, values: match.values }));
}

/** The expected slot values in slot order, as an event's values come. */
export function expectedValues(expected: ExpectedLine): number[] {
  return messageFor(expected.id).slots.map((name) => Number(expected.slots[name]));
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The spec's sentence for an expected line, as a person reads it. */
export function sentenceOf(expected: ExpectedLine): string {
  return formatMessage(expected.id, expected.slots);
}

/** The numbers of every occurrence of what message `id` means in a line. */
export function valuesOf(line: string, id: MessageId): number[][] {
  const meaning = meaningOf(id);
  return findEvents(line).filter((event) => event.id === meaning).map((event) => [...event.values]);
}

/** Judges one printed line against one expected line. */
export function judgeLine(line: string, expected: ExpectedLine): LineJudgement {
  const found = valuesOf(line, expected.id);
  if (found.length === 0) return 'none';
  const want = expectedValues(expected);
  if (!found.some((values) => sameValues(values, want))) return 'wrong-numbers';
  return wordingOf(line) === normalise(sentenceOf(expected)) ? 'exact' : 'meaning';
}
