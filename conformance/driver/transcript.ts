/**
 * What one peer printed, as timed lines, with bounded memory: a program that prints without end
 * (a request that circulates for ever) keeps its first lines and its most recent ones, and the
 * transcript says how much was cut between them (spec §4).
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
  /** Longest line kept, in characters; the rest of a longer line is cut. */
  readonly lineLength: number;
  /** Characters kept in the head, and again in the tail, whatever the line count. */
  readonly chars: number;
};

export const DEFAULT_LIMITS: TranscriptLimits = { head: 10_000, tail: 10_000, lineLength: 2048, chars: 2 * 1024 * 1024 };

/** A growing transcript. Feed it raw pty text; it splits lines and calls listeners on each. */
export class Transcript {
  readonly #limits: TranscriptLimits;
  readonly #clock: () => number;
  readonly #head: Line[] = [];
  #tail: Line[] = [];
  #headChars = 0;
  #tailChars = 0;
  #partial = '';
  #seq = 0;
  #cutLines = 0;
  #cutChars = 0;
  readonly #listeners = new Set<(line: Line) => void>();

  constructor(clock: () => number, limits: TranscriptLimits = DEFAULT_LIMITS) {
    this.#clock = clock;
    this.#limits = limits;
  }

  /** Raw output: a pty writes `\r\n`; a lone `\r` (progress output) is dropped. */
  feed(chunk: string): void {
    const text = this.#partial + chunk.replace(/\r/g, '');
    const parts = text.split('\n');
    this.#partial = parts.pop() ?? '';
    for (const part of parts) this.#push(part);
    if (this.#partial.length > this.#limits.lineLength) {
      // A line without end: keep its start as a line and count the rest as cut.
      this.#cutChars += this.#partial.length - this.#limits.lineLength;
      this.#push(this.#partial.slice(0, this.#limits.lineLength));
      this.#partial = '';
    }
  }

  /** Flushes a last line printed without a newline (at exit). */
  end(): void {
    if (this.#partial !== '') this.#push(this.#partial);
    this.#partial = '';
  }

  #push(raw: string): void {
    let text = raw;
    if (text.length > this.#limits.lineLength) {
      this.#cutChars += text.length - this.#limits.lineLength;
      text = text.slice(0, this.#limits.lineLength);
    }
    const line: Line = { seq: this.#seq++, at: this.#clock(), text };
    const { head, tail, chars } = this.#limits;
    if (this.#tail.length === 0 && this.#head.length < head && this.#headChars + text.length <= chars) {
      this.#head.push(line);
      this.#headChars += text.length;
    } else {
      this.#tail.push(line);
      this.#tailChars += text.length;
      // Trim in batches (amortised): keep at most `tail` lines and `chars` characters.
      if (this.#tail.length > tail * 2 || this.#tailChars > chars * 2) this.#trimTail();
    }
    for (const listener of this.#listeners) listener(line);
  }

  #trimTail(): void {
    let keep = 0;
    let kept = 0;
    for (let i = this.#tail.length - 1; i >= 0 && keep < this.#limits.tail; i--) {
      if (kept + this.#tail[i].text.length > this.#limits.chars) break;
      kept += this.#tail[i].text.length;
      keep++;
    }
    this.#cutLines += this.#tail.length - keep;
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
    return [...this.#head, ...this.#tail];
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
    if (this.#tail.length > this.#limits.tail || this.#tailChars > this.#limits.chars) this.#trimTail();
    return { lines: this.#cutLines, chars: this.#cutChars };
  }
}
