/**
 * The ping checker (spec §3 step 2, §6) on literal transcripts of the standard ring
 * 2 4 5 8 9 14 19. Peer 2's successors are 4 and 5, its predecessors 19 and 14; every other peer
 * prints the spec's lines, and peer 2's lines vary from case to case.
 */
import test from 'ava';
import { plainVerdict } from './_verdict.ts';
import type { Line } from '../driver/transcript.ts';
import { STANDARD_RING, predecessorsOf, successorsOf } from '../protocol/ring.ts';
import { checkPings, trackPings } from './pings.ts';
import type { Verdict } from './grade-model.ts';

function lines(...texts: string[]): Line[] {
  return texts.map((text, seq) => ({ seq, at: seq * 10, text }));
}

/** One round of a correct peer's ping lines (spec §3 step 2). */
function specRound(id: number): string[] {
  const [s1, s2] = successorsOf(STANDARD_RING, id);
  const [p1, p2] = predecessorsOf(STANDARD_RING, id);
  return [
    `Ping requests sent to Peers ${s1} and ${s2}`,
    `Ping request message received from Peer ${p1}`,
    `Ping request message received from Peer ${p2}`,
    `Ping response received from Peer ${s1}`,
    `Ping response received from Peer ${s2}`,
  ];
}

/** Every peer printing the spec's round, peer 2 printing `peer2` instead (when given). */
function ringWith(peer2?: string[]): Map<number, Line[]> {
  const transcripts = new Map(STANDARD_RING.map((id) => [id, lines(...specRound(id))]));
  if (peer2) transcripts.set(2, lines(...peer2));
  return transcripts;
}

const window = { windowMs: 10_000 };
const ok: Verdict = { status: 'pass', reasons: [], warnings: [] };
const within = 'within 10 s on the settled ring (spec §3 step 2)';

const [sent, from19, from14, resp4, resp5] = specRound(2);

test('the spec round (setup): peer 2 pings 4 and 5 and hears from 19 and 14', (t) => {
  t.deepEqual(specRound(2), [
    'Ping requests sent to Peers 4 and 5',
    'Ping request message received from Peer 19',
    'Ping request message received from Peer 14',
    'Ping response received from Peer 4',
    'Ping response received from Peer 5',
  ]);
});

type Case = { title: string; peer2: string[]; requests: Verdict; responses: Verdict };

const cases: Case[] = [
  { title: 'all three kinds present: both items pass', peer2: specRound(2), requests: ok, responses: ok },
  {
    title: 'lines over several rounds, in any order, with debug lines between: both pass',
    peer2: [resp5, 'debug: seq=3', from14, sent, '', resp4, from19, sent, resp4],
    requests: ok,
    responses: ok,
  },
  {
    title: 'successors named in the other order pass with a wording warning',
    peer2: ['Ping requests sent to Peers 5 and 4', from19, from14, resp4, resp5],
    requests: { status: 'pass', reasons: [], warnings: ["peer 2 printed 'Ping requests sent to Peers 5 and 4' where the spec words it 'Ping requests sent to Peers 4 and 5' (spec §6)"] },
    responses: ok,
  },
  {
    title: 'one line per successor passes with one wording warning',
    peer2: ['Ping request sent to Peer 4', 'Ping request sent to Peer 5', from19, from14, resp4, resp5, 'Ping request sent to Peer 4'],
    requests: { status: 'pass', reasons: [], warnings: ["peer 2 printed 'Ping request sent to Peer 4' where the spec words it 'Ping requests sent to Peers 4 and 5' (spec §6)"] },
    responses: ok,
  },
  {
    title: '§6 wordings of received and response lines warn under their own item',
    peer2: [sent, 'Ping request received from 19', from14, 'Ping response #3 received from Peer 4', resp5],
    requests: { status: 'pass', reasons: [], warnings: ["peer 2 printed 'Ping request received from 19' where the spec words it 'Ping request message received from Peer 19' (spec §6)"] },
    responses: { status: 'pass', reasons: [], warnings: ["peer 2 printed 'Ping response #3 received from Peer 4' where the spec words it 'Ping response received from Peer 4' (spec §6)"] },
  },
  {
    title: 'a missing response fails responses only',
    peer2: [sent, from19, from14, resp4],
    requests: ok,
    responses: { status: 'fail', reasons: [`peer 2 printed no 'Ping response received from Peer 5' ${within}`], warnings: [] },
  },
  {
    title: 'a response from a wrong peer is named with "a number is wrong"',
    peer2: [sent, from19, from14, resp4, 'Ping response received from Peer 8'],
    requests: ok,
    responses: {
      status: 'fail',
      reasons: [
        `peer 2 printed no 'Ping response received from Peer 5' ${within}`,
        "peer 2 printed 'Ping response received from Peer 8' but only its successors 4 and 5 answer its pings (a number is wrong)",
      ],
      warnings: [],
    },
  },
  {
    title: 'a missing "received from" fails requests only',
    peer2: [sent, from19, resp4, resp5],
    requests: { status: 'fail', reasons: [`peer 2 printed no 'Ping request message received from Peer 14' ${within}`], warnings: [] },
    responses: ok,
  },
  {
    title: 'pings sent to a wrong peer fail requests with "a number is wrong"',
    peer2: ['Ping requests sent to Peers 4 and 8', from19, from14, resp4, resp5],
    requests: {
      status: 'fail',
      reasons: [
        `peer 2 printed no 'Ping requests sent to Peers 4 and 5' ${within}`,
        "peer 2 printed 'Ping requests sent to Peers 4 and 8' but its successors are 4 and 5 (a number is wrong)",
      ],
      warnings: [],
    },
    responses: ok,
  },
  {
    title: 'one line per successor naming only one of them fails requests',
    peer2: ['Ping request sent to Peer 4', from19, from14, resp4, resp5],
    requests: {
      status: 'fail',
      reasons: [`peer 2 printed no 'Ping requests sent to Peers 4 and 5' ${within}`],
      warnings: ["peer 2 printed 'Ping request sent to Peer 4' where the spec words it 'Ping requests sent to Peers 4 and 5' (spec §6)"],
    },
    responses: ok,
  },
  {
    title: 'a peer that printed nothing fails both items',
    peer2: [],
    requests: {
      status: 'fail',
      reasons: [
        `peer 2 printed no 'Ping requests sent to Peers 4 and 5' ${within}`,
        `peer 2 printed no 'Ping request message received from Peer 19' ${within}`,
        `peer 2 printed no 'Ping request message received from Peer 14' ${within}`,
      ],
      warnings: [],
    },
    responses: {
      status: 'fail',
      reasons: [`peer 2 printed no 'Ping response received from Peer 4' ${within}`, `peer 2 printed no 'Ping response received from Peer 5' ${within}`],
      warnings: [],
    },
  },
];

