/** The wire format: what goes out comes back, and anything malformed is refused with a reason. */
import test from 'ava';
import { decodeTcp, decodeUdp, encodeTcp, encodeUdp, type TcpMessage, type UdpMessage } from './wire.ts';

const udp: UdpMessage[] = [
  { t: 'ping', from: 9, rank: 1, seq: 12 },
  { t: 'pong', from: 14, seq: 0 },
];
const tcp: TcpMessage[] = [
  { t: 'join', peer: 15, hops: 0 },
  { t: 'join-accept', from: 14, s1: 19, s2: 2 },
  { t: 'successor-change', from: 14, s1: 14, s2: 15 },
  { t: 'depart', peer: 14, s1: 19, s2: 2 },
  { t: 'depart-ack', from: 9 },
  { t: 'successors-query', from: 8 },
  { t: 'successors', from: 9, s1: 19, s2: 2 },
  { t: 'store', file: '0020', from: 8, hops: 3, toOwner: true },
  { t: 'request', file: '4103', requester: 2, hops: 0, toOwner: false },
  { t: 'file', file: '4103', owner: 8, size: 5_242_880 },
  { t: 'file-missing', file: '4103', owner: 8 },
];

for (const message of udp) {
  test(`udp ${message.t} round-trips`, (t) => t.deepEqual(decodeUdp(encodeUdp(message)), { ok: true, message }));
}
for (const message of tcp) {
  test(`tcp ${message.t} round-trips`, (t) => {
    const line = encodeTcp(message);
    t.true(line.endsWith('\n'));
    t.deepEqual(decodeTcp(line.slice(0, -1)), { ok: true, message });
  });
}

const badUdp: [string, string | Buffer, RegExp][] = [
  ['garbage', 'garbage', /not JSON/],
  ['an array', '[1,2]', /not a JSON object/],
  ['null', 'null', /not a JSON object/],
  ['unknown type', '{"t":"hello","from":1}', /unknown message type/],
  ['ID out of range', '{"t":"ping","from":300,"rank":1,"seq":1}', /'from' is not a valid id/],
  ['fractional ID', '{"t":"ping","from":1.5,"rank":1,"seq":1}', /'from'/],
  ['string ID', '{"t":"ping","from":"1","rank":1,"seq":1}', /'from'/],
  ['rank 3', '{"t":"ping","from":1,"rank":3,"seq":1}', /'rank'/],
  ['negative seq', '{"t":"pong","from":1,"seq":-1}', /'seq'/],
  ['missing field', '{"t":"pong","from":1}', /'seq'/],
  ['extra field', '{"t":"pong","from":1,"seq":1,"x":0}', /unexpected field 'x'/],
  ['prototype key', '{"t":"__proto__"}', /unknown message type/],
  ['oversized', Buffer.alloc(513, 32), /exceeds 512/],
];
for (const [name, bytes, problem] of badUdp) {
  test(`udp refuses ${name}`, (t) => {
    const decoded = decodeUdp(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
    t.false(decoded.ok);
    if (!decoded.ok) t.regex(decoded.problem, problem);
  });
}

const badTcp: [string, string, RegExp][] = [
  ['a five-digit file', '{"t":"store","file":"12345","from":2,"hops":0,"toOwner":false}', /'file'/],
  ['a numeric file', '{"t":"store","file":2067,"from":2,"hops":0,"toOwner":false}', /'file'/],
  ['a non-boolean flag', '{"t":"request","file":"2067","requester":2,"hops":0,"toOwner":1}', /'toOwner'/],
  ['a fractional size', '{"t":"file","file":"2067","owner":2,"size":1.5}', /'size'/],
  ['an unsafe size', '{"t":"file","file":"2067","owner":2,"size":1e300}', /'size'/],
];
for (const [name, line, problem] of badTcp) {
  test(`tcp refuses ${name}`, (t) => {
    const decoded = decodeTcp(line);
    t.false(decoded.ok);
    if (!decoded.ok) t.regex(decoded.problem, problem);
  });
}

test('tcp accepts a header line ended by \\r\\n', (t) => {
  t.true(decodeTcp('{"t":"depart-ack","from":9}\r').ok);
});
