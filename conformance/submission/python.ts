/**
 * The Python 3 interpreter that `python3` starts for a peer, found once per run. On a machine
 * where `python3` is a version manager's shim (pyenv), every start would first run a shell and a
 * dozen helper programs (a tenth of a second of CPU each, and start times that vary with the
 * machine's load): peers start the interpreter the shim picks for their directories instead.
 */
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { isAbsolute } from 'node:path';
import { peerEnvironment } from '../driver/peer-process.ts';
import { isExecutableFile } from './command.ts';

export type Python = {
  /** What to start: an absolute path, or `python3` when it could not be asked. */
  readonly program: string;
  /** Its version, e.g. "3.11.7", when it answered. */
  readonly version?: string;
};

const ASK = 'import sys; print(sys.executable); print(sys.version.split()[0])';

let found: Promise<Python> | undefined;

/**
 * Asks `python3` which interpreter it is, from a directory like the peers' own (a temporary one:
 * a shim picks the version by the working directory) and with their environment. One that does
 * not answer within 10 s, or answers oddly, is started as `python3`, so that its own error shows
 * when the peers start.
 */
export function findPython(): Promise<Python> {
  found ??= new Promise((resolve) => {
    execFile('python3', ['-c', ASK], { cwd: tmpdir(), env: peerEnvironment(), timeout: 10_000, encoding: 'utf8' }, (error, stdout) => {
      const [program = '', version] = String(stdout).trim().split('\n');
      resolve(!error && isAbsolute(program) && isExecutableFile(program) ? { program, ...(version ? { version } : {}) } : { program: 'python3' });
    });
  });
  return found;
}
