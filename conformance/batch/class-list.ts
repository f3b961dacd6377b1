/**
 * The submissions of a class folder and a shard's slice of them. Each subdirectory or archive is
 * one submission, named by its folder or its file without the extension; hidden entries and other
 * files are not submissions.
 *
 * Shard rule: a submission belongs to shard `sha256(name) mod n` (the first 4 bytes of the hash,
 * big-endian). It depends on the name alone, so it is the same whatever order the folder lists
 * in, on every machine, and a submission added later does not move the others between shards.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { usageError } from '../errors.ts';
import { archiveExtension } from './unpack.ts';

export type ClassEntry = { readonly name: string; readonly path: string; readonly kind: 'folder' | 'archive' };

export type Shard = { readonly index: number; readonly count: number };

export function listClass(dir: string): { entries: ClassEntry[]; skipped: string[] } {
  const entries: ClassEntry[] = [];
  const skipped: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw usageError(`batch: ${dir} is not a readable directory: give the folder holding the class's submissions`);
  }
  for (const file of names.sort()) {
    if (file.startsWith('.')) continue;
    const path = join(dir, file);
    const stats = statSync(path, { throwIfNoEntry: false });
    const ext = archiveExtension(file);
    if (stats?.isDirectory()) entries.push({ name: file, path, kind: 'folder' });
    else if (stats?.isFile() && ext && file.length > ext.length) entries.push({ name: file.slice(0, -ext.length), path, kind: 'archive' });
    else skipped.push(file);
  }
  const seen = new Map<string, string>();
  for (const e of entries) {
    const other = seen.get(e.name);
    if (other) throw usageError(`batch: two submissions are named "${e.name}" (${other} and ${e.path}): rename one`);
    seen.set(e.name, e.path);
  }
  return { entries, skipped };
}

/** `--shard i/n` (i from 0, like JOB_COMPLETION_INDEX), or a usage error. */
export function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || count > 10_000 || index >= count) {
    throw usageError(`--shard takes i/n with 0 <= i < n (e.g. 0/3, i as in JOB_COMPLETION_INDEX), not "${value}"`);
  }
  return { index, count };
}

export function shardOf(name: string, count: number): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0) % count;
}

export function inShard(entries: readonly ClassEntry[], shard: Shard | undefined): ClassEntry[] {
  return shard ? entries.filter((e) => shardOf(e.name, shard.count) === shard.index) : [...entries];
}
