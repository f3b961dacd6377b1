/**
 * The reference peer's wire format. It is this implementation's own (spec §1: peers of different
 * implementations never talk to each other); everything inbound is validated here.
 *
 * UDP, port base+ID: one JSON object per datagram, at most 512 bytes.
 *   {"t":"ping","from":9,"rank":1,"seq":12}   rank 1: the receiver is the sender's first successor,
 *                                             rank 2: its second (the receiver learns predecessors)
 *   {"t":"pong","from":14,"seq":12}           the answer, echoing seq
 *
 * TCP, port base+ID: one message per connection. A header line of JSON ended by "\n", at most
 * 4096 bytes. A reply, where there is one, comes back on the same connection as one header line.
 *   {"t":"join","peer":15,"hops":0}                       join request, passed along first successors
 *   {"t":"join-accept","from":14,"s1":19,"s2":2}          acceptor → new peer: your successors
 *   {"t":"successor-change","from":14,"s1":14,"s2":15}    acceptor → its first predecessor
 *   {"t":"depart","peer":14,"s1":19,"s2":2}               quitting peer → each predecessor;
 *     reply {"t":"depart-ack","from":9}
 *   {"t":"successors-query","from":8}                     asked when repairing after a death;
 *     reply {"t":"successors","from":9,"s1":19,"s2":2}
 *   {"t":"store","file":"2067","from":8,"hops":0,"toOwner":false}
 *   {"t":"request","file":"4103","requester":2,"hops":0,"toOwner":false}
 *     toOwner: the sender knows the receiver owns the key (it lies between sender and receiver),
 *     so the receiver accepts without knowing its own predecessor
 *   {"t":"file","file":"4103","owner":8,"size":1234}      followed by exactly `size` raw bytes
 *   {"t":"file-missing","file":"4103","owner":8}          the owner has no 4103.pdf
 *
 * IDs are integers 0..255, files are exactly four digits, counts are non-negative safe integers.
 * Unknown types, missing or extra fields and values out of range are rejected.
 */
export const MAX_DATAGRAM = 512;
export const MAX_HEADER = 4096;

type Id = number;

export type Ping = { t: 'ping'; from: Id; rank: 1 | 2; seq: number };
export type Pong = { t: 'pong'; from: Id; seq: number };
export type UdpMessage = Ping | Pong;

export type Join = { t: 'join'; peer: Id; hops: number };
export type JoinAccept = { t: 'join-accept'; from: Id; s1: Id; s2: Id };
export type SuccessorChange = { t: 'successor-change'; from: Id; s1: Id; s2: Id };
export type Depart = { t: 'depart'; peer: Id; s1: Id; s2: Id };
export type DepartAck = { t: 'depart-ack'; from: Id };
export type SuccessorsQuery = { t: 'successors-query'; from: Id };
export type SuccessorsReply = { t: 'successors'; from: Id; s1: Id; s2: Id };
export type Store = { t: 'store'; file: string; from: Id; hops: number; toOwner: boolean };
export type FileRequest = { t: 'request'; file: string; requester: Id; hops: number; toOwner: boolean };
export type FileHeader = { t: 'file'; file: string; owner: Id; size: number };
export type FileMissing = { t: 'file-missing'; file: string; owner: Id };
export type TcpMessage =
  | Join | JoinAccept | SuccessorChange | Depart | DepartAck | SuccessorsQuery | SuccessorsReply
  | Store | FileRequest | FileHeader | FileMissing;

type Kind = 'id' | 'rank' | 'count' | 'file' | 'flag';

const udpSchemas: Record<UdpMessage['t'], Record<string, Kind>> = {
  ping: { from: 'id', rank: 'rank', seq: 'count' },
  pong: { from: 'id', seq: 'count' },
};

const tcpSchemas: Record<TcpMessage['t'], Record<string, Kind>> = {
  join: { peer: 'id', hops: 'count' },
  'join-accept': { from: 'id', s1: 'id', s2: 'id' },
  'successor-change': { from: 'id', s1: 'id', s2: 'id' },
  depart: { peer: 'id', s1: 'id', s2: 'id' },
  'depart-ack': { from: 'id' },
  'successors-query': { from: 'id' },
  successors: { from: 'id', s1: 'id', s2: 'id' },
  store: { file: 'file', from: 'id', hops: 'count', toOwner: 'flag' },
  request: { file: 'file', requester: 'id', hops: 'count', toOwner: 'flag' },
  file: { file: 'file', owner: 'id', size: 'count' },
  'file-missing': { file: 'file', owner: 'id' },
};

/** A decoded message, or why the bytes were rejected. */
export type Decoded<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly problem: string };

function fits(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'id': return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 255;
    case 'rank': return value === 1 || value === 2;
    case 'count': return Number.isSafeInteger(value) && (value as number) >= 0;
    case 'file': return typeof value === 'string' && /^\d{4}$/.test(value);
    case 'flag': return typeof value === 'boolean';
  }
}

function preview(text: string): string {
  const flat = text.replace(/[^\x20-\x7e]/g, '?');
  return flat.length > 60 ? `${flat.slice(0, 60)}…` : flat;
}

function decode<T>(text: string, schemas: Record<string, Record<string, Kind>>): Decoded<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: `not JSON: '${preview(text)}'` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: `not a JSON object: '${preview(text)}'` };
  }
  const record = value as Record<string, unknown>;
  const type = record.t;
  if (typeof type !== 'string' || !Object.hasOwn(schemas, type)) {
    return { ok: false, problem: `unknown message type ${preview(JSON.stringify(type) ?? 'undefined')}` };
  }
  const schema = schemas[type];
  for (const key of Object.keys(record)) {
    if (key !== 't' && !Object.hasOwn(schema, key)) return { ok: false, problem: `${type}: unexpected field '${preview(key)}'` };
  }
  for (const [key, kind] of Object.entries(schema)) {
    if (!fits(kind, record[key])) {
      return { ok: false, problem: `${type}: field '${key}' is not a valid ${kind}: ${preview(JSON.stringify(record[key]) ?? 'missing')}` };
    }
  }
  return { ok: true, message: record as T };
}

export function encodeUdp(message: UdpMessage): Buffer {
  return Buffer.from(JSON.stringify(message));
}

export function decodeUdp(bytes: Buffer): Decoded<UdpMessage> {
  if (bytes.length > MAX_DATAGRAM) return { ok: false, problem: `datagram of ${bytes.length} bytes exceeds ${MAX_DATAGRAM}` };
  return decode<UdpMessage>(bytes.toString('utf8'), udpSchemas);
}

/** A TCP header line, newline included. */
export function encodeTcp(message: TcpMessage): string {
  return JSON.stringify(message) + '\n';
}

/** Decodes a header line (without its newline). */
export function decodeTcp(line: string): Decoded<TcpMessage> {
  return decode<TcpMessage>(line.replace(/\r$/, ''), tcpSchemas);
}
