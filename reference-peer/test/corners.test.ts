/**
 * Corner cases of the seven steps on the standard ring (spec §2–§3): joins and departures at the
 * wrap point, keys on, above and below every ID, commands typed at the owner, a large file, and a
 * request whose file the owner does not have.
 */
import test from 'ava';
import { readdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { formatMessage, type MessageId, type Slots } from '../../conformance/protocol/catalogue.ts';
import { expectRequest, expectStore } from '../../conformance/protocol/expect.ts';
import { STANDARD_RING, successorsOf } from '../../conformance/protocol/ring.ts';
import { judgeLine, valuesOf } from '../../conformance/protocol/matcher.ts';
import type { Line } from '../../conformance/driver/transcript.ts';
import type { ScenarioResult } from '../../conformance/checkers/grade-model.ts';
import { waitForFile } from '../../conformance/driver/waits.ts';
import { seqsNow, waitForAll, withRing, withSettledRing } from './_hand.ts';
import { blemishes, checkDetection, explain, isPingLine, MISSED_PINGS, passesStrictly, printedSentences, runReference, scenarioOf, TIMING } from './_ring.ts';

function exitOf(result: ScenarioResult, peer: number) {
  const exit = result.transcripts.find((tr) => tr.peer === peer)?.exit;
  return exit && { code: exit.code, signal: exit.signal };
}

test('join 1 4: the new lowest ID is accepted by 19 across the wrap', async (t) => {
  await passesStrictly(t, 'ref-join-low', [{ join: 1, known: 4 }], ['join']);
});

test('join 20 2: the new highest ID is accepted by 19 across the wrap', async (t) => {
  await passesStrictly(t, 'ref-join-high', [{ join: 20, known: 2 }], ['join']);
});

test('join 15 14: the known peer accepts the join itself, with no forwarding', async (t) => {
  await passesStrictly(t, 'ref-join-known-accepts', [{ join: 15, known: 14 }], ['join']);
});

test('Store: keys equal to an ID, above every ID, below every ID, and typed at the owner', async (t) => {
  await passesStrictly(
    t,
    'ref-store-keys',
    [
      { store: '0264', at: 2 }, // key 8: peer 8's own ID
      { store: '0258', at: 5 }, // key 2: the lowest ID, reached across the wrap
      { store: '0532', at: 4 }, // key 20: above every ID, wraps to 2
      { store: '0001', at: 9 }, // key 1: below every ID, owned by 2
      { store: '0256', at: 14 }, // key 0: below every ID, owned by 2
      { store: '2067', at: 19 }, // key 19, typed at the owner: only 'accepted', nothing forwarded
    ],
    ['store', 'store', 'store', 'store', 'store', 'store'],
  );
});

test('Request typed at the owner: 19 says the file is stored here and sends it to itself', async (t) => {
  const result = await runReference(scenarioOf('ref-request-at-owner', STANDARD_RING, [{ request: '2067', at: 19 }]));
  t.deepEqual(blemishes(result), [], explain(result));
  // The spec leaves this case open: the runner asks only that the owner says the file is here.
  t.deepEqual(result.findings.map((f) => f.item), ['request-transfer']);
  const printed = printedSentences(result);
  for (const id of STANDARD_RING.filter((id) => id !== 19)) t.deepEqual(printed.get(id), [], `peer ${id} prints nothing`);
  const lines = printed.get(19) ?? [];
  const say = (id: MessageId, slots: Slots = {}) => formatMessage(id, slots);
  t.is(lines[0], say('file-stored-here', { file: '2067' }), 'the owner first says the file is stored here');
  // The rest is the owner sending to itself (two streams whose interleaving is free); the run ends
  // once the owner has said the file is here, so only a prefix of each stream may be seen.
  const sending = [say('sending-file', { file: '2067', to: 19 }), say('file-sent')];
  const receiving = [say('peer-had-file', { owner: 19, file: '2067' }), say('receiving-file', { file: '2067', owner: 19 }), say('file-received', { file: '2067' })];
  const isPrefix = (seen: string[], of: string[]) => seen.every((line, i) => line === of[i]);
  t.true(isPrefix(lines.slice(1).filter((l) => sending.includes(l)), sending));
  t.true(isPrefix(lines.slice(1).filter((l) => receiving.includes(l)), receiving));
  t.deepEqual(lines.slice(1).filter((l) => !sending.includes(l) && !receiving.includes(l)), [], 'nothing else');
});

test('Quit of 19, then kill of 2: departures across the wrap', async (t) => {
  const result = await passesStrictly(t, 'ref-wrap-quit-kill', [{ quit: 19 }, { kill: 2 }], ['quit', 'kill']);
  t.deepEqual(exitOf(result, 19), { code: 0, signal: 0 }, 'the departing peer exits with status 0');
  checkDetection(t, result);
});

test('kill of 19, then Quit of 2: departures across the wrap', async (t) => {
  const result = await passesStrictly(t, 'ref-wrap-kill-quit', [{ kill: 19 }, { quit: 2 }], ['kill', 'quit']);
  t.deepEqual(exitOf(result, 2), { code: 0, signal: 0 }, 'the departing peer exits with status 0');
  checkDetection(t, result);
});

// A peer that quits or is killed may join again with its own ID: the new process's lines are its
// own (its transcript numbers on from the old one's), and nothing the old one printed counts.
test('Quit of 14, then join 14 again, then kill of 14: one ID, two processes, each judged on its own lines', async (t) => {
  await passesStrictly(t, 'ref-rejoin', [{ quit: 14 }, { join: 14, known: 19 }, { kill: 14 }], ['quit', 'join', 'kill']);
});

test('a 5 MiB file arrives byte for byte', async (t) => {
  // request-content passes only when received_2067.pdf equals 19's 2067.pdf byte for byte.
  await passesStrictly(t, 'ref-large-file', [{ request: '2067', at: 4, bytes: 5 * 1024 * 1024 }], ['request-forwarding', 'request-transfer', 'request-content']);
});

test('Request of a file absent at its owner: a clear line at both ends, and the ring keeps serving', async (t) => {
  await withSettledRing(STANDARD_RING, async ({ ring }) => {
    const line = (id: MessageId, slots: Slots = {}) => ({ id, slots });
    // 3333 mod 256 = 5: owner 5, reached 2 → 4 → 5; nobody has 3333.pdf.
    let seqs = seqsNow(ring);
    ring.peer(2).type('Request 3333');
    const missing = new Map([
      [2, [line('request-sent', { file: '3333' }), line('file-missing-at-requester', { owner: 5, file: '3333' })]],
      [4, [line('request-not-here', { file: '3333' })]],
      [5, [line('file-missing-at-owner', { file: '3333', to: 2 })]],
    ]);
    t.deepEqual(await waitForAll(ring, missing, seqs), [], 'both ends said the file is missing');
    t.deepEqual(readdirSync(ring.dirOf(2)), [], 'the requester wrote nothing');

    // The ring keeps serving: a Store, then the same Request once the owner has the file.
    seqs = seqsNow(ring);
    ring.peer(2).type('Store 3333');
    t.deepEqual(await waitForAll(ring, expectStore(STANDARD_RING, 2, '3333'), seqs), [], 'a later Store works');
    const content = randomBytes(4096);
    writeFileSync(join(ring.dirOf(5), '3333.pdf'), content);
    seqs = seqsNow(ring);
    ring.peer(2).type('Request 3333');
    const outcome = await waitForFile(join(ring.dirOf(2), 'received_3333.pdf'), content, { stallMs: TIMING.stallMs });
    t.is(outcome.state, 'identical', 'a later Request of the same name works');
    // Each peer's lines come on its own terminal: wait for all of them before comparing.
    t.deepEqual(await waitForAll(ring, expectRequest(STANDARD_RING, 2, '3333'), seqs), [], 'with every line of step 7');

    // Strictly: nothing but these lines, in this order, at every peer.
    const after = [
      ...missing.get(2)!.map((l) => formatMessage(l.id, l.slots)),
      formatMessage('store-forwarded', { file: '3333' }),
      formatMessage('request-sent', { file: '3333' }),
      formatMessage('peer-had-file', { owner: 5, file: '3333' }),
      formatMessage('receiving-file', { file: '3333', owner: 5 }),
      formatMessage('file-received', { file: '3333' }),
    ];
    const printed = (id: number) => ring.peer(id).transcript.lines().filter((l) => !isPingLine(l)).map((l) => l.text);
    t.deepEqual(printed(2), after);
    t.deepEqual(printed(4), [
      formatMessage('request-not-here', { file: '3333' }),
      formatMessage('store-forwarded', { file: '3333' }),
      formatMessage('request-not-here', { file: '3333' }),
    ]);
    t.deepEqual(printed(5), [
      ...missing.get(5)!.map((l) => formatMessage(l.id, l.slots)),
      formatMessage('store-accepted', { file: '3333' }),
      formatMessage('file-stored-here', { file: '3333' }),
      formatMessage('sending-file', { file: '3333', to: 2 }),
      formatMessage('file-sent'),
    ]);
    for (const id of [8, 9, 14, 19]) t.deepEqual(printed(id), [], `peer ${id} prints nothing`);
  });
});

// Regression: a round's judge and the next round's pings fall due at once; each round must judge
// its own ping, or a successor that dies then is declared dead one unanswered ping early.
test('a successor killed in its predecessor\'s first ping round is declared dead only after P2P_MISSED_PINGS unanswered pings', async (t) => {
  await withRing(async ({ ring }) => {
    // Everyone but 9 first, so that 14 answers 9's very first ping round.
    const others = STANDARD_RING.filter((id) => id !== 9);
    for (const id of others) {
      const [s1, s2] = successorsOf(STANDARD_RING, id);
      await ring.startInit(id, s1, s2);
    }
    const fourteenUp = await ring.peer(14).waitForLine((l) => judgeLine(l.text, { id: 'ping-response', slots: { from: 19 } }) === 'exact', { timeoutMs: TIMING.settleMs });
    t.truthy(fourteenUp, '14 is up and pinging');
    const nine = await ring.startInit(9, 14, 19);
    const isAnswerFrom14 = (l: Line) => judgeLine(l.text, { id: 'ping-response', slots: { from: 14 } }) === 'exact';
    const answered = await nine.waitForLine(isAnswerFrom14, { timeoutMs: TIMING.settleMs });
    if (!answered) return t.fail('14 never answered 9');
    ring.peer(14).signal('SIGKILL');
    const sentBefore = nine.transcript.lines().filter((l) => l.seq < answered.seq && valuesOf(l.text, 'ping-sent').length > 0).length;
    t.is(sentBefore, 1, '14 answered the first round');
    const dead = await nine.waitForLine((l) => valuesOf(l.text, 'no-longer-alive').some(([id]) => id === 14), { fromSeq: answered.seq, timeoutMs: TIMING.actionMs });
    if (!dead) return t.fail('9 never declared 14 dead');
    // Pings 9 sent after 14's last answer and before it declared 14 dead: none of them answered.
    const lines = nine.transcript.lines();
    const lastAnswer = lines.filter(isAnswerFrom14).at(-1)!;
    const between = lines.filter((l) => l.seq > lastAnswer.seq && l.seq < dead.seq);
    const unanswered = between.filter((l) => valuesOf(l.text, 'ping-sent').length > 0).length;
    t.true(
      unanswered >= MISSED_PINGS,
      `peer 9 declared 14 dead after ${unanswered} unanswered ping round(s) (P2P_MISSED_PINGS=${MISSED_PINGS}):\n` +
        lines.filter((l) => l.seq <= dead.seq && !/message received/.test(l.text)).map((l) => `  ${l.at} ms  ${l.text}`).join('\n'),
    );
  });
});
