/**
 * `npm run bench:ring`: a ring of every ID (0..255) of reference peers in one namespace. Starts
 * the peers one after another (`init` with the next two IDs), waits until the ring is settled,
 * then sends a Store and a Request that each travel the whole ring, and prints how long each took
 * and the memory per peer. Targets: settled within 10 s of the last start at interval 1 s, and at
 * most 60 MB RSS per peer process.
 *
 *   --interval S   PING_INTERVAL in seconds (default 1)
 *   --peers N      ring of IDs 0..N-1 (default 256; smaller for a quick look)
 */
import { randomBytes } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { numberFlag, parseFlags } from '../../conformance/cli/args.ts';
import { PEER_BIN } from '../../conformance/cli/peer-command.ts';
import type { PeerProcess } from '../../conformance/driver/peer-process.ts';
import { processTree } from '../../conformance/driver/ports.ts';
import { rssKbOf } from '../../conformance/driver/alive.ts';
import { RingSession } from '../../conformance/driver/ring-session.ts';
import type { RunningRing } from '../../conformance/driver/ring.ts';
import { expectRequest, expectStore, type Expectations } from '../../conformance/protocol/expect.ts';
import { judgeLine, valuesOf, type ExpectedLine } from '../../conformance/protocol/matcher.ts';
import { makeRing, successorsOf, type Ring } from '../../conformance/protocol/ring.ts';
import type { Mark } from '../../conformance/history/history.ts';

const { values } = parseFlags(process.argv.slice(2), { interval: { type: 'string' }, peers: { type: 'string' } }, 'bench:ring');
const intervalText = values.interval ?? '1';
const intervalS = numberFlag('interval', intervalText, 1, 0.1, 60);
const count = numberFlag('peers', values.peers, 256, 4, 256, true);
const ids: Ring = makeRing(Array.from({ length: count }, (_, i) => i));

const TARGET_SETTLE_MS = 10_000;
const TARGET_RSS_MB = 60;
// Generous: the point is to measure, not to give up early.
const SETTLE_DEADLINE_MS = 120_000 + 10 * intervalS * 1000;
const START_DEADLINE_MS = 30_000;
const ACTION_DEADLINE_MS = 60_000;
// Store 0256 and Request 0512 have key 0: owned by peer 0, typed at peer 1 they pass every peer.
const AT = ids[1];
const STORE = '0256';
const REQUEST = '0512';

const abort = new AbortController();
let session: RingSession | undefined;
let ring: RunningRing | undefined;

let cleaning: Promise<unknown> | undefined;
function cleanup(): Promise<unknown> {
  cleaning ??= session?.close() ?? Promise.resolve();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`\n${signal}: stopping every peer`);
    abort.abort();
    void cleanup().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

const ms = (n: number) => `${(n / 1000).toFixed(2)} s`;
const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;

/** The node process of a peer: nsenter runs the program, and bin/p2p execs node. */
async function nodeProcessOf(peer: PeerProcess): Promise<number | undefined> {
  return (await processTree(peer.pid)).find((pid) => {
    try {
      return /\/node$/.test(readlinkSync(`/proc/${pid}/exe`));
    } catch {
      return false;
    }
  });
}

/** Waits for every peer's rows since `from`; the peers that missed some. */
async function waitAll(expectations: Expectations, from: Mark): Promise<number[]> {
  await session!.waitForRows(expectations, from, ACTION_DEADLINE_MS);
  const lines = session!.linesSince(from);
  const printed = (id: number, row: ExpectedLine) => (lines.get(id) ?? []).some((l) => ['exact', 'meaning'].includes(judgeLine(l.text, row)));
  return [...expectations].filter(([id, rows]) => !rows.every((row) => printed(id, row))).map(([id]) => id);
}

function deathsReported(): number {
  return ring!.history.reduce((sum, peer) => sum + peer.transcript.lines().filter((l) => valuesOf(l.text, 'no-longer-alive').length > 0).length, 0);
}

function stderrOf(ids: readonly number[]): string {
  return ids.slice(0, 5).map((id) => `  peer ${id}: ${ring!.peer(id).stderrTail().slice(-3).join(' | ') || '(no stderr)'}`).join('\n');
}

