/**
 * Expected lines derived from the ring model, checked against the spec §3 tables word for word.
 * Each expectation is shown as the sentences each peer must print, in order, so the tables below
 * read like the spec's.
 */
import test from 'ava';
import { expectJoin, expectKill, expectPings, expectQuit, expectRequest, expectStore, type Expectations } from './expect.ts';
import { sentenceOf } from './matcher.ts';
import { STANDARD_RING, afterQuit, makeRing } from './ring.ts';

/** Each peer's expected lines as the spec's sentences, keyed by peer. */
function sentences(expectations: Expectations): Record<number, string[]> {
  return Object.fromEntries([...expectations].map(([peer, lines]) => [peer, lines.map(sentenceOf)]));
}

const forwarded15 = 'Peer 15 Join request forwarded to my successor';

test('join 15 4 on the standard ring (spec §3 step 3)', (t) => {
  t.deepEqual(sentences(expectJoin(STANDARD_RING, 15, 4)), {
    4: [forwarded15],
    5: [forwarded15],
    8: [forwarded15],
    // 9 forwards, then (as 14's first predecessor) hears of the change.
    9: [forwarded15, 'Successor Change request received', 'My new first successor is Peer 14', 'My new second successor is Peer 15'],
    14: ['Peer 15 Join request received', 'My new first successor is Peer 15', 'My new second successor is Peer 19'],
    15: ['Join request has been accepted', 'My first successor is Peer 19', 'My second successor is Peer 2'],
  });
});

test('join 15 4: the rows carry the catalogue ids and slots the checkers look for', (t) => {
  const rows = expectJoin(STANDARD_RING, 15, 4);
  t.deepEqual(rows.get(14), [
    { id: 'join-received', slots: { peer: 15 } },
    { id: 'new-first-successor', slots: { peer: 15 } },
    { id: 'new-second-successor', slots: { peer: 19 } },
  ]);
  t.deepEqual(rows.get(15)?.map((row) => row.id), ['join-accepted', 'first-successor', 'second-successor']);
  t.is(rows.get(2), undefined, 'a peer off the path prints nothing');
  t.is(rows.get(19), undefined);
});

test('join 15 typed at the acceptor itself: nobody forwards', (t) => {
  const rows = sentences(expectJoin(STANDARD_RING, 15, 14));
  t.deepEqual(Object.keys(rows).map(Number).sort((a, b) => a - b), [9, 14, 15]);
  t.deepEqual(rows[9], ['Successor Change request received', 'My new first successor is Peer 14', 'My new second successor is Peer 15']);
});

test('join 20 4 wraps: accepted by 19, the gap 19 → 2 (spec §3 step 3)', (t) => {
  const forwarded = 'Peer 20 Join request forwarded to my successor';
  t.deepEqual(sentences(expectJoin(STANDARD_RING, 20, 4)), {
    4: [forwarded],
    5: [forwarded],
    8: [forwarded],
    9: [forwarded],
    14: [forwarded, 'Successor Change request received', 'My new first successor is Peer 19', 'My new second successor is Peer 20'],
    19: ['Peer 20 Join request received', 'My new first successor is Peer 20', 'My new second successor is Peer 2'],
    20: ['Join request has been accepted', 'My first successor is Peer 2', 'My second successor is Peer 4'],
  });
});

test('join 1 2 wraps the long way: 2 forwards all round to 19', (t) => {
  const forwarded = 'Peer 1 Join request forwarded to my successor';
  t.deepEqual(sentences(expectJoin(STANDARD_RING, 1, 2)), {
    2: [forwarded],
    4: [forwarded],
    5: [forwarded],
    8: [forwarded],
    9: [forwarded],
    14: [forwarded, 'Successor Change request received', 'My new first successor is Peer 19', 'My new second successor is Peer 1'],
    19: ['Peer 1 Join request received', 'My new first successor is Peer 1', 'My new second successor is Peer 2'],
    1: ['Join request has been accepted', 'My first successor is Peer 2', 'My second successor is Peer 4'],
  });
});

