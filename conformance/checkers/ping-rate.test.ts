/**
 * The ping-rate checker (spec §3 step 2) on literal lines and times: peer 4 of the standard ring
 * (successors 5 and 8), started at 0 with a ping interval of 0.3 s unless a case says otherwise.
 */
import test from 'ava';
import { plainVerdict } from './_verdict.ts';
import type { Line } from '../driver/transcript.ts';
import { checkPingRate, rateBounds, roundsOf, type PeerLife } from './ping-rate.ts';
import type { Verdict } from './grade-model.ts';

const I = 300;
const SENT = 'Ping requests sent to Peers 5 and 8';

/** Lines at the given times, each `text` (or each of `texts` in turn at one time). */
function linesAt(times: readonly number[], texts: readonly string[] = [SENT]): Line[] {
  return times.flatMap((at) => texts.map((text) => ({ at, text }))).map((line, seq) => ({ seq, ...line }));
}

/** `count` times from `from`, `gap` apart. */
function every(gap: number, count: number, from = 400): number[] {
  return Array.from({ length: count }, (_, i) => from + i * gap);
}

function life(lines: Line[], extra: Partial<PeerLife> = {}): PeerLife {
  return { peer: 4, startedAt: 0, end: 12_700, lines, cut: false, ...extra };
}

const ok: Verdict = { status: 'pass', reasons: [], warnings: [] };
const fail = (reason: string): Verdict => ({ status: 'fail', reasons: [reason], warnings: [] });

type Case = { title: string; life: PeerLife; intervalMs?: number; verdict: Verdict };

const cases: Case[] = [
  { title: 'a round every interval for the whole life passes', life: life(linesAt(every(I, 41))), verdict: ok },
  { title: 'a sleep loop drifting to the interval plus its work passes', life: life(linesAt(every(380, 32))), verdict: ok },
  { title: 'a loop that waits a whole interval for responses and sleeps another passes', life: life(linesAt(every(2 * I, 20))), verdict: ok },
  {
    title: 'stalls of seconds between regular rounds pass (the median ignores them)',
    life: life(linesAt([...every(I, 10), ...every(I, 10, 7000), ...every(I, 8, 10_400)])),
    verdict: ok,
  },
  {
    title: 'a burst of rounds read late by a stalled grader passes (the mean gap disagrees with the median)',
    life: life(linesAt([0, 300, 600, 900, ...Array(9).fill(3600)]), { end: 3700 }),
    verdict: ok,
  },
  {
    title: 'a sustained slowdown of the whole machine to 0.8 s a round at 0.3 s passes',
    life: life(linesAt(every(800, 15))),
    verdict: ok,
  },
  {
    title: 'one line per successor each round (spec §6) counts one round per pair',
    life: life(linesAt(every(I, 41), ['Ping request sent to Peer 5', 'Ping request sent to Peer 8'])),
    verdict: ok,
  },
  {
    title: 'a peer that printed the line once at start-up fails, with when and for how long',
    life: life(linesAt([400])),
    verdict: fail("peer 4 printed 'Ping requests sent to Peers 5 and 8' once, 0.4 s after it started, and never again in 12.3 s: a round must go out every 0.3 s (spec §3 step 2)"),
  },
  {
    title: 'a peer whose rounds stop fails, naming the last',
    life: life(linesAt(every(I, 5))),
    verdict: fail("peer 4 printed 5 ping rounds, the last ('Ping requests sent to Peers 5 and 8') 1.6 s after it started, and none in the 11.1 s since: a round must go out every 0.3 s (spec §3 step 2)"),
  },
  {
    title: 'a pause of under five intervals and 5 s at the end passes',
    life: life(linesAt(every(I, 20)), { end: 400 + 19 * I + 6400 }),
    verdict: ok,
  },
  {
    title: 'a fixed rate of 1 s given 0.3 s fails as a rate of its own',
    life: life(linesAt(every(1000, 12))),
    verdict: fail('peer 4 sends a ping round every 1.0 s (median of 11 gaps) although it was started with a ping interval of 0.3 s: it seems to use a rate of its own (spec §3 step 2)'),
  },
  {
    title: 'a fixed rate of 0.1 s given 0.3 s fails as a rate of its own',
    life: life(linesAt(every(100, 120))),
    verdict: fail('peer 4 sends a ping round every 0.1 s (median of 119 gaps) although it was started with a ping interval of 0.3 s: it seems to use a rate of its own (spec §3 step 2)'),
  },
  {
    title: 'a fixed rate of 1 s given 1 s passes',
    intervalMs: 1000,
    life: life(linesAt(every(1000, 12))),
    verdict: ok,
  },
  {
    title: 'too few gaps to tell a rate pass, however slow they are',
    life: life(linesAt(every(1000, 6)), { end: 5800 }),
    verdict: ok,
  },
  {
    title: 'rounds over under five intervals cannot tell a rate',
    life: life(linesAt(every(100, 10)), { end: 1400 }),
    verdict: ok,
  },
  {
    title: 'a peer with no round at all is left to the ping-requests item',
    life: life(linesAt(every(I, 40), ['Ping response received from Peer 5'])),
    verdict: ok,
  },
  {
    title: 'a peer that quit is judged up to its departure: rounds that stop then pass',
    life: life(linesAt(every(I, 10)), { end: 3500 }),
    verdict: ok,
  },
  {
    title: 'lines after the end of its life (printed while conform closed the ring) are not judged',
    life: life(linesAt([400, 13_000, 13_300])),
    verdict: fail("peer 4 printed 'Ping requests sent to Peers 5 and 8' once, 0.4 s after it started, and never again in 12.3 s: a round must go out every 0.3 s (spec §3 step 2)"),
  },
  {
    title: 'a joiner is timed from its own start',
    life: life(linesAt([7000]), { startedAt: 5000, end: 20_000 }),
    verdict: fail("peer 4 printed 'Ping requests sent to Peers 5 and 8' once, 2.0 s after it started, and never again in 13.0 s: a round must go out every 0.3 s (spec §3 step 2)"),
  },
  {
    title: 'a transcript cut under the output cap is not judged on its rate (its middle is sparse)',
    life: life(linesAt(every(1000, 12)), { cut: true }),
    verdict: ok,
  },
];

