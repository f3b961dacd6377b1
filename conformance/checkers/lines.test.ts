/**
 * The line checker (spec §3 tables, §5, §6) on literal transcripts: a correct peer, peers that
 * word their lines otherwise, and broken peers (a wrong number, rows out of order, a row missing).
 */
import test from 'ava';
import { plainVerdict } from './_verdict.ts';
import type { Line } from '../driver/transcript.ts';
import { expectJoin, expectKill, expectQuit, expectRequest, expectStore, type Expectations } from '../protocol/expect.ts';
import { sentenceOf } from '../protocol/matcher.ts';
import { STANDARD_RING, afterQuit } from '../protocol/ring.ts';
import { checkLines, checkPeerLines, closestLine, quote, similarity, type LinesContext } from './lines.ts';

/** A transcript from literal lines, 10 ms apart. */
function lines(...texts: string[]): Line[] {
  return texts.map((text, seq) => ({ seq, at: seq * 10, text }));
}

/** Every peer printing exactly the spec's sentences for its rows. */
function specTranscripts(expectations: Expectations): Map<number, Line[]> {
  return new Map([...expectations].map(([peer, rows]) => [peer, lines(...rows.map(sentenceOf))]));
}

const join15: LinesContext = { action: 'join 15 4', step: 3, waitedMs: 9000 };
const join15Rows = expectJoin(STANDARD_RING, 15, 4);
const rows14 = join15Rows.get(14) ?? [];
const rows15 = join15Rows.get(15) ?? [];

// ---------------------------------------------------------------------------------------------
// A correct peer: the spec's exact lines pass with no warnings.

const correct: { title: string; expectations: Expectations; context: LinesContext }[] = [
  { title: 'join 15 4', expectations: join15Rows, context: join15 },
  { title: 'Quit at 9', expectations: expectQuit(STANDARD_RING, 9), context: { action: 'Quit at peer 9', step: 4, waitedMs: 9000 } },
  { title: 'kill 14', expectations: expectKill(STANDARD_RING, 14), context: { action: 'kill -9 of peer 14', step: 5, waitedMs: 60000 } },
  {
    title: 'Store 2067 at 8 without 9',
    expectations: expectStore(afterQuit(STANDARD_RING, 9), 8, '2067'),
    context: { action: 'Store 2067 at peer 8', step: 6, waitedMs: 9000 },
  },
  { title: 'Request 2067 at 4', expectations: expectRequest(STANDARD_RING, 4, '2067'), context: { action: 'Request 2067 at peer 4', step: 7, waitedMs: 9000 } },
];

for (const { title, expectations, context } of correct) {
  test(`${title}: every peer printing the spec's exact lines passes with no warnings`, (t) => {
    t.deepEqual(checkLines(expectations, specTranscripts(expectations), context), { status: 'pass', reasons: [], warnings: [] });
  });
}

test('a correct peer may print ping, blank and debug lines between its rows, and decorate them (spec §5, §6)', (t) => {
  const verdict = checkPeerLines(
    14,
    lines(
      'Ping requests sent to Peers 19 and 2',
      '> Peer 15 Join request received',
      '',
      'DEBUG: updating successors',
      'Ping response received from Peer 19',
      '  My new first successor is Peer 15.  ',
      '\u001b[1mMy new second successor is Peer 19\u001b[0m',
    ),
    rows14,
    join15,
  );
  t.deepEqual(verdict, { status: 'pass', reasons: [], warnings: [] });
});

// ---------------------------------------------------------------------------------------------
// §6 variants: the meaning is right, the wording is not the spec's: pass with a warning.

