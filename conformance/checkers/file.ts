/**
 * Step 7's file (spec §3): `received_NNNN.pdf` at the requester, judged by what the wait saw of
 * it. Its existence belongs to "owner found and transfer", its bytes to "identical content".
 */
import { verdictOf } from './finding.ts';
import type { FileOutcome } from '../history/history.ts';
import { type Verdict } from './grade-model.ts';

export type FileContext = {
  readonly file: string;
  readonly requester: number;
  /** Bytes of NNNN.pdf at the owner. */
  readonly sent: number;
  readonly stallMs: number;
  /** What the requester's directory holds, for a file written under another name. */
  readonly listing: readonly string[];
};

const pass = verdictOf([]);
const fail = (reason: string) => verdictOf([reason]);

export function checkReceivedFile(outcome: FileOutcome, c: FileContext): { transfer: Verdict; content: Verdict } {
  const name = `received_${c.file}.pdf`;
  const where = `${name} at peer ${c.requester}`;
  if (outcome.state === 'identical') return { transfer: pass, content: pass };
  if (outcome.state === 'different') {
    return {
      transfer: pass,
      content: fail(`${where} differs from ${c.file}.pdf: ${outcome.size} bytes where ${c.sent} were sent, first difference at byte ${outcome.firstDifference}`),
    };
  }
  if (outcome.state === 'stalled') {
    return {
      transfer: fail(`${where} stopped growing at ${outcome.size} of ${c.sent} bytes for ${c.stallMs / 1000} s (spec §4)`),
      content: fail(`${where} is not complete, so its content cannot match (${outcome.size} of ${c.sent} bytes)`),
    };
  }
  const held = c.listing.length ? `; the directory holds ${c.listing.map((f) => `'${f}'`).join(', ')}` : '';
  return {
    transfer: fail(`no ${name} appeared in peer ${c.requester}'s directory within ${c.stallMs / 1000} s of the request (spec §3 step 7)${held}`),
    content: fail(`${where} is not complete, so its content cannot match (no file)`),
  };
}

/** A copy of a scenario's `NNNN.pdf` in a peer's directory as found: its size and whether its bytes are intact. */
export type KeptFile = { readonly peer: number; readonly size?: number; readonly intact: boolean; readonly prefix: boolean };

/**
 * A Store records only the name (spec §3 step 6: no bytes move): every copy of `NNNN.pdf` that lay
 * in the peers' directories before it must still be there, byte for byte. `prefix`: what is left
 * is the start of the file.
 */
export function checkFilesKept(name: string, bytes: number, kept: readonly KeptFile[], action: string): Verdict {
  const file = `${name}.pdf`;
  const reasons = kept.flatMap(({ peer, size, intact, prefix }) => {
    if (intact) return [];
    const what =
      size === undefined
        ? 'is gone'
        : size < bytes && prefix
          ? `was cut to ${size} of its ${bytes} bytes`
          : `was changed (${size} bytes where it had ${bytes})`;
    return [`peer ${peer}'s ${file} ${what} after \`${action}\`: a Store records the name only and must leave the file as it is (spec §3 step 6)`];
  });
  return verdictOf(reasons);
}

/** How a copy of `expected` was found (`actual` undefined: no file). */
export function keptFileOf(peer: number, expected: Buffer, actual: Buffer | undefined): KeptFile {
  if (!actual) return { peer, intact: false, prefix: false };
  const prefix = actual.length <= expected.length && expected.subarray(0, actual.length).equals(actual);
  return { peer, size: actual.length, intact: actual.equals(expected), prefix };
}