for (const { title, life: l, intervalMs, verdict } of cases) {
  test(`checkPingRate: ${title}`, (t) => {
    t.deepEqual(plainVerdict(checkPingRate([l], { intervalMs: intervalMs ?? I })), verdict);
  });
}

test('checkPingRate: one reason per failing peer, in the order given', (t) => {
  const verdict = checkPingRate([life(linesAt([400]), { peer: 9 }), life(linesAt(every(I, 41))), life(linesAt(every(1000, 12)), { peer: 2 })], { intervalMs: I });
  t.deepEqual(verdict.reasons.map((r) => r.split(' ').slice(0, 2).join(' ')), ['peer 9', 'peer 2']);
});

test('roundsOf: pairs of per-successor lines are one round; a successor named again starts the next', (t) => {
  const pairs = linesAt([0, 300], ['Ping request sent to Peer 5', 'Ping request sent to Peer 8']);
  t.deepEqual(roundsOf(pairs, I).map((r) => r.at), [0, 300]);
  // Read late in one burst, each pair is still its own round.
  const burst = linesAt([900, 900, 900], ['Ping request sent to Peer 5', 'Ping request sent to Peer 8']);
  t.is(roundsOf(burst, I).length, 3);
  // A line a whole interval after the round's first is the next round, though it names the other peer.
  t.is(roundsOf([{ seq: 0, at: 0, text: 'Ping request sent to Peer 5' }, { seq: 1, at: 300, text: 'Ping request sent to Peer 8' }], I).length, 2);
});

test('roundsOf: every ping-sent line is a round of its own, in any §6 wording; other lines are none', (t) => {
  const lines = linesAt([0, 300, 300, 600], ['Ping requests were sent to Peers 5 and 8', 'Ping response received from Peer 5', 'debug: seq=3']);
  t.deepEqual(roundsOf(lines, I).map((r) => r.at), [0, 300, 300, 600]);
});

test('rateBounds: the slowest tolerated median at 0.3 s is under the 1 s of a fixed-rate peer', (t) => {
  t.like(rateBounds(300), { lowMs: 150, highMs: 850, staleMs: 6500, minGaps: 6 });
  t.true(rateBounds(300).highMs < 1000);
});