const variants: { title: string; peer: number; printed: string[]; rows: typeof rows14; warns: string[] }[] = [
  {
    title: '"recieved" and successors without "Peer"',
    peer: 14,
    printed: ['Peer 15 join request recieved', 'My new first successor is 15', 'My new second successor is Peer 19'],
    rows: rows14,
    warns: [
      "peer 14 printed 'Peer 15 join request recieved' where the spec words it 'Peer 15 Join request received' (spec §6)",
      "peer 14 printed 'My new first successor is 15' where the spec words it 'My new first successor is Peer 15' (spec §6)",
    ],
  },
  {
    title: 'the joiner printing "My new first successor" and "successor ID"',
    peer: 15,
    printed: ['Join request has been accepted', 'My new first successor is Peer 19', 'My second successor ID is 2'],
    rows: rows15,
    warns: [
      "peer 15 printed 'My new first successor is Peer 19' where the spec words it 'My first successor is Peer 19' (spec §6)",
      "peer 15 printed 'My second successor ID is 2' where the spec words it 'My second successor is Peer 2' (spec §6)",
    ],
  },
];

for (const { title, peer, printed, rows, warns } of variants) {
  test(`§6 variant passes with a wording warning naming the spec sentence: ${title}`, (t) => {
    t.deepEqual(checkPeerLines(peer, lines(...printed), rows, join15), { status: 'pass', reasons: [], warnings: warns });
  });
}

// ---------------------------------------------------------------------------------------------
// Broken peers: each of these fails.

const broken: { title: string; peer: number; printed: Line[]; rows: typeof rows14; context?: LinesContext; reasons: string[] }[] = [
  {
    title: 'a wrong number fails with "a number is wrong", quoting the printed line',
    peer: 14,
    printed: lines('Peer 15 Join request received', 'My new first successor is Peer 16', 'My new second successor is Peer 19'),
    rows: rows14,
    reasons: [
      "peer 14 printed 'My new first successor is Peer 16' where 'My new first successor is Peer 15' was expected after `join 15 4`: a number is wrong (spec §3 step 3)",
    ],
  },
  {
    title: 'rows out of order fail with "out of order" and the spec\'s order',
    peer: 14,
    printed: lines('Peer 15 Join request received', 'My new second successor is Peer 19', 'My new first successor is Peer 15'),
    rows: rows14,
    reasons: [
      "peer 14 printed 'My new second successor is Peer 19' out of order after `join 15 4`: the spec's order for this peer is 'Peer 15 Join request received', then 'My new first successor is Peer 15', then 'My new second successor is Peer 19' (spec §3 step 3)",
    ],
  },
  {
    title: 'a missing row names the closest line it printed',
    peer: 15,
    printed: lines('Join request has been approved', 'My first successor is Peer 19', 'My second successor is Peer 2'),
    rows: rows15,
    reasons: ["peer 15 printed no 'Join request has been accepted' within 9 s after `join 15 4` (spec §3 step 3); closest line it printed: 'Join request has been approved'"],
  },
  {
    title: 'a missing row with nothing like it says what the peer printed instead (ping lines left out)',
    peer: 15,
    printed: lines('Ping requests sent to Peers 19 and 2', 'Exception in thread "main" java.lang.NullPointerException', 'My first successor is Peer 19', 'My second successor is Peer 2'),
    rows: rows15,
    reasons: [
      "peer 15 printed no 'Join request has been accepted' within 9 s after `join 15 4` (spec §3 step 3); it printed instead: 'Exception in thread \"main\" java.lang.NullPointerException'",
    ],
  },
  {
    title: 'a peer that printed only ping lines is told so for every row',
    peer: 14,
    printed: lines('Ping requests sent to Peers 19 and 2', 'Ping response received from Peer 2', 'Ping request message received from Peer 9'),
    rows: rows14,
    context: { ...join15, waitedMs: 4500 },
    reasons: [
      "peer 14 printed no 'Peer 15 Join request received' within 4.5 s after `join 15 4` (spec §3 step 3); it printed only ping lines",
      "peer 14 printed no 'My new first successor is Peer 15' within 4.5 s after `join 15 4` (spec §3 step 3); it printed only ping lines",
      "peer 14 printed no 'My new second successor is Peer 19' within 4.5 s after `join 15 4` (spec §3 step 3); it printed only ping lines",
    ],
  },
  {
    title: 'a peer that printed nothing is told so',
    peer: 15,
    printed: [],
    rows: rows15.slice(0, 1),
    reasons: ["peer 15 printed no 'Join request has been accepted' within 9 s after `join 15 4` (spec §3 step 3); it printed nothing at all"],
  },
  {
    title: 'a departure named with the wrong peer fails on the number (spec §3 step 4)',
    peer: 8,
    printed: lines('Peer 14 will depart from the network', 'My new first successor is Peer 14', 'My new second successor is Peer 19'),
    rows: expectQuit(STANDARD_RING, 9).get(8) ?? [],
    context: { action: 'Quit at peer 9', step: 4, waitedMs: 9000 },
    reasons: [
      "peer 8 printed 'Peer 14 will depart from the network' where 'Peer 9 will depart from the network' was expected after `Quit at peer 9`: a number is wrong (spec §3 step 4)",
    ],
  },
];

