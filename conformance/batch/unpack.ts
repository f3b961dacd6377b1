/**
 * Unpacks a submission archive (.zip, .tar, .tar.gz, .tgz) into a fresh directory, refusing what
 * could reach outside it or fill the disk: entries named with `..` or an absolute path, links
 * (a symlink or hard link could point out of the tree), devices, more than `maxEntries` entries or
 * more than `maxBytes` unpacked. A refused or unreadable archive is an `ArchiveError` whose
 * message is the row's reason; nothing it unpacked is left behind.
 */
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import yauzl from 'yauzl';

export const ARCHIVE_EXTENSIONS = ['.tar.gz', '.tgz', '.tar', '.zip'] as const;

export type UnpackLimits = { readonly maxBytes: number; readonly maxEntries: number };

/** 256 MiB and 10 000 entries: far above any submission, far below a full disk. */
export const DEFAULT_UNPACK_LIMITS: UnpackLimits = { maxBytes: 256 * 1024 ** 2, maxEntries: 10_000 };

export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** The archive extension of a file name, or undefined if it is not an archive conform unpacks. */
export function archiveExtension(name: string): string | undefined {
  return ARCHIVE_EXTENSIONS.find((ext) => name.toLowerCase().endsWith(ext));
}

/** An entry's path inside the tree, or a reason it may not be unpacked. */
export function safeEntryPath(name: string): string | { reason: string } {
  const cleaned = name.replace(/\\/g, '/');
  if (cleaned === '' || isAbsolute(cleaned) || /^[A-Za-z]:/.test(cleaned)) return { reason: `entry "${name}" has an absolute path` };
  if (cleaned.split('/').includes('..')) return { reason: `entry "${name}" reaches outside the archive (..)` };
  const path = normalize(cleaned);
  if (path.startsWith('..') || path.split(sep).includes('..')) return { reason: `entry "${name}" reaches outside the archive (..)` };
  return path;
}

/** Unpacks `archive` into `into` (which must exist and be empty). */
export async function unpackArchive(archive: string, into: string, limits: UnpackLimits = DEFAULT_UNPACK_LIMITS): Promise<void> {
  try {
    if (archiveExtension(archive) === '.zip') await unzip(archive, into, limits);
    else await untar(archive, into, limits);
  } catch (error) {
    rmSync(into, { recursive: true, force: true });
    mkdirSync(into, { recursive: true });
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(`the archive cannot be read: ${oneLine(error)}`);
  }
}

const oneLine = (error: unknown) => String((error as Error)?.message ?? error).split('\n')[0];
const tooBig = (limits: UnpackLimits) => new ArchiveError(`the archive unpacks to more than ${Math.round(limits.maxBytes / 1024 ** 2)} MiB: refused`);
const tooMany = (limits: UnpackLimits) => new ArchiveError(`the archive holds more than ${limits.maxEntries} entries: refused`);

/** Counts bytes through a stream and fails it past the cap (an entry lying about its size). */
function byteCap(counter: { bytes: number }, limits: UnpackLimits): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      counter.bytes += chunk.length;
      if (counter.bytes > limits.maxBytes) callback(tooBig(limits));
      else callback(null, chunk);
    },
  });
}

function unzip(archive: string, into: string, limits: UnpackLimits): Promise<void> {
  return new Promise((resolve, reject) => {
    // strictFileNames off: we judge names ourselves, to give the reason in our words.
    yauzl.open(archive, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (openError, zip) => {
      if (openError || !zip) return reject(new ArchiveError(`not a readable zip archive (${oneLine(openError)})`));
      const counter = { bytes: 0 };
      let entries = 0;
      const fail = (error: unknown) => {
        zip.close();
        reject(error);
      };
      if (zip.entryCount > limits.maxEntries) return fail(tooMany(limits));
      // yauzl checks names itself before we see the entry: say what it found in our words.
      zip.on('error', (error: Error) => {
        const name = /^(?:invalid relative path|absolute path): (.*)$/.exec(error.message);
        fail(name ? new ArchiveError(`entry "${name[1]}" reaches outside the archive`) : error);
      });
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        entries++;
        if (entries > limits.maxEntries) return fail(tooMany(limits));
        const path = safeEntryPath(entry.fileName);
        if (typeof path !== 'string') return fail(new ArchiveError(path.reason));
        const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
        if (mode === 0o120000) return fail(new ArchiveError(`entry "${entry.fileName}" is a symbolic link: refused`));
        if (entry.fileName.endsWith('/')) {
          mkdirSync(join(into, path), { recursive: true });
          return zip.readEntry();
        }
        if (counter.bytes + entry.uncompressedSize > limits.maxBytes) return fail(tooBig(limits));
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(new ArchiveError(`entry "${entry.fileName}" cannot be read (${oneLine(streamError)})`));
          const target = join(into, path);
          mkdirSync(dirname(target), { recursive: true });
          // Keep the owner's execute bit (an executable p2p script), nothing more.
          const executable = ((entry.externalFileAttributes >>> 16) & 0o100) !== 0;
          pipeline(stream, byteCap(counter, limits), createWriteStream(target, { mode: executable ? 0o755 : 0o644 })).then(() => zip.readEntry(), fail);
        });
      });
      zip.readEntry();
    });
  });
}

async function untar(archive: string, into: string, limits: UnpackLimits): Promise<void> {
  // First read every header: refuse the archive whole before writing anything.
  let entries = 0;
  let bytes = 0;
  let refused: ArchiveError | undefined;
  await tar.t({
    file: archive,
    strict: true,
    onReadEntry: (entry) => {
      entries++;
      bytes += entry.size ?? 0;
      if (refused) return;
      const path = safeEntryPath(entry.path);
      if (typeof path !== 'string') refused = new ArchiveError(path.reason);
      else if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'Directory' && entry.type !== 'ContiguousFile') {
        refused = new ArchiveError(`entry "${entry.path}" is a ${entry.type === 'SymbolicLink' ? 'symbolic link' : entry.type === 'Link' ? 'hard link' : entry.type}: refused`);
      } else if (entries > limits.maxEntries) refused = tooMany(limits);
      else if (bytes > limits.maxBytes) refused = tooBig(limits);
    },
  });
  if (refused) throw refused;
  if (entries === 0) throw new ArchiveError('the archive is empty or not a tar archive');
  await tar.x({
    file: archive,
    cwd: into,
    strict: true,
    preservePaths: false,
    preserveOwner: false,
    noChmod: false,
    filter: (_path, entry) => 'type' in entry && (entry.type === 'File' || entry.type === 'OldFile' || entry.type === 'Directory' || entry.type === 'ContiguousFile'),
  });
}
