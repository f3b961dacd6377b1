/**
 * Step 2's rate (spec §3 step 2: "Every PING_INTERVAL seconds a peer sends a ping request to each of
 * its two successors"): over each peer's whole life in the ring, its rounds of `Ping requests sent`
 * keep coming, at about the interval it was given. A peer that printed the line once at start-up,
 * or that pings at a fixed rate of its own whatever interval it is given, fails. The bounds are
 * wide: a correct program on a loaded machine (a sleep loop that drifts to the interval plus its
 * work, a stall of seconds, lines read late by a stalled grader) must never fail.
 */
import type { Line } from '../driver/transcript.ts';
import type { ScenarioHistory } from '../history/history.ts';
import { findEvents } from '../protocol/matcher.ts';
import { quote } from './lines.ts';
import { verdictOf } from './finding.ts';
import type { Verdict } from './grade-model.ts';

/** One round of pings: a `ping-sent` line, or the §6 variant's `ping-sent-one` lines (one per successor). */
export type Round = { readonly at: number; readonly text: string };

/** A peer's life in the ring: from its start to its exit, its departure or the end of the scenario. */
export type PeerLife = {
  readonly peer: number;
  readonly startedAt: number;
  readonly end: number;
  readonly lines: readonly Line[];
  /** Its transcript was cut under the output cap: not every round of its middle was kept. */
  readonly cut: boolean;
};

/**
 * Each peer's life in the ring over a whole scenario: every process from its start (a joiner's at
 * its join) to the first of its exit, its `Quit` or kill, and the end of the scenario's last phase
 * (conform stops the peers after it). A peer ID that left and joined again has two lives.
 */
export function livesOf(history: ScenarioHistory): PeerLife[] {
  const last = history.phases.at(-1);
  if (!last) return [];
  const departures = history.phases.flatMap((p) => (p.kind === 'action' && (p.action.type === 'quit' || p.action.type === 'kill') ? [{ peer: p.action.peer, at: p.at }] : []));
  return history.peers.map((record) => {
    const left = departures.find((d) => d.peer === record.peer && d.at >= record.startedAt)?.at ?? Number.POSITIVE_INFINITY;
    const end = Math.min(last.end, left, record.exit?.at ?? Number.POSITIVE_INFINITY);
    return { peer: record.peer, startedAt: record.startedAt, end, lines: record.lines, cut: record.cut.lines > 0 };
  });
}

/** Rounds a peer is watched for on the settled ring, so that its rate can be told (run-scenario.ts). */
export const RATE_ROUNDS = 8;

/** The bounds a peer's rounds are judged against, for a ping interval of `intervalMs`. */
export function rateBounds(intervalMs: number): { minGaps: number; minSpanMs: number; lowMs: number; highMs: number; staleMs: number } {
  return {
    // A median of at least 6 gaps stays inside a correct peer's range however 2 of them are thrown
    // out (a stall of seconds, a round printed late and the next one early, a burst read late);
    // fewer gaps, or rounds over less than 5 intervals, cannot tell a rate of its own from noise.
    minGaps: 6,
    minSpanMs: 5 * intervalMs,
    // A timer set to the interval sends one round per interval. Under half of it means more than
    // two rounds per interval most of the time, which no such timer does (lines of one round are
    // grouped, and a round sent early after a successor change is one gap in many).
    lowMs: intervalMs / 2,
    // A sleep loop drifts to the interval plus its work: milliseconds of sends and prints, tens of
    // ms of scheduling on two cores at load 15. Twice the interval also passes a loop that waits a
    // whole interval for the responses and then sleeps one more, and 0.25 s absorbs a machine
    // slow enough to hold most rounds back; a peer at 1 s given 0.3 s (3.3 times) still fails.
    highMs: 2 * intervalMs + 250,
    // The last round must be recent at the end of the peer's life: a correct peer's is at most an
    // interval old. Five intervals and 5 s cover a stall of seconds, a round held up while the
    // peer repairs its successors after a kill, and a loop that pauses while a join is accepted.
    staleMs: 5 * intervalMs + 5000,
  };
}