test('join on a 3-peer ring', (t) => {
  t.deepEqual(sentences(expectJoin(makeRing([2, 4, 5]), 3, 2)), {
    2: ['Peer 3 Join request received', 'My new first successor is Peer 3', 'My new second successor is Peer 4'],
    5: ['Successor Change request received', 'My new first successor is Peer 2', 'My new second successor is Peer 3'],
    3: ['Join request has been accepted', 'My first successor is Peer 4', 'My second successor is Peer 5'],
  });
});

test('expectJoin rejects a peer already in the ring', (t) => {
  t.throws(() => expectJoin(STANDARD_RING, 14, 4), { instanceOf: RangeError });
});

test('Quit at 14 (spec §3 step 4)', (t) => {
  const departs = 'Peer 14 will depart from the network';
  t.deepEqual(sentences(expectQuit(STANDARD_RING, 14)), {
    9: [departs, 'My new first successor is Peer 19', 'My new second successor is Peer 2'],
    8: [departs, 'My new first successor is Peer 9', 'My new second successor is Peer 19'],
  });
});

test('kill 14 (spec §3 step 5)', (t) => {
  const dead = 'Peer 14 is no longer alive';
  t.deepEqual(sentences(expectKill(STANDARD_RING, 14)), {
    9: [dead, 'My new first successor is Peer 19', 'My new second successor is Peer 2'],
    8: [dead, 'My new first successor is Peer 9', 'My new second successor is Peer 19'],
  });
});

test('Quit at 2 wraps: its predecessors are 19 and 14', (t) => {
  const departs = 'Peer 2 will depart from the network';
  t.deepEqual(sentences(expectQuit(STANDARD_RING, 2)), {
    19: [departs, 'My new first successor is Peer 4', 'My new second successor is Peer 5'],
    14: [departs, 'My new first successor is Peer 19', 'My new second successor is Peer 4'],
  });
});

test('kill 2 wraps: its predecessors are 19 and 14', (t) => {
  const dead = 'Peer 2 is no longer alive';
  t.deepEqual(sentences(expectKill(STANDARD_RING, 2)), {
    19: [dead, 'My new first successor is Peer 4', 'My new second successor is Peer 5'],
    14: [dead, 'My new first successor is Peer 19', 'My new second successor is Peer 4'],
  });
});

test('Quit at 19 wraps: its successors are 2 and 4', (t) => {
  const departs = 'Peer 19 will depart from the network';
  t.deepEqual(sentences(expectQuit(STANDARD_RING, 19)), {
    14: [departs, 'My new first successor is Peer 2', 'My new second successor is Peer 4'],
    9: [departs, 'My new first successor is Peer 14', 'My new second successor is Peer 2'],
  });
});

test('kill 19 wraps: its successors are 2 and 4', (t) => {
  const dead = 'Peer 19 is no longer alive';
  t.deepEqual(sentences(expectKill(STANDARD_RING, 19)), {
    14: [dead, 'My new first successor is Peer 2', 'My new second successor is Peer 4'],
    9: [dead, 'My new first successor is Peer 14', 'My new second successor is Peer 2'],
  });
});

test('a departure from a 4-peer ring, where the second predecessor is also the second successor', (t) => {
  t.deepEqual(sentences(expectQuit(makeRing([1, 2, 3, 4]), 1)), {
    4: ['Peer 1 will depart from the network', 'My new first successor is Peer 2', 'My new second successor is Peer 3'],
    3: ['Peer 1 will depart from the network', 'My new first successor is Peer 4', 'My new second successor is Peer 2'],
  });
});

test('the network never shrinks below 3 peers: quit and kill on a 3-peer ring throw (spec §3 step 4)', (t) => {
  const small = makeRing([2, 4, 5]);
  t.throws(() => expectQuit(small, 4), { instanceOf: RangeError, message: /below 3 peers/ });
  t.throws(() => expectKill(small, 4), { instanceOf: RangeError, message: /below 3 peers/ });
});

