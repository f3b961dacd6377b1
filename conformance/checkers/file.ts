/**
 * Step 7's file (spec §3): `received_NNNN.pdf` at the requester, judged by what the wait saw of
 * it. Its existence belongs to "owner found and transfer", its bytes to "identical content".
 */
import { verdictOf } from './finding.ts';
import { type Verdict } from './grade-model.ts';

export type FileOutcome =
  | { readonly state: 'identical'; readonly size: number }
  | { readonly state: 'different'; readonly size: number; readonly firstDifference: number }
  | { readonly state: 'stalled'; readonly size: number }
  | { readonly state: 'missing' };

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

/** What became of a scenario's `NNNN.pdf` in a peer's directory after an action. */
export type KeptFile = { readonly peer: number; readonly actual: Buffer | undefined };

/**
 * A Store records only the name (spec §3 step 6: no bytes move): every copy of `NNNN.pdf` that lay
 * in the peers' directories before it must still be there, byte for byte.
 */
export function checkFilesKept(name: string, expected: Buffer, kept: readonly KeptFile[], action: string): Verdict {
  const file = `${name}.pdf`;
  const reasons = kept.flatMap(({ peer, actual }) => {
    if (actual?.equals(expected)) return [];
    const what = !actual
      ? 'is gone'
      : actual.length < expected.length && expected.subarray(0, actual.length).equals(actual)
        ? `was cut to ${actual.length} of its ${expected.length} bytes`
        : `was changed (${actual.length} bytes where it had ${expected.length})`;
    return [`peer ${peer}'s ${file} ${what} after \`${action}\`: a Store records the name only and must leave the file as it is (spec §3 step 6)`];
  });
  return verdictOf(reasons);
}
