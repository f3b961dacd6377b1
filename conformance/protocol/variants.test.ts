/**
 * The variant table (variants.ts) through the matcher and through the checkers: every row is
 * judged by `judgeLine` or seen by `findEvents` as it says, and every judged row is printed by a
 * peer of a literal transcript where the spec's line is expected: a correct wording passes (with a
 * wording warning when it is not the spec's), a near miss fails. Then the matcher's cost: linear
 * in the line, counted in steps.
 */
import test from 'ava';
import fc from 'fast-check';
import type { Line } from '../driver/transcript.ts';
import { checkLines, quote } from '../checkers/lines.ts';
import { checkPings } from '../checkers/pings.ts';
import { catalogue, formatMessage, messageFor } from './catalogue.ts';
import { expectJoin, expectKill, expectQuit, expectRequest, expectStore, type Expectations } from './expect.ts';
import { findEvents, judgeLine, mayHoldEvent, sentenceOf, type ExpectedLine } from './matcher.ts';
import { afterJoin, afterKill, afterQuit, STANDARD_RING, predecessorsOf, successorsOf } from './ring.ts';
import { checkFalseLines } from '../checkers/false-lines.ts';
import { checkRingLines } from '../checkers/ring-lines.ts';
import { joinClaims, requestClaims, storeClaims, type Claim } from './claims.ts';
import { ringTruth, type RingTruth } from './ring-claims.ts';
import { VARIANTS, type Expected, type VariantRow } from './variants.ts';

type Judged = Extract<VariantRow, { expected: Expected }>;

function lines(...texts: string[]): Line[] {
  return texts.map((text, seq) => ({ seq, at: seq * 10, text }));
}

const describe = (e: Expected) => `${e.id} ${JSON.stringify(e.slots)}`;
const name = (i: number, row: VariantRow) => `row ${i + 1} ${JSON.stringify(row.line)} (${row.why})`;
const eventsIn = (line: string) => findEvents(line).map((e) => [e.id, ...e.values].join(' '));

test('the table has at least 150 rows, and rows for every graded message', (t) => {
  t.true(VARIANTS.length >= 150, String(VARIANTS.length));
  const judged = new Set(VARIANTS.flatMap((row) => ('expected' in row ? [row.expected.id] : [])));
  t.deepEqual(catalogue.filter((m) => m.graded && !judged.has(m.id)).map((m) => m.id), []);
});

// ---------------------------------------------------------------------------------------------
// The matcher: each row as the table says.

for (const [i, row] of VARIANTS.entries()) {
  if ('expected' in row) {
    test(`matcher: ${name(i, row)} is '${row.judgement}' for ${describe(row.expected)}`, (t) => {
      t.is(judgeLine(row.line, row.expected), row.judgement, `events seen: ${JSON.stringify(eventsIn(row.line))}`);
      if (row.judgement !== 'none') t.true(mayHoldEvent(row.line), 'mayHoldEvent must not reject a line with an event');
    });
  } else {
    test(`matcher: ${name(i, row)} holds ${JSON.stringify(row.events)}`, (t) => {
      t.deepEqual(eventsIn(row.line), row.events);
      if (row.events.length > 0) t.true(mayHoldEvent(row.line), 'mayHoldEvent must not reject a line with an event');
    });
  }
}

// ---------------------------------------------------------------------------------------------
// checkLines: a peer prints the row's line where the spec's line is expected.

type Scenario = { action: string; step: 3 | 4 | 5 | 6 | 7; expectations: Expectations };

const scenarios: Scenario[] = [
  { action: 'join 15 4', step: 3, expectations: expectJoin(STANDARD_RING, 15, 4) },
  { action: 'Quit at peer 14', step: 4, expectations: expectQuit(STANDARD_RING, 14) },
  { action: 'kill -9 of peer 14', step: 5, expectations: expectKill(STANDARD_RING, 14) },
  { action: 'Store 2067 at peer 8', step: 6, expectations: expectStore(STANDARD_RING, 8, '2067') },
  { action: 'Store 0020 at peer 4', step: 6, expectations: expectStore(STANDARD_RING, 4, '0020') },
  { action: 'Request 4103 at peer 2', step: 7, expectations: expectRequest(STANDARD_RING, 2, '4103') },
];

