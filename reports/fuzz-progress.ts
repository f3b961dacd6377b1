/**
 * Live progress of `conform fuzz`: one rewritten status line on a terminal, a plain line per
 * finished sequence otherwise. Writes to stderr so stdout keeps only the result.
 */
import type { FuzzProgress } from '../properties/fuzz.ts';

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

export function fuzzStatus(p: FuzzProgress): string {
  return `${p.runs} runs (${p.ringRuns} rings), ${p.commands} commands, length ${p.length}, ${seconds(p.elapsedMs)}, ${p.failures} failures${p.shrinking ? ', shrinking' : ''}`;
}

export function createFuzzProgress(options: { stream?: NodeJS.WriteStream; plain?: boolean } = {}) {
  const stream = options.stream ?? process.stderr;
  const plain = options.plain ?? (!stream.isTTY || Boolean(process.env.CI));
  let lastRingRuns = -1;
  return {
    onProgress(p: FuzzProgress) {
      if (!plain) stream.write(`\r\x1b[K${fuzzStatus(p)}`);
      else if (p.ringRuns !== lastRingRuns) {
        lastRingRuns = p.ringRuns;
        stream.write(`fuzz: ${fuzzStatus(p)}\n`);
      }
    },
    done() {
      if (!plain) stream.write('\r\x1b[K');
    },
  };
}
