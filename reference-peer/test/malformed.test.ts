/**
 * Malformed input at a live peer (spec §1: everything inbound is validated, wire.ts): each is
 * told on stderr, none reaches stdout, and the peer goes on pinging and serving the ring.
 */
import test from 'ava';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { formatMessage } from '../../conformance/protocol/catalogue.ts';
import { expectStore } from '../../conformance/protocol/expect.ts';
import { valuesOf } from '../../conformance/protocol/matcher.ts';
import { STANDARD_RING } from '../../conformance/protocol/ring.ts';
import { seqsNow, waitForAll, waitForStderr, withSettledRing } from './_hand.ts';
import { deadline, isPingLine, TIMING } from './_ring.ts';

// Runs inside the ring's namespace, so 127.0.0.1:12004 is peer 4. Prints 'attacked' once every
// attack but the silent connection is over; exits when the peer cuts the silent connection.
const ATTACK = String.raw`
const dgram = require('node:dgram');
const net = require('node:net');
const PORT = 12004;
function udp(bytes) {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.send(bytes, PORT, '127.0.0.1', (error) => { socket.close(); error ? reject(error) : resolve(); });
  });
}
// Connects, writes, ends our side unless told not to, resolves when the peer has closed.
function tcp(bytes, options = {}) {
  return new Promise((resolve) => {
    const socket = net.connect(PORT, '127.0.0.1', () => {
      if (bytes) socket.write(bytes, () => undefined);
      if (options.end !== false) socket.end();
    });
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
    socket.on('close', resolve);
  });
}
(async () => {
  await udp(Buffer.from([0xff, 0x00, 0x13, 0x37, 0x7b, 0x22, 0x0a, 0xc3, 0x28]));
  await udp(Buffer.alloc(60 * 1024, 'x'));
  await udp(Buffer.from(JSON.stringify({ t: 'bogus', from: 2 })));
  await udp(Buffer.from(JSON.stringify({ t: 'ping', from: 999, rank: 1, seq: 1 })));
  const silent = tcp(undefined, { end: false });
  await Promise.all([
    tcp(Buffer.from('garbage \u0000\u00ff not json\n')),
    tcp(Buffer.alloc(1024 * 1024, 'a'), { end: false }),
    tcp(Buffer.concat([Buffer.from(JSON.stringify({ t: 'file', file: '1234', owner: 8, size: Number.MAX_SAFE_INTEGER }) + '\n'), Buffer.alloc(64 * 1024, 'b')]), { end: false }),
  ]);
  console.log('attacked');
  await silent;
  console.log('silent connection closed by the peer');
})();
`;

// What peer 4 must say on stderr about each attack (reference-peer/src/wire.ts, tcp.ts, files.ts).
const TOLD: readonly [string, RegExp][] = [
  ['garbage datagram', /dropped datagram from UDP port \d+: not JSON/],
  ['60 KB datagram', /dropped datagram from UDP port \d+: datagram of 61440 bytes exceeds 512/],
  ['unknown type', /dropped datagram from UDP port \d+: unknown message type "bogus"/],
  ['ping from ID 999', /dropped datagram from UDP port \d+: ping: field 'from' is not a valid id: 999/],
  ['TCP garbage', /dropped TCP message: not JSON/],
  ['1 MB line', /dropped TCP connection: header longer than 4096 bytes/],
  ['unasked file of 2^53-1 bytes', /refused file 1234 from peer 8: not requested/],
  ['silent connection', /closed a TCP connection silent for \d+ s/],
];

test('peer 4 tells of malformed datagrams and connections on stderr, and keeps pinging and serving', async (t) => {
  await withSettledRing(STANDARD_RING, async ({ ring, session }) => {
    const four = ring.peer(4);
    const from = seqsNow(ring);
    const attacker = spawn(session.enter[0], [...session.enter.slice(1), process.execPath, '-e', ATTACK], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    attacker.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    attacker.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const ended = once(attacker, 'exit');
    try {
      const attacked = await Promise.race([
        new Promise<boolean>((resolve) => attacker.stdout.on('data', () => output.includes('attacked') && resolve(true))),
        ended.then(() => output.includes('attacked')),
        deadline(20_000).then(() => false),
      ]);
      t.true(attacked, `the attacks ran: ${output}`);

      // Still in the ring: answers pings (a fresh response at peer 2) and serves a Store typed at it.
      const afterAttack = seqsNow(ring);
      const pong = { id: 'ping-response' as const, slots: { from: 4 } };
      t.deepEqual(await waitForAll(ring, new Map([[2, [pong]]]), afterAttack), [], 'peer 2 got a fresh ping response from peer 4');
      four.type('Store 2067');
      t.deepEqual(await waitForAll(ring, expectStore(STANDARD_RING, 4, '2067'), afterAttack), [], 'a Store typed at peer 4 reaches 19');

      for (const [what, pattern] of TOLD) {
        // The silent connection is cut by the peer's idle timer (10 s); the rest are told at once.
        t.truthy(await waitForStderr(four, pattern, 15_000), `peer 4 told of the ${what} on stderr: ${four.stderrTail().slice(-10).join(' | ')}`);
      }
      t.true(await Promise.race([ended.then(() => true), deadline(5000).then(() => false)]), `the attacker ended once the peer cut the silent connection: ${output}`);
      t.true(four.isRunning, 'peer 4 is still running');

      // Nothing of it reached stdout: besides pings, peer 4 printed only the Store's line.
      const lines = four.transcript.linesFrom(from.get(4) ?? 0);
      t.deepEqual(lines.filter((l) => !isPingLine(l)).map((l) => l.text), [formatMessage('store-forwarded', { file: '2067' })]);
      t.false(lines.some((l) => valuesOf(l.text, 'ping-received').some(([from]) => from === 999)), 'no ping from 999 was taken');
      t.deepEqual(await ring.waitSettled(STANDARD_RING, TIMING.settleMs, seqsNow(ring)), new Map(), 'the whole ring still settles');
    } finally {
      attacker.kill('SIGKILL');
    }
  });
});
