/**
 * Lines that say what did not happen fail even beside the expected ones (spec §5), and true lines
 * the spec's tables leave out pass.
 */
import test from 'ava';
import fc from 'fast-check';
import type { Line } from '../driver/transcript.ts';
import { joinClaims, requestClaims, storeClaims } from '../protocol/claims.ts';
import { expectJoin, expectRequest, expectStore, type Expectations } from '../protocol/expect.ts';
import { formatMessage, type MessageId } from '../protocol/catalogue.ts';
import { sentenceOf } from '../protocol/matcher.ts';
import { STANDARD_RING, makeRing } from '../protocol/ring.ts';
import { checkFalseLines } from './false-lines.ts';

function lines(...texts: string[]): Line[] {
  return texts.map((text, seq) => ({ seq, at: seq * 10, text }));
}

/** Every peer of `ring` printing exactly its expected lines, and the others nothing. */
function honest(ring: readonly number[], expectations: Expectations): Map<number, Line[]> {
  return new Map(ring.map((peer) => [peer, lines(...(expectations.get(peer) ?? []).map(sentenceOf))]));
}

const store = { action: 'Store 2067 at 8', step: 6 };
const request = { action: 'Request 4103 at 2', step: 7 };

test('a peer printing only what the spec expects says nothing false, for every action on random rings', (t) => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 12 }),
      fc.integer({ min: 0, max: 9999 }),
      fc.nat(),
      (ids, number, pick) => {
        const ring = makeRing(ids);
        const at = ring[pick % ring.length];
        const file = String(number).padStart(4, '0');
        const requestAt = requestClaims(ring, at, file);
        t.deepEqual(checkFalseLines(storeClaims(ring, file), honest(ring, expectStore(ring, at, file)), store).reasons, []);
        t.deepEqual(checkFalseLines(requestAt, honest([...ring], expectRequest(ring, at, file)), request).reasons, []);
        const newId = [...Array(256).keys()].find((id) => !ring.includes(id))!;
        t.deepEqual(checkFalseLines(joinClaims(ring, newId), honest(ring, expectJoin(ring, newId, at)), { action: 'join', step: 3 }).reasons, []);
      },
    ),
    { seed: Number(process.env.FC_SEED ?? 42), numRuns: 200 },
  );
});

test('a peer that is not the owner saying it accepted a Store fails, even beside its forwarded line', (t) => {
  const transcripts = honest(STANDARD_RING, expectStore(STANDARD_RING, 8, '2067'));
  transcripts.set(9, lines('Store 2067 request forwarded to my successor', 'Store 2067 request accepted'));
  t.deepEqual(checkFalseLines(storeClaims(STANDARD_RING, '2067'), transcripts, store).reasons, [
    "peer 9 printed 'Store 2067 request accepted' after `Store 2067 at 8`, but peer 19 owns key 19: the line says what did not happen (spec §3 step 6, §5)",
  ]);
});

test('the owner saying it forwarded a Store fails; leading zeros dropped are the same file', (t) => {
  const transcripts = honest(STANDARD_RING, expectStore(STANDARD_RING, 8, '0019'));
  transcripts.set(19, lines('Store 0019 request accepted', 'Store 19 request forwarded to my successor'));
  const reasons = checkFalseLines(storeClaims(STANDARD_RING, '0019'), transcripts, store).reasons;
  t.is(reasons.length, 1);
  t.regex(reasons[0], /^peer 19 printed 'Store 19 request forwarded to my successor' .* peer 19 owns key 19 and keeps the file/);
});

test('lines about another file or another joiner are no claim about this action', (t) => {
  const transcripts = new Map([[9, lines('Store 4103 request accepted', 'Peer 16 Join request forwarded to my successor')]]);
  t.deepEqual(checkFalseLines(storeClaims(STANDARD_RING, '2067'), transcripts, store).reasons, []);
  t.deepEqual(checkFalseLines(joinClaims(STANDARD_RING, 15), new Map([[14, lines('Peer 16 Join request forwarded to my successor')]]), store).reasons, []);
});

test('true lines the tables leave out pass: a forwarder saying it received a join, a requester saying the file is not here', (t) => {
  const join = new Map([[4, lines('Peer 15 Join request received', 'Peer 15 Join request forwarded to my successor')]]);
  t.deepEqual(checkFalseLines(joinClaims(STANDARD_RING, 15), join, { action: 'join 15 4', step: 3 }).reasons, []);
  const asked = new Map([[2, lines('Request for File 4103 has been received, but the file is not stored here', 'File request for 4103 has been sent to my successor')]]);
  t.deepEqual(checkFalseLines(requestClaims(STANDARD_RING, 2, '4103'), asked, request).reasons, []);
});

const falseRequestLines: { title: string; peer: number; id: MessageId; slots: Record<string, string | number> }[] = [
  { title: 'a peer that is not the owner saying the file is stored here', peer: 5, id: 'file-stored-here', slots: { file: '4103' } },
  { title: 'the owner saying the file is not stored here', peer: 8, id: 'request-not-here', slots: { file: '4103' } },
  { title: 'the owner saying it sent a request on', peer: 8, id: 'request-sent', slots: { file: '4103' } },
  { title: 'a peer that is not the owner sending the file', peer: 5, id: 'sending-file', slots: { file: '4103', to: 2 } },
  { title: 'a peer that did not ask receiving the file', peer: 4, id: 'file-received', slots: { file: '4103' } },
  { title: 'the owner saying it had the file', peer: 8, id: 'peer-had-file', slots: { owner: 8, file: '4103' } },
];

for (const row of falseRequestLines) {
  test(`Request 4103 at 2 (owner 8): ${row.title} fails`, (t) => {
    const transcripts = honest(STANDARD_RING, expectRequest(STANDARD_RING, 2, '4103'));
    transcripts.set(row.peer, [...(transcripts.get(row.peer) ?? []), ...lines(formatMessage(row.id, row.slots))]);
    const reasons = checkFalseLines(requestClaims(STANDARD_RING, 2, '4103'), transcripts, request).reasons;
    t.is(reasons.length, 1, reasons.join('\n'));
    t.true(reasons[0].startsWith(`peer ${row.peer} printed '${formatMessage(row.id, row.slots)}' after \`Request 4103 at 2\`, but`));
  });
}

test('a request typed at the owner: it may send the file to itself, no other peer may receive it', (t) => {
  const transcripts = new Map([
    [8, lines('File 2056 is stored here', 'Sending file 2056 to Peer 8', 'File 2056 received')],
    [9, lines('File 2056 received')],
  ]);
  const reasons = checkFalseLines(requestClaims(STANDARD_RING, 8, '2056'), transcripts, { action: 'Request 2056 at 8', step: 7 }).reasons;
  t.deepEqual(reasons, ["peer 9 printed 'File 2056 received' after `Request 2056 at 8`, but peer 8 asked for it: the line says what did not happen (spec §3 step 7, §5)"]);
});

test('the acceptor of a join saying it forwarded it fails', (t) => {
  const transcripts = new Map([[14, lines('Peer 15 Join request received', 'Peer 15 Join request forwarded to my successor')]]);
  t.deepEqual(checkFalseLines(joinClaims(STANDARD_RING, 15), transcripts, { action: 'join 15 4', step: 3 }).reasons, [
    "peer 14 printed 'Peer 15 Join request forwarded to my successor' after `join 15 4`, but peer 14 is the one to accept peer 15: the line says what did not happen (spec §3 step 3, §5)",
  ]);
});
