import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNamespace } from '../driver/namespace.ts';
import { RunningRing } from '../driver/ring.ts';
import { boundPorts, processTree } from '../driver/ports.ts';
import { waitForPorts } from '../driver/waits.ts';
import { isAlive } from '../driver/alive.ts';

// A peer stand-in: binds UDP and TCP 12000+ID, starts a detached grandchild, echoes stdin.
const BINDER = [
  'python3',
  '-c',
  [
    'import socket, sys, subprocess',
    'i = int(sys.argv[2])',
    'u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 12000 + i))',
    't = socket.socket(); t.bind(("127.0.0.1", 12000 + i)); t.listen()',
    'subprocess.Popen(["setsid", "sleep", "300"])',
    'print("ready", i)',
    'for line in sys.stdin: print("got", line.strip())',
  ].join('\n'),
];

test('two rings bind the same fixed ports side by side, and closing a namespace ends all in it', async (t) => {
  const [a, b] = await Promise.all([createNamespace(), createNamespace()]);
  const dirs = [mkdtempSync(join(tmpdir(), 'conform-test-')), mkdtempSync(join(tmpdir(), 'conform-test-'))];
  try {
    const rings = [a, b].map((namespace, i) => new RunningRing({ program: BINDER, interval: '1', workdir: dirs[i], namespace }));
    const peers = await Promise.all(rings.map((ring) => ring.startInit(2, 4, 5)));
    for (const peer of peers) {
      t.truthy(await peer.waitForLine((l) => l.text === 'ready 2', { timeoutMs: 10_000 }), 'the peer started');
    }
    for (const [i, peer] of peers.entries()) {
      const ports = await waitForPorts(peer, 12002, { netPid: [a, b][i].initPid, timeoutMs: 5000 });
      t.deepEqual(ports, { udp: [12002], tcp: [12002] });
    }
    peers[0].type('Store 2067');
    t.truthy(await peers[0].waitForLine((l) => l.text === 'got Store 2067', { timeoutMs: 5000 }), 'stdin reaches the peer');
    t.is(peers[0].transcript.lines().filter((l) => l.text.includes('Store 2067')).length, 1, 'no terminal echo');
    const tree = await processTree(peers[0].pid);
    t.true(tree.length >= 2, 'the grandchild is seen as part of the peer');
    for (const ring of rings) await ring.stopAll();
    await a.close();
    await b.close();
    // The detached grandchildren (setsid sleep) were inside the PID namespace: gone with it.
    for (const pid of tree) t.false(isAlive(pid), `process ${pid} is gone`);
  } finally {
    await a.close();
    await b.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
});

test('boundPorts sees nothing for a process without sockets', async (t) => {
  t.deepEqual(await boundPorts(process.pid), { udp: [], tcp: [] });
});