for (const { title, peer, printed, rows, context = join15, reasons } of broken) {
  test(`broken peer: ${title}`, (t) => {
    t.deepEqual(plainVerdict(checkPeerLines(peer, printed, rows, context)), { status: 'fail', reasons, warnings: [] });
  });
}

// Regression: closestLine scored ping lines by wording too, so a ping line that merely ends in
// the same peer number ("… from Peer 19") was named as the closest line to a missing successor row.
test('a peer printing only ping lines after kill 14 is told so, not shown a ping line as closest', (t) => {
  const verdict = checkPeerLines(
    9,
    lines('Ping requests sent to Peers 19 and 2', 'Ping response received from Peer 19', 'Ping response received from Peer 2'),
    expectKill(STANDARD_RING, 14).get(9) ?? [],
    { action: 'kill -9 of peer 14', step: 5, waitedMs: 60000 },
  );
  t.deepEqual(verdict.reasons, [
    "peer 9 printed no 'Peer 14 is no longer alive' within 60 s after `kill -9 of peer 14` (spec §3 step 5); it printed only ping lines",
    "peer 9 printed no 'My new first successor is Peer 19' within 60 s after `kill -9 of peer 14` (spec §3 step 5); it printed only ping lines",
    "peer 9 printed no 'My new second successor is Peer 2' within 60 s after `kill -9 of peer 14` (spec §3 step 5); it printed only ping lines",
  ]);
});

// Regression: a peer that printed some of its expected lines and nothing else is told it
// "printed only ping lines" for the rest was wrong.
test('a joiner that printed only "Join request has been accepted" is not said to print only ping lines', (t) => {
  const verdict = checkPeerLines(15, lines('Ping requests sent to Peers 19 and 2', 'Join request has been accepted'), rows15, join15);
  t.is(verdict.status, 'fail');
  t.deepEqual(verdict.reasons, [
    "peer 15 printed no 'My first successor is Peer 19' within 9 s after `join 15 4` (spec §3 step 3)",
    "peer 15 printed no 'My second successor is Peer 2' within 9 s after `join 15 4` (spec §3 step 3)",
  ]);
});

// Regression: since rows are judged one by one, a line the peer was expected to print in
// another row of its own was offered as what it "printed instead".
test('a line of another expected row is not what the peer "printed instead"', (t) => {
  const verdict = checkPeerLines(9, lines('Peer 15 Join request forwarded to my successor', 'Segmentation fault'), join15Rows.get(9) ?? [], join15);
  t.is(verdict.status, 'fail');
  t.is(verdict.reasons.length, 3);
  for (const reason of verdict.reasons) t.true(reason.endsWith("; it printed instead: 'Segmentation fault'"), reason);
});

test('the "instead" evidence keeps the last three other lines and leaves out expected rows and blank lines', (t) => {
  const verdict = checkPeerLines(
    15,
    lines('one', 'two', '', 'My first successor is Peer 19', 'three', 'four', 'My second successor is Peer 2'),
    rows15,
    join15,
  );
  t.is(verdict.status, 'fail');
  t.deepEqual(verdict.reasons, [
    "peer 15 printed no 'Join request has been accepted' within 9 s after `join 15 4` (spec §3 step 3); it printed instead: 'two' / 'three' / 'four'",
  ]);
});

