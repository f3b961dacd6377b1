/**
 * The peer's decisions on the standard ring 2 4 5 8 9 14 19 (spec §2, §3), and dead-successor
 * detection (step 5).
 */
import test from 'ava';
import { judgePing, missLimit, newWatch, noteAnswer, notePingSent } from './liveness.ts';
import {
  acceptsJoin, expectFile, newPeerState, notePing, ownsFile, predecessor, secondAfterDeath, setSuccessors,
  successorOwns, successorsAfterDeparture, takeExpectedFile,
} from './peer.ts';

const at = (self: number, s1: number, s2: number) => newPeerState(self, { s1, s2 });

test('predecessors come from ping ranks, and a peer that changes rank leaves its old one', (t) => {
  const state = at(19, 2, 4);
  notePing(state, 14, 1, 0);
  notePing(state, 9, 2, 0);
  t.is(predecessor(state, 1, 0, 1000), 14);
  t.is(predecessor(state, 2, 0, 1000), 9);
  notePing(state, 14, 2, 10); // 14 took in 15 (spec §3 step 3)
  t.is(predecessor(state, 1, 10, 1000), undefined);
  t.is(predecessor(state, 2, 10, 1000), 14);
  t.is(predecessor(state, 2, 2000, 1000), undefined, 'forgotten when it stops pinging');
});

test('ownership: key in (pred1, self], key === self without a predecessor', (t) => {
  const state = at(8, 9, 14);
  t.true(ownsFile(state, '4103', 5)); // 4103 mod 256 = 7
  t.false(ownsFile(state, '2067', 5)); // 19
  t.true(ownsFile(at(2, 4, 5), '0276', 19)); // 20 wraps to 2
  t.true(ownsFile(at(2, 4, 5), '0002', 19));
  t.false(ownsFile(state, '4103', undefined));
  t.true(ownsFile(state, '0008', undefined));
  t.true(successorOwns(at(14, 19, 2), '2067'));
  t.false(successorOwns(at(9, 14, 19), '2067'));
});

test('join acceptance: between us and our first successor, wrapping', (t) => {
  t.true(acceptsJoin(at(14, 19, 2), 15));
  t.false(acceptsJoin(at(9, 14, 19), 15));
  t.true(acceptsJoin(at(19, 2, 4), 20));
  t.true(acceptsJoin(at(19, 2, 4), 1));
  t.false(acceptsJoin(newPeerState(15), 16), 'not in a ring yet');
});

test('departure of 14 (spec §3 step 4)', (t) => {
  t.deepEqual(successorsAfterDeparture(at(9, 14, 19), 14, { s1: 19, s2: 2 }), { s1: 19, s2: 2 });
  t.deepEqual(successorsAfterDeparture(at(8, 9, 14), 14, { s1: 19, s2: 2 }), { s1: 9, s2: 19 });
  t.is(successorsAfterDeparture(at(5, 8, 9), 14, { s1: 19, s2: 2 }), undefined);
});

test('repair after 14 died (spec §3 step 5): whether or not the first successor repaired already', (t) => {
  t.is(secondAfterDeath(14, { s1: 14, s2: 19 }), 19);
  t.is(secondAfterDeath(14, { s1: 19, s2: 2 }), 19);
});

test('a changed successor gets a fresh watch; an unchanged one keeps its count', (t) => {
  const state = at(8, 9, 14);
  state.watches![0].missed = 2;
  setSuccessors(state, { s1: 9, s2: 19 }, true);
  t.is(state.watches![0].missed, 2);
  t.deepEqual(state.watches![1], newWatch(19, true));
});

test('a successor is dead after the set number of unanswered pings, once armed', (t) => {
  const watch = newWatch(14, false);
  let seq = 0;
  for (let round = 0; round < 10; round++) {
    notePingSent(watch, ++seq);
    t.false(judgePing(watch, seq, 3), 'silence before the first answer never counts (spec §4)');
  }
  noteAnswer(watch, seq);
  const verdicts = [];
  for (let round = 0; round < 4; round++) {
    notePingSent(watch, ++seq);
    verdicts.push(judgePing(watch, seq, 3));
  }
  t.deepEqual(verdicts, [false, false, true, true]);
});

test('the next round going out before a round is judged does not count an answered ping as missed', (t) => {
  const watch = newWatch(14, true);
  notePingSent(watch, 1);
  noteAnswer(watch, 1);
  notePingSent(watch, 2); // round 2 goes out first...
  t.false(judgePing(watch, 1, 3)); // ...then round 1 is judged: answered, no miss
  t.is(watch.missed, 0);
  t.false(judgePing(watch, 2, 3));
  t.is(watch.missed, 1);
});

test('a ping sent to an earlier successor is not judged against a new one', (t) => {
  const watch = newWatch(15, true);
  t.false(judgePing(watch, 7, 1), 'no ping of round 7 went to it');
  notePingSent(watch, 8);
  t.true(judgePing(watch, 8, 1));
});

test('the miss limit keeps detection under the assignment\'s 60 s (spec §3 step 5)', (t) => {
  t.is(missLimit(3, 200), 3);
  t.is(missLimit(3, 1000), 3);
  t.is(missLimit(3, 10_000), 3);
  t.is(missLimit(3, 20_000), 2);
  t.is(missLimit(3, 30_000), 1);
  t.is(missLimit(3, 120_000), 1);
  t.is(missLimit(2, 1000), 2);
});

test('requested files are counted', (t) => {
  const state = newPeerState(9);
  expectFile(state, '4103');
  expectFile(state, '4103');
  t.true(takeExpectedFile(state, '4103'));
  t.true(takeExpectedFile(state, '4103'));
  t.false(takeExpectedFile(state, '4103'));
});
