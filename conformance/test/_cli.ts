/** Runs the real `conform` command as a user would, with its own temporary directory. */
import { execa, type Result } from 'execa';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONFORM = fileURLToPath(new URL('../cli/conform', import.meta.url));

/** A fresh TMPDIR for one run, so that what it leaves there can be seen. */
export function freshTmp(): string {
  return mkdtempSync(join(tmpdir(), 'conform-cli-test-'));
}

export async function conform(args: readonly string[], options: { tmp?: string; timeoutMs?: number } = {}): Promise<Result> {
  return execa(CONFORM, args, {
    reject: false,
    env: { CI: '1', ...(options.tmp ? { TMPDIR: options.tmp } : {}) },
    timeout: options.timeoutMs ?? 240_000,
    all: true,
  });
}
