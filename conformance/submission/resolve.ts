/**
 * Turns what the user named (`conform <path>` or `--cmd '<command>'`) into a program to start:
 * finds the submission's language, builds it when it needs building, and says how it is run.
 */
import { accessSync, closeSync, constants, existsSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { ConformError, usageError } from '../errors.ts';
import { displayCommand, findOnPath, isExecutableFile, splitCommand } from './command.ts';
import { compileJava } from './java.ts';
import { buildWithMake } from './make.ts';
import { findPython } from './python.ts';
import { inPlace, type Submission } from './submission.ts';

export type { Submission, SubmissionKind } from './submission.ts';

export type ResolveOptions = {
  /** A file (p2p.py, P2P.java, an executable) or a directory holding one; relative to the cwd. */
  readonly path?: string;
  /** A command line to run as is, e.g. `python3 p2p.py`; wins over `path`. */
  readonly cmd?: string;
  /** Ends a running build (javac, make) and rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Where build directories are made; default the OS temp dir. */
  readonly buildRoot?: string;
};

const unstartable = (message: string, details: readonly string[] = []) => new ConformError('unstartable', message, details);

export async function resolveSubmission(options: ResolveOptions): Promise<Submission> {
  options.signal?.throwIfAborted();
  if (options.cmd !== undefined) return fromCommand(options.cmd);
  if (options.path === undefined || options.path === '') throw usageError('name a submission: a path, or --cmd with how to run it');
  const path = resolve(options.path);
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    throw unstartable(`no submission at ${path}: no such file or directory`);
  }
  return stats.isDirectory() ? fromDirectory(path, options) : fromFile(path, options);
}

function fromCommand(cmd: string): Submission {
  const words = splitCommand(cmd);
  if (words.length === 0) throw usageError('--cmd is empty: give the command that starts one peer, e.g. --cmd "python3 p2p.py"');
  const [first, ...rest] = words;
  let program: string;
  if (first.includes('/')) {
    program = resolve(first);
    if (!existsSync(program)) throw unstartable(`--cmd program ${first} not found: no such file ${program}`);
    if (!isExecutableFile(program)) throw unstartable(`--cmd program ${program} is not an executable file: chmod +x it`);
  } else {
    const found = findOnPath(first);
    if (!found) throw unstartable(`--cmd program ${first} is not on PATH and is not a path: install it or give its path`);
    // A bare name found through an absolute PATH entry is found again from any directory.
    program = found.relativeEntry ? found.full : first;
  }
  // Peers run in their own working directory, so a file named relative to ours (`p2p.py`, `.` in
  // `-cp .`) must become absolute to mean the same file there.
  const args = rest.map((word) => (!word.startsWith('-') && !isAbsolute(word) && existsSync(word) ? resolve(word) : word));
  const argv = [program, ...args];
  return inPlace('command', argv, displayCommand(argv));
}

async function fromFile(path: string, options: ResolveOptions): Promise<Submission> {
  if (path.endsWith('.py')) return python(path);
  if (path.endsWith('.java')) return compileJava({ source: path, buildRoot: options.buildRoot, signal: options.signal });
  if (/^(GNUm|M|m)akefile$/.test(basename(path))) return buildWithMake({ dir: dirname(path), buildRoot: options.buildRoot, signal: options.signal });
  if (isExecutableFile(path)) return inPlace('executable', [path], path);
  const shebang = firstLine(path);
  if (shebang.startsWith('#!')) {
    throw unstartable(`${path} starts with '${shebang}' but is not executable: chmod +x it, or pass --cmd`);
  }
  throw unstartable(`${path} is not a .py or .java file, a Makefile, or executable: pass its directory, or --cmd with how to run it`);
}

async function fromDirectory(dir: string, options: ResolveOptions): Promise<Submission> {
  const has = (name: string) => existsSync(join(dir, name)) && statSync(join(dir, name)).isFile();
  if (has('p2p.py')) return python(join(dir, 'p2p.py'));
  for (const name of ['P2P.java', 'p2p.java']) {
    if (has(name)) return compileJava({ source: join(dir, name), buildRoot: options.buildRoot, signal: options.signal });
  }
  // A Makefile wins over an executable p2p beside it: that p2p is most likely a build product
  // from the student's machine.
  if (has('Makefile') || has('makefile')) return buildWithMake({ dir, buildRoot: options.buildRoot, signal: options.signal });
  const p2p = join(dir, 'p2p');
  if (isExecutableFile(p2p)) return inPlace('executable', [p2p], p2p);

  const hint = has('p2p') ? ' (p2p is there but not executable: chmod +x it)' : '';
  const entries = readdirSync(dir).filter((name) => !name.startsWith('.')).sort();
  const listing = entries.length === 0 ? 'it is empty' : `it holds ${entries.slice(0, 12).join(', ')}${entries.length > 12 ? ', …' : ''}`;
  throw unstartable(`${dir} holds none of p2p.py, P2P.java, p2p.java, Makefile or an executable p2p${hint}; pass --cmd with how to run it`, [listing]);
}

async function python(path: string): Promise<Submission> {
  if (!findOnPath('python3')) throw unstartable(`python3 is not on PATH, needed to run ${path}: install Python 3`);
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw unstartable(`${path} is not readable: chmod +r it`);
  }
  const { program, version } = await findPython();
  return inPlace('python', [program, path], `python3 ${path}${version ? ` (Python ${version})` : ''}`);
}

function firstLine(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(200);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, length).toString('latin1').split('\n')[0].trimEnd();
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
