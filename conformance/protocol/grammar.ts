/**
 * Meanings as tiny grammars over a line's tokens (tokens.ts). A pattern is a sequence of items:
 *
 *   word        a concept word (words.ts), e.g. `successor`
 *   a|b         either concept word
 *   {name}      a number, captured as slot `name`
 *   {}          a number that is not a slot (a sequence number, a repeated file name)
 *   item?       the item may be absent
 *   <!word      first item only: the token before the match is not `word` ("request for file …")
 *   !w1+w2      last items only: the tokens after the match are not w1 w2 ("… sent to successor")
 *
 * A line is scanned once, left to right: at each token the patterns that can start there are
 * tried, the longest match wins and the scan resumes after it. Patterns are short and have few
 * optional items, so the work is linear in the line's length.
 */
import { isConcept } from './words.ts';
import { isNumber, type Token } from './tokens.ts';

type Item =
  | { readonly kind: 'word'; readonly words: readonly string[]; readonly optional: boolean }
  | { readonly kind: 'number'; readonly slot: number; readonly optional: boolean };

/** One compiled pattern of a meaning. */
export type Pattern<Id extends string> = {
  readonly meaning: Id;
  readonly source: string;
  readonly items: readonly Item[];
  readonly notAfter: readonly string[];
  readonly notBefore: readonly (readonly string[])[];
};

/** One occurrence of a meaning: its numbers in slot order, and the tokens it spans. */
export type Match<Id extends string> = { readonly meaning: Id; readonly values: readonly number[]; readonly start: number; readonly end: number };

/** Counts the comparisons a scan makes, for a test that the work stays linear. */
export type Work = { steps: number };

function fail(source: string, why: string): never {
  throw new Error(`grammar '${source}': ${why}`);
}

function checkWord(source: string, word: string): string {
  if (!isConcept(word)) fail(source, `'${word}' is not a concept word of words.ts`);
  return word;
}

/** Compiles a pattern whose `{name}` slots are, each once, the names in `slots`. */
export function compilePattern<Id extends string>(meaning: Id, source: string, slots: readonly string[]): Pattern<Id> {
  const items: Item[] = [];
  const notAfter: string[] = [];
  const notBefore: string[][] = [];
  const seen = new Set<string>();
  for (const part of source.trim().split(/\s+/)) {
    if (part.startsWith('<!')) {
      if (items.length > 0) fail(source, `${part} must come first`);
      notAfter.push(checkWord(source, part.slice(2)));
      continue;
    }
    if (part.startsWith('!')) {
      notBefore.push(part.slice(1).split('+').map((w) => checkWord(source, w)));
      continue;
    }
    if (notBefore.length > 0) fail(source, `${part} comes after a trailing guard`);
    const optional = part.endsWith('?');
    const body = optional ? part.slice(0, -1) : part;
    const slot = /^\{(\w*)\}$/.exec(body);
    if (slot) {
      const name = slot[1];
      if (name === '') {
        items.push({ kind: 'number', slot: -1, optional });
        continue;
      }
      const index = slots.indexOf(name);
      if (index < 0) fail(source, `{${name}} is not a slot of ${meaning}`);
      if (seen.has(name)) fail(source, `{${name}} appears twice`);
      if (optional) fail(source, `slot {${name}} cannot be optional`);
      seen.add(name);
      items.push({ kind: 'number', slot: index, optional });
    } else {
      items.push({ kind: 'word', words: body.split('|').map((w) => checkWord(source, w)), optional });
    }
  }
  if (items.length === 0 || items[0].optional) fail(source, 'the first item must be required');
  for (const name of slots) if (!seen.has(name)) fail(source, `slot {${name}} is missing`);
  // mayHoldEvent looks for a required word of every pattern.
  if (!items.some((item) => item.kind === 'word' && !item.optional)) fail(source, 'it needs a required word');
  return { meaning, source, items, notAfter, notBefore };
}

/** The words of a pattern's longest required word item: every match holds one of them. */
export function anchorOf(pattern: Pattern<string>): readonly string[] {
  let best: readonly string[] = [];
  let length = 0;
  for (const item of pattern.items) {
    if (item.kind !== 'word' || item.optional) continue;
    const shortest = Math.min(...item.words.map((w) => w.length));
    if (shortest > length) [best, length] = [item.words, shortest];
  }
  return best;
}

/** Where a match of `items[k…]` from token `i` ends, or -1; fills `values`. Tries an optional item present first. */
function matchFrom(items: readonly Item[], k: number, tokens: readonly Token[], i: number, values: number[], work: Work): number {
  if (k === items.length) return i;
  const item = items[k];
  const token = tokens[i];
  work.steps++;
  const fits = token !== undefined && (item.kind === 'number' ? isNumber(token) : item.words.includes(token));
  if (fits) {
    if (item.kind === 'number' && item.slot >= 0) values[item.slot] = Number(token);
    const end = matchFrom(items, k + 1, tokens, i + 1, values, work);
    if (end >= 0) return end;
  }
  return item.optional ? matchFrom(items, k + 1, tokens, i, values, work) : -1;
}

function isFollowedBy(tokens: readonly Token[], at: number, words: readonly string[]): boolean {
  return words.every((word, j) => tokens[at + j] === word);
}

/** A scanner for a set of patterns: every occurrence of a meaning in a line's tokens, in order. */
export function scanner<Id extends string>(patterns: readonly Pattern<Id>[]): (tokens: readonly Token[], work?: Work) => Match<Id>[] {
  // Patterns by what their first item accepts: a concept word, or '#' for a number.
  const byFirst = new Map<string, Pattern<Id>[]>();
  for (const pattern of patterns) {
    const first = pattern.items[0];
    for (const key of first.kind === 'number' ? ['#'] : first.words) byFirst.set(key, [...(byFirst.get(key) ?? []), pattern]);
  }
  return (tokens, work = { steps: 0 }) => {
    const found: Match<Id>[] = [];
    let i = 0;
    while (i < tokens.length) {
      const candidates = byFirst.get(isNumber(tokens[i]) ? '#' : tokens[i]) ?? [];
      let best: Match<Id> | undefined;
      for (const pattern of candidates) {
        if (pattern.notAfter.includes(tokens[i - 1])) continue;
        const values: number[] = [];
        const end = matchFrom(pattern.items, 0, tokens, i, values, work);
        if (end < 0 || (best && end <= best.end)) continue;
        if (pattern.notBefore.some((words) => isFollowedBy(tokens, end, words))) continue;
        best = { meaning: pattern.meaning, values, start: i, end };
      }
      if (best) found.push(best);
      i = best ? best.end : i + 1;
    }
    return found;
  };
}