const sameLine = (a: Expected, b: ExpectedLine) =>
  a.id === b.id && messageFor(a.id).slots.every((slot) => Number(a.slots[slot]) === Number(b.slots[slot]));

/** The first scenario, peer and row where the spec expects the row's expected line. */
function placeOf(expected: Expected): { scenario: Scenario; peer: number; index: number } | undefined {
  for (const scenario of scenarios) {
    for (const [peer, rows] of scenario.expectations) {
      const index = rows.findIndex((row) => sameLine(expected, row));
      if (index >= 0) return { scenario, peer, index };
    }
  }
  return undefined;
}

const PINGS = new Set(['ping-sent', 'ping-sent-one', 'ping-received', 'ping-response']);
const judgedRows = VARIANTS.flatMap((row, i) => ('expected' in row ? [{ row, i }] : []));

for (const { row, i } of judgedRows.filter(({ row }) => !PINGS.has(row.expected.id))) {
  const passes = row.judgement === 'exact' || row.judgement === 'meaning';
  test(`checkLines: ${name(i, row)} where '${sentenceOf(row.expected)}' is expected ${passes ? 'passes' : 'fails'}`, (t) => {
    const place = placeOf(row.expected);
    if (!place) return t.fail(`no scenario expects ${describe(row.expected)}: give the row a line the standard ring prints`);
    const { scenario, peer, index } = place;
    const transcripts = new Map([...scenario.expectations].map(([p, rows]) => [p, lines(...rows.map(sentenceOf))]));
    const printed = scenario.expectations.get(peer)!.map((r, k) => (k === index ? row.line : sentenceOf(r)));
    transcripts.set(peer, lines(...printed));
    const verdict = checkLines(scenario.expectations, transcripts, { action: scenario.action, step: scenario.step, waitedMs: 9000 });
    if (!passes) return t.is(verdict.status, 'fail', `peer ${peer} after ${scenario.action}`);
    const warnings = row.judgement === 'meaning' ? [`peer ${peer} printed ${quote(row.line)} where the spec words it '${sentenceOf(row.expected)}' (spec §6)`] : [];
    t.deepEqual(verdict, { status: 'pass', reasons: [], warnings }, `peer ${peer} after ${scenario.action}`);
  });
}

// The claims and the ring-lines check over the same transcripts: a variant that means the right
// thing says nothing false; a successor, departure or death line with another number is false.

const truths: Record<string, RingTruth> = {
  'join 15 4': ringTruth(STANDARD_RING, afterJoin(STANDARD_RING, 15)),
  'Quit at peer 14': ringTruth(STANDARD_RING, afterQuit(STANDARD_RING, 14), { quit: 14 }),
  'kill -9 of peer 14': ringTruth(STANDARD_RING, afterKill(STANDARD_RING, 14)),
};
const claimsOf: Record<string, Claim[]> = {
  'join 15 4': joinClaims(STANDARD_RING, 15),
  'Store 2067 at peer 8': storeClaims(STANDARD_RING, '2067'),
  'Store 0020 at peer 4': storeClaims(STANDARD_RING, '0020'),
  'Request 4103 at peer 2': requestClaims(STANDARD_RING, 2, '4103'),
};
const RING_LINES = new Set(['new-first-successor', 'new-second-successor', 'first-successor', 'second-successor', 'departing', 'no-longer-alive']);

// A peer that has not heard of the change may still name its old successor: not false.
const isOld = (peer: number, row: Judged) =>
  STANDARD_RING.includes(peer) &&
  findEvents(row.line).some((e) => successorsOf(STANDARD_RING, peer)[e.id === 'first-successor' ? 0 : 1] === e.values[0]);

