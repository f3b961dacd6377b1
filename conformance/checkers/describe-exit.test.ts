import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PeerProcess } from '../driver/peer-process.ts';
import { describeExit, type Ended } from './describe-exit.ts';

const dir = mkdtempSync(join(tmpdir(), 'conform-describe-exit-test-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

async function ended(name: string, script: string): Promise<Ended> {
  const peer = await PeerProcess.start({ id: 8, command: ['sh', '-c', script], cwd: dir, stderrPath: join(dir, `${name}.stderr`), clock: () => 0 });
  await peer.exited;
  return { peer: peer.id, exit: peer.exit, stderr: peer.stderrTail() };
}

test('a status names its last stderr lines', async (t) => {
  const peer = await ended('status', 'echo "Traceback" >&2; echo "MemoryError" >&2; exit 1');
  t.is(describeExit(peer, 1), "peer 8 exited with status 1 at 0.0 s; its last stderr lines: 'Traceback' / 'MemoryError'");
});

test('a SIGKILL nobody sent is put down to the memory limit only when the kernel killed for it', async (t) => {
  const peer = await ended('killed', 'kill -9 $$');
  t.is(describeExit(peer), 'peer 8 was ended by SIGKILL at 0.0 s');
  t.is(describeExit(peer, 2), "peer 8 was ended by SIGKILL at 0.0 s, most likely by the kernel at the sandbox's memory limit");
});

test('a signal from a limit says which limit', async (t) => {
  const peer = await ended('cpu', 'kill -XCPU $$');
  t.is(describeExit(peer, 1), 'peer 8 was ended by SIGXCPU at 0.0 s, for using more CPU time than the limit');
});