test('checkLines judges every peer with rows, in peer order, and a peer with no transcript printed nothing', (t) => {
  const transcripts = specTranscripts(join15Rows);
  transcripts.delete(15);
  transcripts.set(4, lines('Peer 15 Join request forwarded to successor'));
  transcripts.set(8, lines('Peer 16 Join request forwarded to my successor'));
  const verdict = checkLines(join15Rows, transcripts, join15);
  t.is(verdict.status, 'fail');
  t.deepEqual(verdict.warnings, [
    "peer 4 printed 'Peer 15 Join request forwarded to successor' where the spec words it 'Peer 15 Join request forwarded to my successor' (spec §6)",
  ]);
  t.deepEqual(verdict.reasons, [
    "peer 8 printed 'Peer 16 Join request forwarded to my successor' where 'Peer 15 Join request forwarded to my successor' was expected after `join 15 4`: a number is wrong (spec §3 step 3)",
    "peer 15 printed no 'Join request has been accepted' within 9 s after `join 15 4` (spec §3 step 3); it printed nothing at all",
    "peer 15 printed no 'My first successor is Peer 19' within 9 s after `join 15 4` (spec §3 step 3); it printed nothing at all",
    "peer 15 printed no 'My second successor is Peer 2' within 9 s after `join 15 4` (spec §3 step 3); it printed nothing at all",
  ]);
});

test('checkLines ignores peers without rows, whatever they print', (t) => {
  const transcripts = specTranscripts(join15Rows);
  transcripts.set(2, lines('Segmentation fault'));
  t.is(checkLines(join15Rows, transcripts, join15).status, 'pass');
});

// ---------------------------------------------------------------------------------------------
// closestLine, similarity, quote.

test('closestLine prefers a line of the same kind of event over a more alike wording', (t) => {
  const printed = lines('My new first successor is Peer 15', 'Whatever: my second successor is unknown');
  t.is(closestLine(printed, { id: 'new-second-successor', slots: { peer: 19 } })?.text, 'My new first successor is Peer 15');
  const sameKind = lines('My new first successor is Peer 15', 'My new second successor is Peer 7');
  t.is(closestLine(sameKind, { id: 'new-second-successor', slots: { peer: 19 } })?.text, 'My new second successor is Peer 7');
});

test('closestLine finds nothing when no line reads alike', (t) => {
  t.is(closestLine(lines('Segmentation fault', 'bye'), { id: 'join-accepted', slots: {} }), undefined);
  t.is(closestLine([], { id: 'join-accepted', slots: {} }), undefined);
});

const similar: [string, string, number][] = [
  ['Join request has been accepted', 'join request has been accepted.', 1],
  ['Join request has been accepted', 'Segmentation fault', 0],
  ['Join request has been accepted', 'Join request has been approved', 0.6],
];

for (const [a, b, score] of similar) {
  test(`similarity(${JSON.stringify(a)}, ${JSON.stringify(b)}) is ${score}`, (t) => {
    t.is(similarity(a, b), score);
    t.is(similarity(b, a), score);
  });
}

const quotes: [string, string, string][] = [
  ['a plain line', 'My first successor is Peer 19', "'My first successor is Peer 19'"],
  ['ANSI codes and control characters dropped, ends trimmed', ' \u001b[1mbold\u0007\r\n', "'bold'"],
  ['160 characters kept whole', 'x'.repeat(160), `'${'x'.repeat(160)}'`],
  ['a longer line shortened to 157 characters and an ellipsis', 'y'.repeat(161), `'${'y'.repeat(157)}...'`],
];

for (const [title, text, quoted] of quotes) {
  test(`quote: ${title}`, (t) => {
    t.is(quote(text), quoted);
  });
}