for (const { row, i } of judgedRows.filter(({ row }) => !PINGS.has(row.expected.id) && row.judgement !== 'none')) {
  const passes = row.judgement === 'exact' || row.judgement === 'meaning';
  const place = placeOf(row.expected);
  if (!place) continue;
  const { scenario, peer, index } = place;
  const truth = truths[scenario.action] ?? ringTruth(STANDARD_RING, STANDARD_RING);
  const isFalse = !passes && RING_LINES.has(row.expected.id) && !isOld(peer, row);
  if (!passes && !isFalse) continue;
  test(`ring lines and claims: ${name(i, row)} at peer ${peer} after ${scenario.action} ${isFalse ? 'is false' : 'says nothing false'}`, (t) => {
    const transcripts = new Map([...scenario.expectations].map(([p, rows]) => [p, lines(...rows.map(sentenceOf))]));
    transcripts.set(peer, lines(...scenario.expectations.get(peer)!.map((r, k) => (k === index ? row.line : sentenceOf(r)))));
    const context = { action: scenario.action, step: scenario.step, actionAt: 0 };
    const ring = checkRingLines(truth, transcripts, context);
    if (isFalse) return t.is(ring.status, 'fail', row.line);
    if (passes) {
      t.deepEqual(ring.reasons, [], row.line);
      t.deepEqual(checkFalseLines(claimsOf[scenario.action] ?? [], transcripts, context).reasons, [], row.line);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// checkPings: peer 2 of the standard ring (successors 4 5, predecessors 19 14) prints the row's line.

function specRound(id: number): string[] {
  const [s1, s2] = successorsOf(STANDARD_RING, id);
  const [p1, p2] = predecessorsOf(STANDARD_RING, id);
  return [
    formatMessage('ping-sent', { s1, s2 }),
    formatMessage('ping-received', { from: p1 }),
    formatMessage('ping-received', { from: p2 }),
    formatMessage('ping-response', { from: s1 }),
    formatMessage('ping-response', { from: s2 }),
  ];
}

/** Peer 2's round with the row's line where its expected line is; one line per successor needs the other's too. */
function peer2Round(row: Judged): string[] | undefined {
  const round = specRound(2);
  const { id, slots } = row.expected;
  if (id === 'ping-sent-one') {
    const other = Number(slots.s) === 4 ? 5 : 4;
    return [row.line, formatMessage('ping-sent-one', { s: other }), ...round.slice(1)];
  }
  const index = round.indexOf(formatMessage(id, slots));
  return index < 0 ? undefined : round.map((line, k) => (k === index ? row.line : line));
}

for (const { row, i } of judgedRows.filter(({ row }) => PINGS.has(row.expected.id))) {
  const passes = row.judgement === 'exact' || row.judgement === 'meaning';
  const item = row.expected.id === 'ping-response' ? 'responses' : 'requests';
  test(`checkPings: ${name(i, row)} printed by peer 2 for '${sentenceOf(row.expected)}': ${item} ${passes ? 'pass' : 'fail'}`, (t) => {
    const round = peer2Round(row);
    if (!round) return t.fail(`peer 2 prints no ${describe(row.expected)}: give the row a line peer 2 prints`);
    const transcripts = new Map(STANDARD_RING.map((id) => [id, lines(...(id === 2 ? round : specRound(id)))]));
    const verdict = checkPings(STANDARD_RING, transcripts, { windowMs: 10_000 })[item];
    if (!passes) return t.is(verdict.status, 'fail');
    t.deepEqual(verdict.reasons, []);
    // One line per successor is a wording of the spec's one line for both, even in its own words.
    const warns = row.judgement === 'meaning' || row.expected.id === 'ping-sent-one';
    t.is(verdict.warnings.some((w) => w.startsWith(`peer 2 printed ${quote(row.line)} where the spec words it`)), warns, verdict.warnings.join('\n'));
  });
}

// ---------------------------------------------------------------------------------------------
// Glued rows through the line checker: a peer whose newlines went missing still passes.

const glued: { title: string; scenario: Scenario; peer: number; printed: string[] }[] = [
  { title: "the acceptor's three rows on one line", scenario: scenarios[0], peer: 14, printed: ['Peer 15 Join request receivedMy new first successor is Peer 15My new second successor is Peer 19'] },
  { title: "the joiner's row on one line, no \"new\"", scenario: scenarios[0], peer: 15, printed: ['Join request has been acceptedMy first successor is Peer 19My second successor is Peer 2'] },
  { title: 'a departure glued to its successors', scenario: scenarios[1], peer: 9, printed: ['Peer 14 will depart from the networkMy new first successor is Peer 19', 'My new second successor is Peer 2'] },
  { title: "the owner's row behind prompts", scenario: scenarios[5], peer: 8, printed: ['> File 4103 is stored here > Sending file 4103 to Peer 2 > The file has been sent'] },
  { title: "the requester's rows glued", scenario: scenarios[5], peer: 2, printed: ['File request for 4103 has been sent to my successor', 'Peer 8 had File 4103Receiving File 4103 from Peer 8File 4103 received'] },
];

for (const { title, scenario, peer, printed } of glued) {
  test(`checkLines: ${title} passes with wording warnings`, (t) => {
    const transcripts = new Map([...scenario.expectations].map(([p, rows]) => [p, lines(...rows.map(sentenceOf))]));
    transcripts.set(peer, lines(...printed));
    const verdict = checkLines(scenario.expectations, transcripts, { action: scenario.action, step: scenario.step, waitedMs: 9000 });
    t.is(verdict.status, 'pass', verdict.reasons.join('\n'));
    t.true(verdict.warnings.length > 0);
  });
}

test('checkLines: glued rows in the wrong order still fail', (t) => {
  const scenario = scenarios[0];
  const transcripts = new Map([...scenario.expectations].map(([p, rows]) => [p, lines(...rows.map(sentenceOf))]));
  transcripts.set(14, lines('Peer 15 Join request receivedMy new second successor is Peer 19My new first successor is Peer 15'));
  const verdict = checkLines(scenario.expectations, transcripts, { action: scenario.action, step: scenario.step, waitedMs: 9000 });
  t.is(verdict.status, 'fail');
  t.regex(verdict.reasons.join('\n'), /out of order/);
});

// ---------------------------------------------------------------------------------------------
// Law: any message, any numbers, any mix of the §6 wordings keeps its meaning; another number does not.

const DROPS = ['new ', 'Peer ', 'Peers ', 'my ', 'the ', 'The ', 'has been ', 'is ', 'message '];
const SWAPS: [string, string][] = [['received', 'recieved'], ['forwarded', 'forward'], ['first', '1st'], ['second', '2nd'], ['the network', 'this network'], ['successor', 'succesor']];
const PREFIXES = ['', '> ', '[peer 4] ', 'Enter a command: ', ' ---- ', '\u001b[32m'];
const SUFFIXES = ['', '.', '!', ' ', ' ---- ', '\u001b[0m'];

test('law: every message in any mix of §6 wordings is judged on meaning; another number is wrong-numbers', (t) => {
  const arbitrary = fc.record({
    message: fc.constantFrom(...catalogue),
    values: fc.array(fc.integer({ min: 0, max: 9999 }), { minLength: 3, maxLength: 3 }),
    drops: fc.subarray(DROPS),
    swaps: fc.subarray(SWAPS),
    prefix: fc.constantFrom(...PREFIXES),
    suffix: fc.constantFrom(...SUFFIXES),
    change: fc.nat(),
  });
  fc.assert(
    fc.property(arbitrary, ({ message, values, drops, swaps, prefix, suffix, change }) => {
      const slots = Object.fromEntries(message.slots.map((slot, i) => [slot, values[i]]));
      let line = formatMessage(message.id, slots);
      for (const drop of drops) line = line.replace(drop, '');
      for (const [from, to] of swaps) line = line.replace(from, to);
      line = prefix + line + suffix;
      const judged = judgeLine(line, { id: message.id, slots });
      if (judged !== 'exact' && judged !== 'meaning') return false;
      if (message.slots.length === 0) return true;
      const slot = message.slots[change % message.slots.length];
      return judgeLine(line, { id: message.id, slots: { ...slots, [slot]: values[change % message.slots.length] + 1 } }) === 'wrong-numbers';
    }),
    { seed: Number(process.env.FC_SEED ?? 42), numRuns: 3000 },
  );
  t.pass();
});

// ---------------------------------------------------------------------------------------------
// mayHoldEvent never rejects a line with an event, whatever words a line is made of.

test('law: a line findEvents finds an event in is never rejected by mayHoldEvent', (t) => {
  const words = [...new Set(VARIANTS.flatMap((row) => row.line.split(/(\s+|(?=[A-Z])|(?<=\d)(?=\D)|(?<=\D)(?=\d))/)))].filter((w) => w !== '');
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...words), { maxLength: 14 }), fc.array(fc.constantFrom(' ', '', '\u001b[1m', '\u0007', '> '), { minLength: 14, maxLength: 14 }), (parts, glue) => {
      const line = parts.map((part, k) => part + glue[k]).join('');
      return findEvents(line).length === 0 || mayHoldEvent(line);
    }),
    { seed: Number(process.env.FC_SEED ?? 42), numRuns: 3000 },
  );
  t.pass();
});

