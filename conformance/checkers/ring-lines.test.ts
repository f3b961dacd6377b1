/**
 * Successor, departure and "no longer alive" lines are judged against the model after every
 * action (spec §5): a false one fails even when a right one follows; a peer that has not heard of
 * the change yet, or says true things the tables leave out, passes.
 */
import test from 'ava';
import type { Line } from '../driver/transcript.ts';
import { ringTruth } from '../protocol/ring-claims.ts';
import { afterJoin, afterKill, afterQuit, STANDARD_RING } from '../protocol/ring.ts';
import { checkRingLines } from './ring-lines.ts';

function lines(...texts: string[]): Line[] {
  return texts.map((text, seq) => ({ seq, at: 1000 + seq * 1500, text }));
}

const kill14 = ringTruth(STANDARD_RING, afterKill(STANDARD_RING, 14));
const killContext = { action: 'kill -9 of peer 14', step: 5, actionAt: 1000 };

test('the second predecessor naming the killed peer as its new successor fails, though it corrects itself', (t) => {
  const transcripts = new Map([
    [8, lines('Peer 14 is no longer alive', 'My new first successor is Peer 9', 'My new second successor is Peer 14', 'My new second successor is Peer 19')],
    [9, lines('Peer 14 is no longer alive', 'My new first successor is Peer 19', 'My new second successor is Peer 2')],
  ]);
  const verdict = checkRingLines(kill14, transcripts, killContext);
  t.is(verdict.status, 'fail');
  t.deepEqual(verdict.reasons, [
    "peer 8 printed 'My new second successor is Peer 14' 3.0 s after `kill -9 of peer 14`, but peer 8's second successor is peer 19 after the change; peer 14 has left: its second successor was wrong; it printed 'My new second successor is Peer 19' at 4.5 s (spec §3 step 5, §5)",
  ]);
});

const honest: [string, Map<number, Line[]>, ReturnType<typeof ringTruth>][] = [
  ['a correct repair after a kill', new Map([[8, lines('Peer 14 is no longer alive', 'My new first successor is Peer 9', 'My new second successor is Peer 19')]]), kill14],
  ['a peer that has not noticed yet still naming its old successors', new Map([[8, lines('My first successor is Peer 9', 'My second successor is Peer 14')]]), ringTruth(STANDARD_RING, afterQuit(STANDARD_RING, 14), { quit: 14 })],
  ['the joiner and the acceptor of join 15', new Map([[15, lines('My first successor is Peer 19', 'My second successor is Peer 2')], [14, lines('My new first successor is Peer 15', 'My new second successor is Peer 19')]]), ringTruth(STANDARD_RING, afterJoin(STANDARD_RING, 15))],
  ['"no new", "ID" and no "Peer" wordings', new Map([[9, lines('My first successor ID is 19', 'my second successor is 2')]]), kill14],
  ['a quit announced by both predecessors', new Map([[8, lines('Peer 14 will depart from the network')], [9, lines('---- Peer 14 will depart from network ----')]]), ringTruth(STANDARD_RING, afterQuit(STANDARD_RING, 14), { quit: 14 })],
  ['a peer that left earlier in the scenario, said late to be gone', new Map([[2, lines('Peer 9 is no longer alive')]]), ringTruth(afterQuit(STANDARD_RING, 9), afterQuit(STANDARD_RING, 9), { left: [9] })],
  ['the departed peer itself, whose lines are not judged', new Map([[14, lines('My new first successor is Peer 200')]]), kill14],
];

for (const [name, transcripts, truth] of honest) {
  test(`passes ${name}`, (t) => {
    t.deepEqual(checkRingLines(truth, transcripts, killContext).reasons, []);
  });
}

const unchanged = ringTruth(STANDARD_RING, STANDARD_RING);
const storeContext = { action: 'Store 2067 at peer 8', step: 6, actionAt: 0 };
const falseOnes: [string, Map<number, Line[]>, RegExp][] = [
  ['a live peer declared dead during a Store', new Map([[5, lines('Peer 8 is no longer alive')]]), /peer 5 printed 'Peer 8 is no longer alive' .* but peer 8 is alive and in the ring/],
  ['a departure nobody announced', new Map([[5, lines('Peer 9 will depart from the network')]]), /but peer 9 is not departing/],
  ['a first successor that is no successor at all', new Map([[5, lines('My first successor is Peer 19')]]), /peer 5's first successor is peer 8: its first successor was wrong/],
  ['a second successor given as the first', new Map([[5, lines('My new first successor is Peer 9')]]), /peer 5's first successor is peer 8/],
  ['a peer that was never in the ring declared dead', new Map([[5, lines('Peer 200 no longer alive')]]), /peer 200 was never in the ring/],
];

for (const [name, transcripts, reason] of falseOnes) {
  test(`fails ${name}`, (t) => {
    const verdict = checkRingLines(unchanged, transcripts, storeContext);
    t.is(verdict.status, 'fail');
    t.regex(verdict.reasons.join('\n'), reason);
  });
}

test('a line another check already quoted (a wrong number) is not told twice', (t) => {
  const transcripts = new Map([[8, lines('My new second successor is Peer 2')]]);
  const told = ["peer 8 printed 'My new second successor is Peer 2' where 'My new second successor is Peer 19' was expected"];
  t.deepEqual(checkRingLines(kill14, transcripts, { ...killContext, told }).reasons, []);
  t.is(checkRingLines(kill14, transcripts, killContext).reasons.length, 1);
});
