/**
 * The seven steps (spec §3) on the standard ring (§2), run by the project's runner against the
 * reference peer. Every finding passes without a wording warning, and each peer prints exactly the
 * lines the ring model expects, in order, and nothing else but ping lines.
 */
import test from 'ava';
import { boundPorts } from '../../conformance/driver/ports.ts';
import { formatMessage } from '../../conformance/protocol/catalogue.ts';
import { predecessorsOf, STANDARD_RING, successorsOf } from '../../conformance/protocol/ring.ts';
import { waitForPorts } from '../../conformance/driver/waits.ts';
import { withSettledRing } from './_hand.ts';
import { blemishes, checkDetection, explain, passesStrictly, printedSentences, runReference, scenarioOf } from './_ring.ts';

test('step 2: every peer prints exactly its own ping sentences, all three kinds', async (t) => {
  const result = await runReference(scenarioOf('ref-pings', STANDARD_RING, [], { pings: true }));
  t.deepEqual(blemishes(result), [], explain(result));
  t.deepEqual(result.findings.map((f) => f.item), ['start', 'ports', 'ping-requests', 'ping-responses', 'ping-rate']);
  for (const id of STANDARD_RING) {
    const [s1, s2] = successorsOf(STANDARD_RING, id);
    const [p1, p2] = predecessorsOf(STANDARD_RING, id);
    const allowed = [
      formatMessage('ping-sent', { s1, s2 }),
      formatMessage('ping-received', { from: p1 }),
      formatMessage('ping-received', { from: p2 }),
      formatMessage('ping-response', { from: s1 }),
      formatMessage('ping-response', { from: s2 }),
    ];
    const lines = result.transcripts.filter((tr) => tr.peer === id).flatMap((tr) => tr.lines);
    t.deepEqual(lines.filter((l) => !allowed.includes(l.text)).map((l) => l.text), [], `peer ${id} printed only its exact ping sentences`);
    for (const sentence of allowed) t.true(lines.some((l) => l.text === sentence), `peer ${id} printed '${sentence}'`);
  }
});

test('step 1: each peer\'s own process holds UDP and TCP 12000+ID, and nothing else', async (t) => {
  await withSettledRing(STANDARD_RING, async ({ ring, session }) => {
    for (const id of STANDARD_RING) {
      const peer = ring.peer(id);
      const port = 12000 + id;
      await waitForPorts(peer, port, { netPid: session.netPid, timeoutMs: 5000 });
      t.deepEqual(await boundPorts(peer.pid, session.netPid!), { udp: [port], tcp: [port] }, `peer ${id}'s process tree`);
    }
  });
});

test('step 3: join 15 4', async (t) => {
  await passesStrictly(t, 'ref-join', [{ join: 15, known: 4 }], ['join']);
});

test('step 4: Quit at 9, the process exits 0, then Store 2067 at 8 on the ring without 9 goes to 19', async (t) => {
  const result = await passesStrictly(t, 'ref-quit', [{ quit: 9 }, { store: '2067', at: 8 }], ['quit', 'store']);
  const nine = result.transcripts.find((tr) => tr.peer === 9);
  t.deepEqual(nine?.exit && { code: nine.exit.code, signal: nine.exit.signal }, { code: 0, signal: 0 }, 'the departing peer exits with status 0');
  t.deepEqual(printedSentences(result).get(9), [], 'the departing peer itself prints nothing');
});

test('step 5: kill of 14 is detected by 9 and 8 within a few intervals', async (t) => {
  checkDetection(t, await passesStrictly(t, 'ref-kill', [{ kill: 14 }], ['kill']));
});

test('step 6: Store 2067 at 8 on the full ring goes 8 → 9 → 14 → 19', async (t) => {
  await passesStrictly(t, 'ref-store', [{ store: '2067', at: 8 }], ['store']);
});

test('step 7: Request 4103 at 2 with no earlier Store: owner 8 sends an identical file', async (t) => {
  // request-content passes only when received_4103.pdf at 2 equals 8's 4103.pdf byte for byte.
  await passesStrictly(t, 'ref-request', [{ request: '4103', at: 2 }], ['request-forwarding', 'request-transfer', 'request-content']);
});
