/**
 * Makefile submissions: copy the directory to a temporary one, run `make` there, and run the
 * `p2p` it builds. The student's directory is never written to.
 */
import { cp, readFile, readdir } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { ConformError } from '../errors.ts';
import { cleanupOf, makeBuildDir, removeBuildDir, runBuild, summariseFailure } from './build.ts';
import { findOnPath, isExecutableFile } from './command.ts';
import type { Submission } from './submission.ts';

const MAKE_TIMEOUT_MS = 300_000;

export type MakeOptions = {
  /** Absolute path of the directory holding the Makefile. */
  readonly dir: string;
  readonly buildRoot?: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
};

// Submissions often carry build products from the student's own machine (a macOS p2p, .o files).
// Newer than the sources, they would stop make from rebuilding, and would not run here.
async function isStaleProduct(source: string, root: string): Promise<boolean> {
  if (source.endsWith('.o')) return true;
  if (basename(source) === '.git') return true;
  if (relative(root, source) !== 'p2p') return false;
  try {
    // A p2p that is a script (e.g. `java P2P`) is source, not a build product.
    const head = await readFile(source).then((b) => b.subarray(0, 2).toString('latin1'));
    return head !== '#!';
  } catch {
    return false; // a directory named p2p, or unreadable: copy it and let make decide
  }
}

// Variables a parent make (if conform itself runs under make) would pass down and confuse ours.
function buildEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['MAKEFLAGS', 'MAKELEVEL', 'MFLAGS', 'MAKEFILES']) delete env[name];
  return env;
}

export async function buildWithMake(options: MakeOptions): Promise<Submission> {
  const { dir } = options;
  const timeoutMs = options.timeoutMs ?? MAKE_TIMEOUT_MS;
  if (!findOnPath('make')) {
    throw new ConformError('unstartable', `make is not on PATH, needed for the Makefile in ${dir}: install make`);
  }
  const build = await makeBuildDir(options.buildRoot);
  try {
    await cp(dir, build, { recursive: true, filter: async (source) => !(await isStaleProduct(source, dir)) }).catch((error: Error) => {
      throw new ConformError('unstartable', `could not copy ${dir} to build it: ${error.message}`);
    });
    const before = new Set(await readdir(build));
    const result = await runBuild({ command: 'make', args: [], cwd: build, timeoutMs, signal: options.signal, env: buildEnvironment() });
    if (result.timedOut) {
      throw new ConformError('unstartable', `\`make\` did not finish in ${dir} within ${timeoutMs / 1000} s`);
    }
    if (result.code !== 0) {
      const { line, details } = summariseFailure(result.output);
      throw new ConformError('unstartable', `\`make\` failed in ${dir}: ${line}`, details);
    }
    const program = join(build, 'p2p');
    if (!isExecutableFile(program)) {
      const made = (await readdir(build)).filter((name) => !before.has(name) || name === 'p2p');
      const produced = made.length > 0 ? `it produced ${made.join(', ')}` : 'it produced no new files';
      throw new ConformError(
        'unstartable',
        `\`make\` in ${dir} built no executable p2p (${produced}): the Makefile's first target must build ./p2p`,
        result.output.trimEnd().split('\n').slice(-10),
      );
    }
    return {
      kind: 'make',
      program: [program],
      description: `<build>/p2p (built by make from ${dir})`,
      cleanup: cleanupOf(build),
    };
  } catch (error) {
    await removeBuildDir(build);
    throw error;
  }
}