test('quit and kill of a peer not in the ring throw', (t) => {
  t.throws(() => expectQuit(STANDARD_RING, 15), { instanceOf: RangeError });
  t.throws(() => expectKill(STANDARD_RING, 15), { instanceOf: RangeError });
});

test('Store 2067 at 8 on the ring without 9: forwarded at 8 and 14, accepted at 19 (spec §3 step 6)', (t) => {
  t.deepEqual(sentences(expectStore(afterQuit(STANDARD_RING, 9), 8, '2067')), {
    8: ['Store 2067 request forwarded to my successor'],
    14: ['Store 2067 request forwarded to my successor'],
    19: ['Store 2067 request accepted'],
  });
});

test('Store typed at the owner: only accepted (spec §3 step 6)', (t) => {
  t.deepEqual(sentences(expectStore(STANDARD_RING, 19, '2067')), {
    19: ['Store 2067 request accepted'],
  });
  t.deepEqual(sentences(expectStore(STANDARD_RING, 8, '4103')), {
    8: ['Store 4103 request accepted'],
  });
});

test('Store keeps the four digits as typed and wraps to the smallest peer (key 20 → 2)', (t) => {
  t.deepEqual(sentences(expectStore(STANDARD_RING, 14, '0020')), {
    14: ['Store 0020 request forwarded to my successor'],
    19: ['Store 0020 request forwarded to my successor'],
    2: ['Store 0020 request accepted'],
  });
});

test('Request 4103 at 2: not here at 4 and 5, owner 8 sends (spec §3 step 7)', (t) => {
  const notHere = 'Request for File 4103 has been received, but the file is not stored here';
  t.deepEqual(sentences(expectRequest(STANDARD_RING, 2, '4103')), {
    2: ['File request for 4103 has been sent to my successor', 'Peer 8 had File 4103', 'Receiving File 4103 from Peer 8', 'File 4103 received'],
    4: [notHere],
    5: [notHere],
    8: ['File 4103 is stored here', 'Sending file 4103 to Peer 2', 'The file has been sent'],
  });
});

test('Request 2067 at 9: owner 19 (spec §3 step 7 table)', (t) => {
  t.deepEqual(sentences(expectRequest(STANDARD_RING, 9, '2067')), {
    9: ['File request for 2067 has been sent to my successor', 'Peer 19 had File 2067', 'Receiving File 2067 from Peer 19', 'File 2067 received'],
    14: ['Request for File 2067 has been received, but the file is not stored here'],
    19: ['File 2067 is stored here', 'Sending file 2067 to Peer 9', 'The file has been sent'],
  });
});

test('Request wrapping past 19: 14 asks for key 3, owned by 4', (t) => {
  const notHere = 'Request for File 0003 has been received, but the file is not stored here';
  t.deepEqual(sentences(expectRequest(STANDARD_RING, 14, '0003')), {
    14: ['File request for 0003 has been sent to my successor', 'Peer 4 had File 0003', 'Receiving File 0003 from Peer 4', 'File 0003 received'],
    19: [notHere],
    2: [notHere],
    4: ['File 0003 is stored here', 'Sending file 0003 to Peer 14', 'The file has been sent'],
  });
});

test('Request typed at the owner: the owner says the file is stored here', (t) => {
  t.deepEqual(sentences(expectRequest(STANDARD_RING, 8, '4103')), {
    8: ['File 4103 is stored here'],
  });
});

test('one ping round on the standard ring (spec §3 step 2)', (t) => {
  const rows = sentences(expectPings(STANDARD_RING));
  t.deepEqual(Object.keys(rows).map(Number).sort((a, b) => a - b), [...STANDARD_RING]);
  t.deepEqual(rows[14], [
    'Ping requests sent to Peers 19 and 2',
    'Ping request message received from Peer 9',
    'Ping request message received from Peer 8',
    'Ping response received from Peer 19',
    'Ping response received from Peer 2',
  ]);
  t.deepEqual(rows[2], [
    'Ping requests sent to Peers 4 and 5',
    'Ping request message received from Peer 19',
    'Ping request message received from Peer 14',
    'Ping response received from Peer 4',
    'Ping response received from Peer 5',
  ]);
});
