/**
 * The tolerant line matcher (spec §5 and §6). A printed line is judged on two levels: its
 * *meaning* (the kind of event and every number) and its *wording* (the spec's sentence after
 * normalisation). Meaning decides a verdict; wording only warns.
 */
import stripAnsi from 'strip-ansi';
import { catalogue, formatMessage, messageFor, type MessageId, type Slots } from './catalogue.ts';

/** One event recognised in a line: a catalogue message and its numbers, in slot order. */
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

// Control characters other than tab; C1 controls too (a pty passes them through).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Leading prompts and tags: "> ", ">> ", "[peer 4] ", "[INFO] ", "---- ", "*** ", "$ ".
const PREFIX = /^(?:(?:>+|\$|#|-{2,}|\*{2,}|=+|\[[^\]]{0,40}\]|\([^)]{0,40}\)|[a-z][\w .-]{0,20}:(?!\d))\s*)+/;
// Trailing framing and one trailing '.' or '!'.
const SUFFIX = /\s*(?:-{2,}|\*{2,}|=+)\s*$/;

/**
 * Spec §5: strip ANSI codes and control characters, trim, collapse runs of spaces, lower-case, drop
 * one trailing '.' or '!'. Prefixes are kept: `wordingOf` removes them for the wording check.
 */
export function normalise(line: string): string {
  return stripAnsi(line)
    .replace(CONTROL, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/[.!]$/, '')
    .trim();
}

/** A normalised line without its leading prompt or tag and its trailing framing. */
export function wordingOf(line: string): string {
  const text = normalise(line).replace(PREFIX, '');
  const unframed = text.replace(SUFFIX, '');
  // normalise already dropped one trailing '.' or '!'; drop one again only from inside framing.
  return (unframed === text ? text : unframed.replace(/[.!]$/, '')).trim();
}

// Every catalogue sentence holds one of these words: a cheap first look at a line.
const EVENT_WORDS = /ping|successor|join|depart|alive|store|request|file|peer/i;

/** False when a line cannot hold any catalogue event: cheap enough for every line of a flood. */
export function mayHoldEvent(line: string): boolean {
  return EVENT_WORDS.test(line);
}

/** Every catalogue event in a line, in the order they appear (two messages may be glued). */
export function findEvents(line: string): LineEvent[] {
  const text = normalise(line);
  const found: { event: LineEvent; at: number }[] = [];
  for (const message of catalogue) {
    const global = new RegExp(message.meaning.source, 'g');
    for (const match of text.matchAll(global)) {
      found.push({ event: { id: message.id, values: match.slice(1).map(Number) }, at: match.index ?? 0 });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.event);
}

/** The expected slot values in the order the message's `meaning` captures them. */
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

const globalMeanings = new Map<MessageId, RegExp>();

/** The numbers of every occurrence of message `id` in a line. */
export function valuesOf(line: string, id: MessageId): number[][] {
  let meaning = globalMeanings.get(id);
  if (!meaning) {
    meaning = new RegExp(messageFor(id).meaning.source, 'g');
    globalMeanings.set(id, meaning);
  }
  return [...normalise(line).matchAll(meaning)].map((match) => match.slice(1).map(Number));
}

/** Judges one printed line against one expected line. */
export function judgeLine(line: string, expected: ExpectedLine): LineJudgement {
  const found = valuesOf(line, expected.id);
  if (found.length === 0) return 'none';
  const want = expectedValues(expected);
  if (!found.some((values) => sameValues(values, want))) return 'wrong-numbers';
  return wordingOf(line) === normalise(sentenceOf(expected)) ? 'exact' : 'meaning';
}
