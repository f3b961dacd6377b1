import test from 'ava';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PeerProcess } from './peer-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'conform-peer-process-test-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

function start(name: string, script: string): Promise<PeerProcess> {
  const start = performance.now();
  return PeerProcess.start({
    id: 1,
    command: ['sh', '-c', script],
    cwd: dir,
    stderrPath: join(dir, `${name}.stderr`),
    clock: () => Math.round(performance.now() - start),
  });
}

function blockFor(ms: number): void {
  blockWhile(() => true, ms);
}

function blockWhile(condition: () => boolean, maxMs: number): void {
  const until = performance.now() + maxMs;
  while (performance.now() < until && condition()) {}
}

test('a line printed in time is found even when the event loop was held up past the deadline', async (t) => {
  const printed = join(dir, 'late.printed');
  const peer = await start('late', `sleep 0.1; echo "Ping requests sent to Peers 4 and 5"; touch ${printed}; sleep 30`);
  t.teardown(() => peer.stop(0));
  const waiting = peer.waitForLine((l) => l.text.includes('Ping requests sent'), { timeoutMs: 300 });
  // Held up like a loaded machine: the deadline passes while the line sits unread on the terminal.
  blockFor(500);
  blockWhile(() => !existsSync(printed), 30_000);
  t.truthy(await waiting, 'the line was on the terminal before the deadline was looked at');
});

test('the last lines of a peer that exits are read before its wait ends', async (t) => {
  const peer = await start('exits', 'echo one; echo "File 4103 received"; exit 3');
  const line = await peer.waitForLine((l) => l.text === 'File 4103 received', { timeoutMs: 10_000 });
  t.is(line?.text, 'File 4103 received');
  t.is((await peer.exited).code, 3);
});

test('a wait for a line that never comes ends at its deadline', async (t) => {
  const peer = await start('never', 'echo something else; sleep 30');
  t.teardown(() => peer.stop(0));
  // The event loop's clock counts whole milliseconds, so a bare timer can end a wait up to a
  // millisecond early by the real clock: every one of several waits must last its whole time.
  const short: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const started = performance.now();
    t.is(await peer.waitForLine((l) => l.text === 'never printed', { timeoutMs: 30 }), undefined);
    const waited = performance.now() - started;
    if (waited < 30) short.push(waited);
  }
  t.deepEqual(short, [], 'waits that ended before their deadline');
});

test('a peer records when it was started and when it printed its first line', async (t) => {
  const peer = await start('times', 'sleep 0.2; echo first; echo second; sleep 30');
  t.teardown(() => peer.stop(0));
  t.true(Number.isFinite(peer.startedAt) && peer.startedAt >= 0, `startedAt ${peer.startedAt}`);
  t.is(peer.firstLineAt, undefined, 'no line yet');
  const second = await peer.waitForLine((l) => l.text === 'second', { timeoutMs: 10_000 });
  if (!second) return t.fail('the peer printed nothing');
  const first = peer.transcript.lines()[0];
  t.is(first.text, 'first');
  t.is(peer.firstLineAt, first.at, 'the time of the first line, not of a later one');
  t.true(first.at >= peer.startedAt);
});
