/**
 * A Request typed at its owner (spec §3 step 7): answered at once, or sent round the ring and
 * delivered to itself, both pass; a request that circulates, or a round trip that never ends at
 * the owner, fails; a peer that prints nothing is warned.
 */
import test from 'ava';
import type { Line } from '../driver/transcript.ts';
import { expectRequest, expectRequestRoundTrip } from '../protocol/expect.ts';
import { sentenceOf } from '../protocol/matcher.ts';
import { STANDARD_RING } from '../protocol/ring.ts';
import { requestClaims } from '../protocol/claims.ts';
import { checkFalseLines } from './false-lines.ts';
import { checkRequestAtOwner, routeAtOwner } from './request-at-owner.ts';
import { verdictOf } from './finding.ts';

function lines(...texts: string[]): Line[] {
  return texts.map((text, seq) => ({ seq, at: seq * 10, text }));
}

const roundTrip = expectRequestRoundTrip(19, '2067');
const context = { action: 'Request 2067 at peer 19', owner: 19, file: '2067', waitedMs: 5000, roundTrip };
const roundLines = lines(...roundTrip.get(19)!.map(sentenceOf));
const passing = new Map(STANDARD_RING.filter((p) => p !== 19).map((p) => [p, lines('Request for File 2067 has been received, but the file is not stored here')]));

test('the owner answering at once passes', (t) => {
  const local = new Map([[19, lines(...expectRequest(STANDARD_RING, 19, '2067').get(19)!.map(sentenceOf))]]);
  t.is(routeAtOwner(local.get(19)!, '2067'), 'local');
  t.deepEqual(checkRequestAtOwner(local, context), verdictOf([]));
});

test('the owner sending the request round the ring and the file to itself passes, with no false line', (t) => {
  const transcripts = new Map([...passing, [19, roundLines]]);
  t.is(routeAtOwner(roundLines, '2067'), 'round');
  t.deepEqual(checkRequestAtOwner(transcripts, { ...context, delivered: verdictOf([]) }), verdictOf([]));
  t.deepEqual(checkFalseLines(requestClaims(STANDARD_RING, 19, '2067'), transcripts, { action: context.action, step: 7 }).reasons, []);
});

test('a round trip that never comes back to the owner fails with the missing lines and the file', (t) => {
  const transcripts = new Map([...passing, [19, lines('File request for 2067 has been sent to my successor')]]);
  const verdict = checkRequestAtOwner(transcripts, { ...context, delivered: verdictOf(['no received_2067.pdf appeared']) });
  t.is(verdict.status, 'fail');
  t.regex(verdict.reasons.join('\n'), /peer 19 printed no 'File 2067 is stored here'/);
  t.regex(verdict.reasons.join('\n'), /no received_2067\.pdf appeared/);
});

test('a request that circulates fails', (t) => {
  const loop = 'Request for File 2067 has been received, but the file is not stored here';
  const transcripts = new Map([...passing, [5, lines(loop, loop, loop, loop)], [19, roundLines]]);
  t.regex(checkRequestAtOwner(transcripts, { ...context, delivered: verdictOf([]) }).reasons.join('\n'), /peer 5 passed on `Request 2067` 4 times: the request circulates/);
});

test('an owner that prints nothing is warned, not failed', (t) => {
  const verdict = checkRequestAtOwner(new Map([[19, lines('> ')]]), context);
  t.is(verdict.status, 'pass');
  t.regex(verdict.warnings[0], /peer 19 printed nothing about `Request 2067 at peer 19`/);
});

test('a round trip naming another owner fails as a false line', (t) => {
  const transcripts = new Map([[19, lines('File request for 2067 has been sent to my successor', 'Peer 14 had File 2067')]]);
  const reasons = checkFalseLines(requestClaims(STANDARD_RING, 19, '2067'), transcripts, { action: context.action, step: 7 }).reasons;
  t.deepEqual(reasons, ["peer 19 printed 'Peer 14 had File 2067' after `Request 2067 at peer 19`, but peer 19 owns key 19: the line says what did not happen (spec §3 step 7, §5)"]);
});
