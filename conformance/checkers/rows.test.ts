import test from 'ava';
import { expectJoin, expectRequest } from '../protocol/expect.ts';
import { STANDARD_RING } from '../protocol/ring.ts';
import { sentenceOf } from '../protocol/matcher.ts';
import { checkPeerLines } from './lines.ts';
import { byRow } from '../protocol/expect.ts';

const context = { action: 'join 15 4', step: 3 as const, waitedMs: 5000 };
const lines = (texts: string[]) => texts.map((text, seq) => ({ seq, at: seq, text }));

test('a peer that forwards a join and changes successors may print the two rows in either order', (t) => {
  const nine = expectJoin(STANDARD_RING, 15, 4).get(9)!;
  t.deepEqual(byRow(nine).map((row) => row.map((l) => l.id)), [['join-forwarded'], ['successor-change', 'new-first-successor', 'new-second-successor']]);
  const sentences = nine.map(sentenceOf);
  const swapped = [...sentences.slice(1), sentences[0]];
  t.is(checkPeerLines(9, lines(swapped), nine, context).status, 'pass');
});

test('order within one row still matters', (t) => {
  const nine = expectJoin(STANDARD_RING, 15, 4).get(9)!;
  const [forward, change, first, second] = nine.map(sentenceOf);
  const verdict = checkPeerLines(9, lines([forward, change, second, first]), nine, context);
  t.is(verdict.status, 'fail');
  t.regex(verdict.reasons.join('\n'), /out of order/);
});

test('the requester sends before it receives in two rows of its own', (t) => {
  const two = expectRequest(STANDARD_RING, 2, '4103').get(2)!;
  t.deepEqual(byRow(two).map((row) => row.length), [1, 3]);
});