async function main(): Promise<number> {
  // A scenario's cgroup caps one ring of a few peers (cgroup.ts); 256 Node processes need more.
  session = await RingSession.open({
    program: [PEER_BIN],
    interval: intervalText,
    portBase: 12000,
    isolate: true,
    signal: abort.signal,
    cgroup: { tasks: 64 * 1024, memoryBytes: 20 * 1024 ** 3 },
  });
  ring = session.ring;
  console.log(`bench:ring: ${ids.length} reference peers (IDs ${ids[0]}..${ids[ids.length - 1]}) at ping interval ${intervalText} s`);

  const firstStart = performance.now();
  for (const id of ids) {
    const [s1, s2] = successorsOf(ids, id);
    await ring.startInit(id, s1, s2);
    // One after another: the next starts once this one holds its ports.
    const ports = await session.waitForPorts(id, 12000 + id, START_DEADLINE_MS);
    if (abort.signal.aborted) return 130;
    if (!ports.udp.includes(12000 + id) || !ports.tcp.includes(12000 + id)) {
      console.error(`peer ${id} did not bind UDP and TCP ${12000 + id} within ${START_DEADLINE_MS / 1000} s\n${stderrOf([id])}`);
      return 1;
    }
    if ((id + 1) % 32 === 0) console.log(`  ${id + 1} started, ${ms(performance.now() - firstStart)}`);
  }
  const lastStart = performance.now();
  const fromLastStart = session.mark();
  console.log(`all ${ids.length} started in ${ms(lastStart - firstStart)}`);

  // Settled: every peer has had a ping response from both successors since the last start.
  const missing = await session.waitSettled(ids, SETTLE_DEADLINE_MS, fromLastStart);
  const settledMs = performance.now() - lastStart;
  if (abort.signal.aborted) return 130;
  if (missing.length > 0) {
    console.error(`the ring did not settle within ${ms(SETTLE_DEADLINE_MS)}: ${missing.length} peers lack responses, e.g. ${missing.slice(0, 5).map(([id, s]) => `${id} from ${s.join(',')}`).join('; ')}\n${stderrOf(missing.map(([id]) => id))}`);
    return 1;
  }
  console.log(`settled ${ms(settledMs)} after the last start`);

  // A Store that passes every peer: typed at 1, key 0, owner 0.
  let seqs = session.mark();
  const storeStart = performance.now();
  session.type(AT, `Store ${STORE}`);
  const storeMissed = await waitAll(expectStore(ids, AT, STORE), seqs);
  const storeMs = performance.now() - storeStart;
  if (storeMissed.length) console.error(`Store ${STORE}: ${storeMissed.length} peers missed their line, e.g. ${storeMissed.slice(0, 10).join(', ')}`);
  else console.log(`Store ${STORE} at ${AT}: ${ids.length - 1} hops to owner ${ids[0]} in ${ms(storeMs)}`);

  // A Request that passes every peer, and the file straight back.
  const content = randomBytes(64 * 1024);
  session.writeFile(ids[0], `${REQUEST}.pdf`, content);
  seqs = session.mark();
  const requestStart = performance.now();
  session.type(AT, `Request ${REQUEST}`);
  const requestMissed = await waitAll(expectRequest(ids, AT, REQUEST), seqs);
  const file = await session.waitForFile(AT, `received_${REQUEST}.pdf`, content, 10_000);
  const requestMs = performance.now() - requestStart;
  if (requestMissed.length) console.error(`Request ${REQUEST}: ${requestMissed.length} peers missed their line, e.g. ${requestMissed.slice(0, 10).join(', ')}`);
  if (file.state !== 'identical') console.error(`Request ${REQUEST}: received_${REQUEST}.pdf is ${file.state}`);
  if (!requestMissed.length && file.state === 'identical') {
    console.log(`Request ${REQUEST} at ${AT}: ${ids.length - 1} hops to owner ${ids[0]} and ${content.length} bytes back in ${ms(requestMs)}`);
  }

  const rss = (await Promise.all(ids.map((id) => nodeProcessOf(ring!.peer(id)))))
    .map((pid) => (pid === undefined ? undefined : rssKbOf(pid)))
    .filter((kb): kb is number => kb !== undefined)
    .sort((a, b) => a - b);
  const median = rss.length % 2 ? rss[(rss.length - 1) / 2] : (rss[rss.length / 2 - 1] + rss[rss.length / 2]) / 2;
  const peak = rss[rss.length - 1];
  const deaths = deathsReported();
  const running = ids.filter((id) => ring!.peer(id).isRunning).length;

  const ok = (good: boolean) => (good ? 'ok' : 'MISSED');
  console.log('');
  console.log(`peers running          ${running} of ${ids.length}`);
  console.log(`start, first to last   ${ms(lastStart - firstStart)}`);
  console.log(`settled after last     ${ms(settledMs)}   target <= ${ms(TARGET_SETTLE_MS)}: ${ok(settledMs <= TARGET_SETTLE_MS)}`);
  console.log(`Store round the ring   ${storeMissed.length ? 'FAILED' : ms(storeMs)}`);
  console.log(`Request round the ring ${requestMissed.length || file.state !== 'identical' ? 'FAILED' : ms(requestMs)}`);
  console.log(`RSS per peer process   median ${mb(median)}, peak ${mb(peak)} (${rss.length} measured)   target <= ${TARGET_RSS_MB} MB: ${ok(peak <= TARGET_RSS_MB * 1024)}`);
  console.log(`deaths reported        ${deaths} (a live ring reports none)`);
  const good = settledMs <= TARGET_SETTLE_MS && peak <= TARGET_RSS_MB * 1024 && !storeMissed.length && !requestMissed.length && file.state === 'identical' && deaths === 0 && running === ids.length;
  return good ? 0 : 1;
}

let status = 1;
try {
  status = await main();
} catch (error) {
  console.error(`bench:ring failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
} finally {
  await cleanup();
}
process.exit(status);