for (const { title, peer2, requests, responses } of cases) {
  test(`checkPings: ${title}`, (t) => {
    const got = checkPings(STANDARD_RING, ringWith(peer2), window);
    t.deepEqual({ requests: plainVerdict(got.requests), responses: plainVerdict(got.responses) }, { requests, responses });
  });
}

test('checkPings: a peer with no transcript fails, reasons in ring order', (t) => {
  const transcripts = ringWith();
  transcripts.delete(19);
  transcripts.delete(4);
  const { requests } = checkPings(STANDARD_RING, transcripts, window);
  t.is(requests.status, 'fail');
  t.deepEqual(
    requests.reasons.map((r) => r.split(' printed')[0]),
    ['peer 4', 'peer 4', 'peer 4', 'peer 19', 'peer 19', 'peer 19'],
  );
});

test('checkPings: at most three wrong-number lines per peer are kept as evidence', (t) => {
  const wrong = ['Ping response received from Peer 8', 'Ping response received from Peer 9', 'Ping response received from Peer 14', 'Ping response received from Peer 19'];
  const { responses } = checkPings(STANDARD_RING, ringWith([sent, from19, from14, ...wrong]), window);
  t.is(responses.reasons.filter((r) => r.endsWith('(a number is wrong)')).length, 3);
});

// Regression: wrong-number evidence goes to responses whenever a response is missing, even
// when the wrong line is a request line ("received from" a peer that does not ping it).
test('a wrong "received from" number is evidence under requests even when a response is also missing', (t) => {
  const { requests, responses } = checkPings(STANDARD_RING, ringWith([sent, from19, 'Ping request message received from Peer 9', resp4]), window);
  t.true(requests.reasons.includes("peer 2 printed 'Ping request message received from Peer 9' but only its predecessors 19 and 14 ping it (a number is wrong)"));
  t.false(responses.reasons.some((r) => r.includes('Peer 9')));
});

test('trackPings: complete once both successors, both predecessors and both responses are seen', (t) => {
  const tracker = trackPings(STANDARD_RING, 2);
  const seen: boolean[] = [];
  for (const line of lines(sent, from19, from14, resp4, 'Ping response received from Peer 8', resp5)) {
    tracker.add(line);
    seen.push(tracker.isComplete());
  }
  t.deepEqual(seen, [false, false, false, false, false, true]);
  t.deepEqual([...tracker.seen.sentTo].sort((a, b) => a - b), [4, 5]);
  t.deepEqual([...tracker.seen.heardFrom].sort((a, b) => a - b), [14, 19]);
  t.deepEqual([...tracker.seen.answeredBy].sort((a, b) => a - b), [4, 5]);
  t.is(tracker.seen.wrong.length, 1, 'the response from 8 is kept as evidence, not counted');
});

test('trackPings: two messages glued on one line both count', (t) => {
  const tracker = trackPings(STANDARD_RING, 2);
  tracker.add({ seq: 0, at: 0, text: `${sent}${from19}` });
  t.deepEqual([...tracker.seen.sentTo].sort((a, b) => a - b), [4, 5]);
  t.deepEqual([...tracker.seen.heardFrom], [19]);
});
