/** The ring is seen to settle from either side of each ping (spec §4). */
import test from 'ava';
import { formatMessage } from './catalogue.ts';
import { makeRing } from './ring.ts';
import { trackSettlement } from './settlement.ts';

const ring = makeRing([2, 4, 5]);

test('responses at every peer settle the ring', (t) => {
  const s = trackSettlement(ring);
  const responses: [number, number][] = [[2, 4], [2, 5], [4, 5], [4, 2], [5, 2]];
  for (const [peer, from] of responses) t.false(s.add(peer, formatMessage('ping-response', { from })));
  t.deepEqual([...s.missing()], [[5, [4]]]);
  t.true(s.add(5, formatMessage('ping-response', { from: 4 })));
});

test("a peer whose response lines are wrong is seen settled from its successors' received lines", (t) => {
  const s = trackSettlement(ring);
  for (const [peer, from] of [[4, 2], [5, 2], [5, 4], [2, 4], [2, 5], [4, 5]] as const) s.add(peer, formatMessage('ping-received', { from }));
  s.add(2, 'Ping response received from Peer 2');
  t.true(s.isSettled());
  t.false(s.isAnswered(), 'no peer has printed an answer of its own yet');
  for (const [peer, from] of [[2, 4], [2, 5], [4, 5], [4, 2], [5, 2], [5, 4]] as const) s.add(peer, formatMessage('ping-response', { from }));
  t.true(s.isAnswered());
});

test('a ring that prints no ping lines is never seen settled; a line naming a non-successor counts for nothing', (t) => {
  const s = trackSettlement(ring);
  s.add(2, 'Join request has been accepted');
  s.add(2, formatMessage('ping-response', { from: 9 }));
  s.add(4, formatMessage('ping-received', { from: 9 }));
  t.false(s.isSettled());
  t.deepEqual([...s.missing().keys()], [2, 4, 5]);
});
