import test from 'ava';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFifos, STDERR_KEEP, StderrPipe } from './stderr-pipe.ts';

const dir = mkdtempSync(join(tmpdir(), 'conform-stderr-test-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `script` with its stderr on the pipe and waits for it to exit. */
async function writeTo(pipe: StderrPipe, script: string): Promise<void> {
  const child = spawn('sh', ['-c', `exec 2>"$1"; ${script}`, 'sh', pipe.path], { stdio: 'ignore' });
  await once(child, 'exit');
}

test('a program that writes and exits has all its lines in the tail, even those still in the pipe', async (t) => {
  const pipe = await StderrPipe.create(join(dir, 'short'));
  t.true(statSync(pipe.path).isFIFO());
  await writeTo(pipe, 'echo one >&2; echo "Traceback: two" >&2');
  t.deepEqual(pipe.tail(), ['one', 'Traceback: two']);
  t.is(pipe.cut, 0);
  pipe.close();
  t.deepEqual(pipe.tail(), ['one', 'Traceback: two'], 'what was kept stays readable after close');
});

test('past its limit only the end is kept, the first line of the tail is whole, and the cut is counted', async (t) => {
  const pipe = await StderrPipe.create(join(dir, 'long'));
  await writeTo(pipe, 'i=0; while [ $i -lt 40000 ]; do i=$((i+1)); echo "error line $i" >&2; done');
  const lines = pipe.tail(STDERR_KEEP);
  t.is(lines.at(-1), 'error line 40000');
  t.regex(lines[0], /^error line \d+$/);
  const total = Array.from({ length: 40000 }, (_, i) => `error line ${i + 1}\n`).join('').length;
  t.true(pipe.cut > 0 && pipe.cut <= total - STDERR_KEEP / 2, `cut ${pipe.cut} of ${total}`);
  t.deepEqual(pipe.tail(20), ['error line 40000'], 'a short tail drops the line it cuts into');
  pipe.close();
});

test('making the FIFOs of a ring leaves the event loop free: other work runs meanwhile', async (t) => {
  const paths = Array.from({ length: 20 }, (_, i) => join(dir, `many-${i}`));
  // A spawnSync per FIFO (as before) held the loop for the whole creation, hundreds of ms each on
  // a loaded machine: not one turn of the loop could run until all were made.
  let turns = 0;
  let largestGap = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    largestGap = Math.max(largestGap, now - last);
    last = now;
  }, 1);
  const spin = () => {
    turns++;
    if (!done) setImmediate(spin);
  };
  let done = false;
  setImmediate(spin);
  try {
    await makeFifos(paths);
  } finally {
    done = true;
    clearInterval(ticker);
  }
  for (const path of paths) t.true(statSync(path).isFIFO(), path);
  t.true(turns >= 1, 'the event loop went round while the FIFOs were made');
  // Generous: only the fork of one child process may hold the loop, never 20 of them in a row.
  t.true(largestGap < 2000, `the event loop was held up ${Math.round(largestGap)} ms`);
  await makeFifos(paths.slice(0, 1));
  t.true(statSync(paths[0]).isFIFO(), 'a FIFO made again (a peer that joins again) replaces the old one');
});

test('a pipe is read only from a FIFO made beforehand', (t) => {
  t.throws(() => new StderrPipe(join(dir, 'never-made')), { message: /ENOENT/ });
});
