/**
 * `Request NNNN` typed at the peer that owns the key (spec §3 step 7). The spec allows two
 * behaviours and fails neither: the owner says the file is its own (possibly nothing more), or it
 * sends the request round the ring like any other and, when it comes back, sends the file to
 * itself. What fails is a request that circulates for ever, a round trip that never delivers, or a
 * false line (checked apart, with the request's claims); a peer that prints nothing is a warning.
 */
import type { Line } from '../driver/transcript.ts';
import type { Expectations } from '../protocol/expect.ts';
import { findEvents } from '../protocol/matcher.ts';
import { checkLines } from './lines.ts';
import { combine, verdictOf } from './finding.ts';
import { type Verdict } from './grade-model.ts';

export type AtOwnerRoute = 'local' | 'round' | 'silent';

/** Which behaviour the owner chose, from its first line about the file. */
export function routeAtOwner(lines: readonly Line[], file: string): AtOwnerRoute {
  const f = Number(file);
  for (const line of lines) {
    for (const event of findEvents(line.text)) {
      if (event.values[0] !== f) continue;
      if (event.id === 'request-sent') return 'round';
      if (event.id === 'file-stored-here') return 'local';
    }
  }
  return 'silent';
}

// A request that comes round once passes each other peer once; three times is a loop.
const LOOP_PASSES = 3;

/** The peers that passed the request on so often that it circulates (spec §4). */
function circulating(transcripts: ReadonlyMap<number, readonly Line[]>, file: string): string[] {
  const f = Number(file);
  const reasons: string[] = [];
  for (const [peer, lines] of [...transcripts].sort((a, b) => a[0] - b[0])) {
    const passes = lines.filter((l) => findEvents(l.text).some((e) => e.id === 'request-not-here' && e.values[0] === f));
    if (passes.length >= LOOP_PASSES) {
      reasons.push(`peer ${peer} passed on \`Request ${file}\` ${passes.length} times: the request circulates round the ring instead of ending at its owner (spec §3 step 7, §4)`);
    }
  }
  return reasons;
}

export type AtOwnerContext = {
  readonly action: string;
  readonly owner: number;
  readonly file: string;
  readonly waitedMs: number;
  /** The owner's round trip rows (protocol/expect.ts `expectRequestRoundTrip`). */
  readonly roundTrip: Expectations;
  /** The verdict on `received_NNNN.pdf` at the owner, when it sent the request round the ring. */
  readonly delivered?: Verdict;
};

export function checkRequestAtOwner(transcripts: ReadonlyMap<number, readonly Line[]>, c: AtOwnerContext): Verdict {
  const loops = verdictOf(circulating(transcripts, c.file));
  const route = routeAtOwner(transcripts.get(c.owner) ?? [], c.file);
  if (route === 'local') return loops;
  if (route === 'silent') {
    const warning = `peer ${c.owner} printed nothing about \`${c.action}\` within ${c.waitedMs / 1000} s: typed at the owner the spec leaves the answer open, but a line such as 'File ${c.file} is stored here' tells the user (spec §3 step 7)`;
    return combine([loops, verdictOf([], [warning])]);
  }
  const rows = checkLines(c.roundTrip, transcripts, { action: c.action, step: 7, waitedMs: c.waitedMs });
  return combine([loops, rows, c.delivered ?? verdictOf([])]);
}
