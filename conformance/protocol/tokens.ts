/**
 * A printed line as the stream of what it says (spec §5, §6): concept words in their folded
 * spelling and numbers, in order; fillers, punctuation, case, ANSI codes and framing gone. A word
 * the protocol does not know stays as FOREIGN, so that it ends any match running through it.
 * One pass over the line, no backtracking: a flood of junk costs its length.
 */
import { plainLine } from '../safe-text.ts';
import { conceptOf } from './words.ts';

const isLower = (c: number) => c >= 97 && c <= 122;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** A token: a concept word, a number (its digits, as printed), or FOREIGN. */
export type Token = string;

/** Any word the protocol does not know, and any identifier that mixes letters and digits. */
export const FOREIGN = '?';

/** Whether a token is a number. */
export function isNumber(token: Token): boolean {
  return isDigit(token.charCodeAt(0));
}

// A run in pieces: digits, an upper-case run, a (capitalised) lower-case word.
const PIECE = /[0-9]+|[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g;
// Glued words are split in two only when short; a longer unknown word is foreign as a whole.
const MAX_SPLIT = 24;

/** The concept words a lower-case word stands for: itself folded, or two glued words; undefined if foreign. */
function wordsOf(word: string): string[] | undefined {
  const concept = conceptOf(word);
  if (concept !== undefined) return concept === '' ? [] : [concept];
  if (word.length > MAX_SPLIT) return undefined;
  // "successorstore", "networkmy": a missing newline in an all lower-case program.
  for (let i = 1; i < word.length; i++) {
    const head = conceptOf(word.slice(0, i));
    const tail = head === undefined ? undefined : conceptOf(word.slice(i));
    if (head !== undefined && tail !== undefined) return [head, tail].filter((w) => w !== '');
  }
  return undefined;
}

type Piece = { text: string; digits: boolean; capital: boolean };

function piecesOf(run: string): Piece[] {
  const pieces: Piece[] = [];
  for (const [text] of run.matchAll(PIECE)) {
    const c = text.charCodeAt(0);
    // "1st", "2nd": a word, not a number.
    const ordinal = (pieces.at(-1)?.text ?? '') + text.toLowerCase();
    if (ordinal === '1st' || ordinal === '2nd') pieces[pieces.length - 1] = { text: ordinal, digits: false, capital: false };
    else pieces.push({ text, digits: isDigit(c), capital: isUpper(c) });
  }
  return pieces;
}

/**
 * The tokens of one run of letters and digits. Digits glued to letters are a number only where a
 * missing space or newline explains them ("Peer14", "Peer 4Ping", "19file"); otherwise the run is
 * an identifier ("peer14x", "v2") and says nothing.
 */
function runTokens(run: string, out: Token[]): void {
  if (run.includes('_')) return void out.push(FOREIGN);
  const simple = simpleKind(run);
  if (simple === 'digits') return void out.push(run);
  if (simple === 'word') return void out.push(...(wordsOf(run.toLowerCase()) ?? [FOREIGN]));
  const pieces = piecesOf(run);
  const words = pieces.map((p) => (p.digits ? undefined : wordsOf(p.text.toLowerCase())));
  for (const [i, piece] of pieces.entries()) {
    if (!piece.digits) continue;
    const before = pieces[i - 1];
    const after = pieces[i + 1];
    if (before && words[i - 1] === undefined) return void out.push(FOREIGN);
    if (after && !after.capital && words[i + 1] === undefined) return void out.push(FOREIGN);
  }
  for (const [i, piece] of pieces.entries()) {
    if (piece.digits) out.push(piece.text);
    else out.push(...(words[i] ?? [FOREIGN]));
  }
}

/** Most runs need no splitting: all digits, or one word ("store", "Store", "STORE"). */
function simpleKind(run: string): 'digits' | 'word' | undefined {
  let digits = 0;
  let lowerSeen = false;
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (isUpper(c) && lowerSeen) return undefined;
    else if (isLower(c)) {
      // "STOREs" or "ABc": an upper-case run before lower case splits.
      if (!lowerSeen && i > 1) return undefined;
      lowerSeen = true;
    }
  }
  if (digits === run.length) return 'digits';
  return digits === 0 ? 'word' : undefined;
}

/** What a printed line says, as tokens in order. Letters, digits and '_' make a run; '&' is "and"; anything else separates. */
export function tokensOf(line: string): Token[] {
  const text = plainLine(line);
  const out: Token[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const inRun = isLower(c) || isUpper(c) || isDigit(c) || c === 95;
    if (inRun) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) runTokens(text.slice(start, i), out);
    start = -1;
    if (c === 38) out.push('and');
  }
  return out;
}
