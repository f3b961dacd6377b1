/**
 * What one peer printed, as timed lines, with bounded memory: a program that prints without end
 * (a request that circulates for ever) keeps its first lines, its most recent ones, and in between
 * the notable lines (those that may be protocol messages), a line repeated without end only now
 * and then; the transcript says how much was cut (spec §4).
 */

export type Line = {
  /** Position in everything the peer printed, counting cut lines too. */
  readonly seq: number;
  /** Milliseconds since the run started. */
  readonly at: number;
  readonly text: string;
};

export type TranscriptLimits = {
  /** Lines kept from the start. */
  readonly head: number;
  /** Most recent lines kept after the head is full. */
  readonly tail: number;
  /** Longest line kept, in characters; a longer line keeps its start and its end. */
  readonly lineLength: number;
  /** Characters kept in the head, and again in the tail, whatever the line count. */
  readonly chars: number;
};

export const DEFAULT_LIMITS: TranscriptLimits = { head: 10_000, tail: 10_000, lineLength: 2048, chars: 2 * 1024 * 1024 };

// A notable line printed again within this many lines of its last kept copy is not kept again.
const REPEAT_GAP = 1000;

/** A growing transcript. Feed it raw pty text; it splits lines and calls listeners on each. */
export class Transcript {
  readonly #limits: TranscriptLimits;
  readonly #clock: () => number;
  readonly #head: Line[] = [];
  #tail: Line[] = [];
  #headChars = 0;
  #tailChars = 0;
  #partial = '';
  /** Characters already cut from the middle of the partial line. */
  #partialCut = 0;
  #seq: number;
  /** The seq of its first line: a peer ID started again numbers on from its last process. */
  readonly #firstSeq: number;
  #cutChars = 0;
  readonly #listeners = new Set<(line: Line) => void>();
  readonly #isNotable: (text: string) => boolean;
  readonly #notable: Line[] = [];
  #notableChars = 0;
  readonly #lastKept = new Map<string, number>();

  constructor(clock: () => number, limits: TranscriptLimits = DEFAULT_LIMITS, isNotable: (text: string) => boolean = () => false, firstSeq = 0) {
    this.#seq = firstSeq;
    this.#firstSeq = firstSeq;
    this.#clock = clock;
    this.#limits = limits;
    this.#isNotable = isNotable;
  }

  /** Raw output: a pty writes `\r\n`; a lone `\r` (progress output) is dropped. */
  feed(chunk: string): void {
    const text = this.#partial + chunk.replace(/\r/g, '');
    const parts = text.split('\n');
    this.#partial = parts.pop() ?? '';
    for (const [i, part] of parts.entries()) this.#push(part, i === 0 ? this.#partialCut : 0);
    if (parts.length) this.#partialCut = 0;
    // A line without end (yet): keep its start and its end, where a glued message would be.
    const { lineLength } = this.#limits;
    if (this.#partial.length > lineLength) {
      const half = Math.floor(lineLength / 2);
      this.#partialCut += this.#partial.length - 2 * half;
      this.#cutChars += this.#partial.length - 2 * half;
      this.#partial = this.#partial.slice(0, half) + this.#partial.slice(-half);
    }
  }

  /** Flushes a last line printed without a newline (at exit). */
  end(): void {
    if (this.#partial !== '') this.#push(this.#partial, this.#partialCut);
    this.#partial = '';
    this.#partialCut = 0;
  }

  #push(raw: string, cutBefore = 0): void {
    const half = Math.floor(this.#limits.lineLength / 2);
    let text = raw;
    let cut = cutBefore;
    if (text.length > 2 * half) {
      cut += text.length - 2 * half;
      this.#cutChars += text.length - 2 * half;
      text = text.slice(0, half) + text.slice(-half);
    }
    // The start and the end of an overlong line, with a mark where its middle was cut.
    if (cut > 0) text = `${text.slice(0, half)} [... ${cut} characters cut ...] ${text.slice(half)}`;
    const line: Line = { seq: this.#seq++, at: this.#clock(), text };
    const { head, tail, chars } = this.#limits;
    if (this.#tail.length === 0 && this.#head.length < head && this.#headChars + text.length <= chars) {
      this.#head.push(line);
      this.#headChars += text.length;
    } else {
      this.#keepIfNotable(line);
      this.#tail.push(line);
      this.#tailChars += text.length;
      // Trim in batches (amortised): keep at most `tail` lines and `chars` characters.
      if (this.#tail.length > tail * 2 || this.#tailChars > chars * 2) this.#trimTail();
    }
    for (const listener of this.#listeners) listener(line);
  }

  #keepIfNotable(line: Line): void {
    const { head, chars } = this.#limits;
    if (this.#notable.length >= head || this.#notableChars + line.text.length > chars) return;
    const last = this.#lastKept.get(line.text);
    if (last !== undefined && line.seq - last < REPEAT_GAP) return;
    if (!this.#isNotable(line.text)) return;
    this.#lastKept.set(line.text, line.seq);
    this.#notable.push(line);
    this.#notableChars += line.text.length;
  }

  #trimTail(): void {
    let keep = 0;
    let kept = 0;
    for (let i = this.#tail.length - 1; i >= 0 && keep < this.#limits.tail; i--) {
      if (kept + this.#tail[i].text.length > this.#limits.chars) break;
      kept += this.#tail[i].text.length;
      keep++;
    }
    this.#tail = this.#tail.slice(this.#tail.length - keep);
    this.#tailChars = kept;
  }

  /** Calls `listener` on every line from now on; returns a function that stops it. */
  onLine(listener: (line: Line) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The lines kept, in order. */
  lines(): Line[] {
    if (this.#tail.length > this.#limits.tail || this.#tailChars > this.#limits.chars) this.#trimTail();
    const tailStart = this.#tail[0]?.seq ?? Infinity;
    return [...this.#head, ...this.#notable.filter((line) => line.seq < tailStart), ...this.#tail];
  }

  /** The kept lines printed at or after `seq`. */
  linesFrom(seq: number): Line[] {
    return this.lines().filter((line) => line.seq >= seq);
  }

  /** The `seq` the next line will get. */
  get nextSeq(): number {
    return this.#seq;
  }

  /** How much was cut to bound memory: whole lines dropped and characters cut from long lines. */
  get cut(): { lines: number; chars: number } {
    return { lines: this.#seq - this.#firstSeq - this.lines().length, chars: this.#cutChars };
  }
}
