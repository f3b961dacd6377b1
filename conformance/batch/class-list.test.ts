/** The class folder's submissions and the shard rule. */
import test from 'ava';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inShard, listClass, parseShard, shardOf } from './class-list.ts';

test('folders and archives are submissions; hidden entries and other files are not', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'conform-class-list-'));
  try {
    for (const d of ['bob', '.git']) mkdirSync(join(dir, d));
    for (const f of ['alice.zip', 'carol.tar.gz', 'notes.txt']) writeFileSync(join(dir, f), '');
    const { entries, skipped } = listClass(dir);
    t.deepEqual(entries.map((e) => [e.name, e.kind]), [['alice', 'archive'], ['bob', 'folder'], ['carol', 'archive']]);
    t.deepEqual(skipped, ['notes.txt']);
    writeFileSync(join(dir, 'bob.tgz'), '');
    t.throws(() => listClass(dir), { message: /two submissions are named "bob"/ });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--shard i/n', (t) => {
  t.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
  t.is(parseShard(undefined), undefined);
  for (const bad of ['3/3', '-1/3', '1/0', 'a/b', '1']) t.throws(() => parseShard(bad), { message: /--shard takes i\/n/ }, bad);
});

test('shards split a class whole, the same whatever order it is listed in', (t) => {
  const names = Array.from({ length: 60 }, (_, i) => ({ name: `student-${i}`, path: '', kind: 'folder' as const }));
  const slices = [0, 1, 2].map((index) => inShard(names, { index, count: 3 }).map((e) => e.name));
  t.is(slices.flat().length, 60);
  t.is(new Set(slices.flat()).size, 60);
  t.true(slices.every((s) => s.length > 5), 'no shard is nearly empty');
  const reversed = [0, 1, 2].map((index) => inShard([...names].reverse(), { index, count: 3 }).map((e) => e.name).sort());
  t.deepEqual(reversed, slices.map((s) => [...s].sort()));
  t.is(shardOf('alice', 1), 0);
});