/**
 * Follows one peer's rounds as its lines come. The lines of one round in the §6 variant are
 * printed back to back: a `ping-sent-one` line joins the round before it when that round is made
 * of such lines, does not name its successor yet, and began less than an interval earlier. A
 * successor named again starts the next round, so rounds read late in one burst still count.
 */
export function trackRounds(intervalMs: number): { add: (line: Line) => void; rounds: Round[] } {
  const rounds: Round[] = [];
  let open: { at: number; named: Set<number> } | undefined;
  const add = (line: Line) => {
    for (const event of findEvents(line.text)) {
      if (event.id === 'ping-sent') {
        rounds.push({ at: line.at, text: line.text });
        open = undefined;
      } else if (event.id === 'ping-sent-one') {
        const [to] = event.values;
        if (open && !open.named.has(to) && line.at - open.at < intervalMs) {
          open.named.add(to);
          continue;
        }
        rounds.push({ at: line.at, text: line.text });
        open = { at: line.at, named: new Set([to]) };
      }
    }
  };
  return { add, rounds };
}

/** A peer's rounds among `lines`. */
export function roundsOf(lines: readonly Line[], intervalMs: number): Round[] {
  const tracker = trackRounds(intervalMs);
  for (const line of lines) tracker.add(line);
  return tracker.rounds;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 995 ? 2 : 1).replace(/(\.\d)0$/, '$1')} s`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Why one peer's rounds fail, if they do. */
function rateReason(life: PeerLife, intervalMs: number): string | undefined {
  const bounds = rateBounds(intervalMs);
  const lines = life.lines.filter((line) => line.at >= life.startedAt && line.at <= life.end);
  const rounds = roundsOf(lines, intervalMs);
  // No round at all is the ping-requests item's failure ("printed no 'Ping requests sent …'").
  if (rounds.length === 0) return undefined;
  const every = `a round must go out every ${seconds(intervalMs)} (spec §3 step 2)`;
  const last = rounds[rounds.length - 1];
  const since = life.end - last.at;
  if (since > bounds.staleMs) {
    const after = seconds(last.at - life.startedAt);
    return rounds.length === 1
      ? `peer ${life.peer} printed ${quote(last.text)} once, ${after} after it started, and never again in ${seconds(since)}: ${every}`
      : `peer ${life.peer} printed ${rounds.length} ping rounds, the last (${quote(last.text)}) ${after} after it started, and none in the ${seconds(since)} since: ${every}`;
  }
  // Under the output cap the middle of a transcript keeps only some of the repeated lines.
  if (life.cut) return undefined;
  const gaps = rounds.slice(1).map((round, i) => round.at - rounds[i].at);
  if (gaps.length < bounds.minGaps || last.at - rounds[0].at < bounds.minSpanMs) return undefined;
  // The median decides, and the mean gap must agree: a stall of the peer lengthens a few gaps
  // (the median ignores them), a burst of lines read late by a stalled grader shortens many to
  // nothing but leaves the count of rounds over the span (the mean) as it was.
  const typical = median(gaps);
  const mean = (last.at - rounds[0].at) / gaps.length;
  const tooSlow = typical > bounds.highMs && mean > bounds.highMs;
  const tooFast = typical < bounds.lowMs && mean < bounds.lowMs;
  if (!tooSlow && !tooFast) return undefined;
  return `peer ${life.peer} sends a ping round every ${seconds(typical)} (median of ${gaps.length} gaps) although it was started with a ping interval of ${seconds(intervalMs)}: it seems to use a rate of its own (spec §3 step 2)`;
}

/** Judges every peer's rounds of pings over its life in the ring (spec §3 step 2). */
export function checkPingRate(lives: readonly PeerLife[], context: { intervalMs: number }): Verdict {
  return verdictOf(lives.flatMap((life) => rateReason(life, context.intervalMs) ?? []));
}
