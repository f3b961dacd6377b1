/**
 * The port check (spec §1, step 1) on literal port tables: the right ports pass; a peer on another
 * base, or pinging over TCP, fails with the ports it did bind; a peer not running is skipped.
 */
import test from 'ava';
import { plainVerdict } from './_verdict.ts';
import type { BoundPorts } from '../driver/ports.ts';
import { checkPorts } from './ports.ts';

type Peer = { id: number; bound: BoundPorts; running: boolean };

const peer = (id: number, udp: number[], tcp: number[], running = true): Peer => ({ id, bound: { udp, tcp }, running });

const cases: { title: string; peers: Peer[]; reasons: string[] }[] = [
  {
    title: 'every peer on base+ID, UDP and TCP: pass',
    peers: [peer(2, [50002], [50002]), peer(4, [50004], [50004]), peer(5, [50005], [50005])],
    reasons: [],
  },
  {
    title: 'extra ports besides base+ID do not matter',
    peers: [peer(2, [41000, 50002], [50002, 50102])],
    reasons: [],
  },
  {
    title: 'another base names the ports it bound',
    peers: [peer(2, [12002], [12002]), peer(4, [50004], [50004])],
    reasons: ['peer 2 did not bind UDP 50002 and TCP 50002 within 10 s (port base 50000, spec §1); its processes bound UDP 12002 and listened on TCP 12002'],
  },
  {
    title: 'UDP missing with TCP present: pings must go over UDP',
    peers: [peer(5, [], [50005])],
    reasons: ['peer 5 did not bind UDP 50005 within 10 s (port base 50000, spec §1); its processes bound UDP none and listened on TCP 50005; it binds no UDP port at all: pings must go over UDP'],
  },
  {
    title: 'UDP on another port with TCP right: no advice about UDP, only the ports',
    peers: [peer(5, [50006], [50005])],
    reasons: ['peer 5 did not bind UDP 50005 within 10 s (port base 50000, spec §1); its processes bound UDP 50006 and listened on TCP 50005'],
  },
  {
    title: 'no TCP listener',
    peers: [peer(8, [50008], [])],
    reasons: ['peer 8 did not bind TCP 50008 within 10 s (port base 50000, spec §1); its processes bound UDP 50008 and listened on TCP none'],
  },
  {
    title: 'nothing bound at all',
    peers: [peer(9, [], [])],
    reasons: ['peer 9 did not bind UDP 50009 and TCP 50009 within 10 s (port base 50000, spec §1); its processes bound UDP none and listened on TCP none'],
  },
  {
    title: 'a peer not running is skipped (its crash is judged elsewhere)',
    peers: [peer(2, [50002], [50002]), peer(4, [], [], false)],
    reasons: [],
  },
];

for (const { title, peers, reasons } of cases) {
  test(`checkPorts: ${title}`, (t) => {
    t.deepEqual(plainVerdict(checkPorts(peers, 50_000, 10_000)), { status: reasons.length ? 'fail' : 'pass', reasons, warnings: [] });
  });
}

test('checkPorts: the base and the wait are the ones given', (t) => {
  const verdict = checkPorts([peer(19, [], [])], 12_000, 2_500);
  t.deepEqual(verdict.reasons, ['peer 19 did not bind UDP 12019 and TCP 12019 within 2.5 s (port base 12000, spec §1); its processes bound UDP none and listened on TCP none']);
});