// ---------------------------------------------------------------------------------------------
// Linear work: a flood of junk or of glued sentences costs steps in proportion to its length.

function stepsFor(line: string): { steps: number; events: number } {
  const work = { steps: 0 };
  const events = findEvents(line, work).length;
  return { steps: work.steps, events };
}

const floods: { title: string; line: string; events: number }[] = [
  { title: '100 000 characters of junk', line: 'x9 '.repeat(33_334), events: 0 },
  { title: '100 000 characters of one word', line: 'a'.repeat(100_000), events: 0 },
  { title: '100 000 dashes then a word', line: '-'.repeat(100_000) + 'x', events: 0 },
  { title: '100 000 characters of glued ordinals and digits', line: '1st2ndX9'.repeat(12_500), events: 0 },
  { title: '100 000 characters of camel case', line: 'aB'.repeat(50_000), events: 0 },
  { title: 'protocol words without the sentence, repeated', line: 'ping request sent to peer '.repeat(4000), events: 0 },
  { title: '5 000 glued "forwarded" sentences', line: 'Store 2067 request forwarded to my successor'.repeat(5000), events: 5000 },
  { title: '5 000 "forwarded" sentences missing their number', line: 'Peer Join request forwarded to my successor '.repeat(5000), events: 0 },
];

for (const { title, line, events } of floods) {
  test(`linear: ${title} takes at most a few steps per character`, (t) => {
    const started = performance.now();
    const seen = stepsFor(line);
    const wording = judgeLine(line, { id: 'store-forwarded', slots: { file: '2067' } });
    const ms = performance.now() - started;
    t.is(seen.events, events);
    t.true(seen.steps <= line.length, `${seen.steps} steps for ${line.length} characters`);
    t.true(['none', 'meaning'].includes(wording));
    // Generous: a catastrophic pattern would take minutes, a linear one takes milliseconds.
    t.true(ms < 5000, `${Math.round(ms)} ms`);
  });
}

test('linear: ten times the line is at most ten times the steps (and a little)', (t) => {
  const sentence = 'Peer 15 Join request forwarded to my successor Store 2067 request accepted ping response #3 received from ';
  const small = stepsFor(sentence.repeat(100)).steps;
  const large = stepsFor(sentence.repeat(1000)).steps;
  t.true(large <= 10 * small + 10, `${small} → ${large}`);
});
