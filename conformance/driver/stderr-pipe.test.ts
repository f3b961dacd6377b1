import test from 'ava';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STDERR_KEEP, StderrPipe } from './stderr-pipe.ts';

const dir = mkdtempSync(join(tmpdir(), 'conform-stderr-test-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `script` with its stderr on the pipe and waits for it to exit. */
async function writeTo(pipe: StderrPipe, script: string): Promise<void> {
  const child = spawn('sh', ['-c', `exec 2>"$1"; ${script}`, 'sh', pipe.path], { stdio: 'ignore' });
  await once(child, 'exit');
}

test('a program that writes and exits has all its lines in the tail, even those still in the pipe', async (t) => {
  const pipe = new StderrPipe(join(dir, 'short'));
  t.true(statSync(pipe.path).isFIFO());
  await writeTo(pipe, 'echo one >&2; echo "Traceback: two" >&2');
  t.deepEqual(pipe.tail(), ['one', 'Traceback: two']);
  t.is(pipe.cut, 0);
  pipe.close();
  t.deepEqual(pipe.tail(), ['one', 'Traceback: two'], 'what was kept stays readable after close');
});

test('past its limit only the end is kept, the first line of the tail is whole, and the cut is counted', async (t) => {
  const pipe = new StderrPipe(join(dir, 'long'));
  await writeTo(pipe, 'i=0; while [ $i -lt 40000 ]; do i=$((i+1)); echo "error line $i" >&2; done');
  const lines = pipe.tail(STDERR_KEEP);
  t.is(lines.at(-1), 'error line 40000');
  t.regex(lines[0], /^error line \d+$/);
  const total = Array.from({ length: 40000 }, (_, i) => `error line ${i + 1}\n`).join('').length;
  t.true(pipe.cut > 0 && pipe.cut <= total - STDERR_KEEP / 2, `cut ${pipe.cut} of ${total}`);
  t.deepEqual(pipe.tail(20), ['error line 40000'], 'a short tail drops the line it cuts into');
  pipe.close();
});
