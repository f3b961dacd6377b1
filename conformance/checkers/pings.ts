/**
 * Step 2 (spec §3): on a settled ring, each peer sends ping requests to its two successors, hears
 * from its two predecessors, and gets responses from both successors. Requests and responses are
 * the rubric's two items. One line per successor ("Ping request sent to Peer A") is a §6 variant.
 */
import type { Line } from '../driver/transcript.ts';
import { formatMessage, type MessageId } from '../protocol/catalogue.ts';
import { findEvents, normalise, wordingOf, type LineEvent } from '../protocol/matcher.ts';
import { predecessorsOf, successorsOf, type Ring } from '../protocol/ring.ts';
import { quote } from './lines.ts';
import { verdictOf } from './finding.ts';
import { type Verdict } from './grade-model.ts';

type PeerPings = { sentTo: Set<number>; heardFrom: Set<number>; answeredBy: Set<number>; wrong: { line: string; item: 'requests' | 'responses' }[]; worded: Map<MessageId, string> };

/** Follows one peer's ping lines as they come: `add` each line, then read `seen`. */
export function trackPings(ring: Ring, id: number): { add: (line: Line) => void; seen: PeerPings; isComplete: () => boolean } {
  const [s1, s2] = successorsOf(ring, id);
  const [p1, p2] = predecessorsOf(ring, id);
  const result: PeerPings = { sentTo: new Set(), heardFrom: new Set(), answeredBy: new Set(), wrong: [], worded: new Map() };
  // One wording warning per kind of line and peer: a peer prints the same sentence every round.
  const word = (line: Line, event: LineEvent) => {
    if (result.worded.has(event.id)) return;
    const kind = event.id === 'ping-sent-one' ? 'ping-sent' : event.id;
    const sentence = kind === 'ping-sent' ? formatMessage(kind, { s1, s2 }) : formatMessage(kind, { from: event.values[0] });
    if (event.id === 'ping-sent-one' || wordingOf(line.text) !== normalise(sentence)) {
      result.worded.set(event.id, `peer ${id} printed ${quote(line.text)} where the spec words it '${sentence}' (spec §6)`);
    }
  };
  const note = (line: Line, event: LineEvent, what: string) => {
    const item = event.id === 'ping-response' ? 'responses' : 'requests';
    if (result.wrong.length < 3) result.wrong.push({ line: `peer ${id} printed ${quote(line.text)} ${what}`, item });
  };
  // A ping line counts when its numbers are right; otherwise it is evidence of a wrong number.
  const accept = (line: Line, event: LineEvent, ok: boolean, into: Set<number>, values: number[], why: string) => {
    if (!ok) return note(line, event, why);
    for (const value of values) into.add(value);
    word(line, event);
  };
  const add = (line: Line) => {
    for (const event of findEvents(line.text)) {
      const [v, w] = event.values;
      // Both successors named decides the meaning; the other order is only a wording.
      if (event.id === 'ping-sent') accept(line, event, (v === s1 && w === s2) || (v === s2 && w === s1), result.sentTo, [s1, s2], `but its successors are ${s1} and ${s2}`);
      if (event.id === 'ping-sent-one') accept(line, event, v === s1 || v === s2, result.sentTo, [v], `but its successors are ${s1} and ${s2}`);
      if (event.id === 'ping-received') accept(line, event, v === p1 || v === p2, result.heardFrom, [v], `but only its predecessors ${p1} and ${p2} ping it`);
      if (event.id === 'ping-response') accept(line, event, v === s1 || v === s2, result.answeredBy, [v], `but only its successors ${s1} and ${s2} answer its pings`);
    }
  };
  const isComplete = () => result.sentTo.size === 2 && result.heardFrom.size === 2 && result.answeredBy.size === 2;
  return { add, seen: result, isComplete };
}

function collect(ring: Ring, id: number, lines: readonly Line[]): PeerPings {
  const tracker = trackPings(ring, id);
  for (const line of lines) tracker.add(line);
  return tracker.seen;
}


/** Judges every peer's ping lines in a window of a settled ring. */
export function checkPings(
  ring: Ring,
  transcripts: ReadonlyMap<number, readonly Line[]>,
  context: { windowMs: number },
): { requests: Verdict; responses: Verdict } {
  const requests: string[] = [];
  const responses: string[] = [];
  const requestWarnings: string[] = [];
  const responseWarnings: string[] = [];
  const within = `within ${context.windowMs / 1000} s on the settled ring (spec §3 step 2)`;
  for (const id of ring) {
    const [s1, s2] = successorsOf(ring, id);
    const [p1, p2] = predecessorsOf(ring, id);
    const seen = collect(ring, id, transcripts.get(id) ?? []);
    if (seen.sentTo.size < 2) requests.push(`peer ${id} printed no 'Ping requests sent to Peers ${s1} and ${s2}' ${within}`);
    for (const p of [p1, p2]) {
      if (!seen.heardFrom.has(p)) requests.push(`peer ${id} printed no 'Ping request message received from Peer ${p}' ${within}`);
    }
    for (const s of [s1, s2]) {
      if (!seen.answeredBy.has(s)) responses.push(`peer ${id} printed no 'Ping response received from Peer ${s}' ${within}`);
    }
    for (const [kind, warning] of seen.worded) (kind === 'ping-response' ? responseWarnings : requestWarnings).push(warning);
    for (const w of seen.wrong) (w.item === 'responses' ? responses : requests).push(`${w.line} (a number is wrong)`);
  }
  return { requests: verdictOf(requests, requestWarnings), responses: verdictOf(responses, responseWarnings) };
}
