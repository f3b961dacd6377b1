import test from 'ava';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningRing } from './ring.ts';

const dir = mkdtempSync(join(tmpdir(), 'conform-ring-test-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

test('startAll prepares every peer first, then spawns them one after the other, in ID order', async (t) => {
  const workdir = mkdtempSync(join(dir, 'ring-'));
  // Each peer says it is up, as a peer's first line would.
  const ring = new RunningRing({ program: ['sh', '-c', 'echo "up $2"; exec sleep 30', 'peer'], interval: '1', workdir });
  t.teardown(() => ring.stopAll(0));
  const ids = [2, 4, 5, 8, 9];
  const peers = await ring.startAll(ids);
  t.deepEqual(peers.map((p) => p.id), ids);
  for (const id of ids) t.true(statSync(join(workdir, `peer-${id}.stderr`)).isFIFO(), `peer ${id}'s stderr FIFO`);
  const starts = peers.map((p) => p.startedAt);
  t.deepEqual(starts, [...starts].sort((a, b) => a - b), 'started in ID order');
  const lines = await Promise.all(peers.map((p) => p.waitForLine((l) => l.text.startsWith('up'), { timeoutMs: 20_000 })));
  t.true(lines.every(Boolean), 'every peer printed its first line');
  for (const peer of peers) t.true(peer.firstLineAt !== undefined && peer.firstLineAt >= peer.startedAt, `peer ${peer.id}`);
  t.is(ring.startSpread(), Math.max(...starts) - Math.min(...starts));
  // Nothing but the forks themselves and a turn of the event loop between two: generous for a
  // loaded machine, where one fork takes up to a few hundred ms.
  t.true(ring.startSpread() < 10_000, `spread ${ring.startSpread()} ms`);
});

test('a peer that joins after the ring started is prepared and started alone', async (t) => {
  const workdir = mkdtempSync(join(dir, 'join-'));
  const ring = new RunningRing({ program: ['sh', '-c', 'echo "up $2"; exec sleep 30', 'peer'], interval: '1', workdir });
  t.teardown(() => ring.stopAll(0));
  await ring.startAll([2, 4, 5]);
  const joiner = await ring.startJoin(15, 4);
  t.truthy(await joiner.waitForLine((l) => l.text === 'up 15', { timeoutMs: 20_000 }));
  t.true(joiner.startedAt >= Math.max(...[2, 4, 5].map((id) => ring.peer(id).startedAt)));
  t.is(ring.history.length, 4);
});
