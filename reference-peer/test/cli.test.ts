/**
 * The reference peer's command line (spec §1): bad command lines and taken ports end it with one
 * clear line and the usage (status 2); stdin's end does not stop it; SIGTERM does, promptly; and
 * the process the command line starts is the one that holds the ports (bin/p2p execs Node).
 */
import test from 'ava';
import { execa } from 'execa';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createNamespace, type Namespace } from '../../conformance/driver/namespace.ts';
import { boundPorts, processTree } from '../../conformance/driver/ports.ts';
import { pollUntil } from '../../conformance/driver/waits.ts';
import { formatMessage } from '../../conformance/protocol/catalogue.ts';
import { USAGE } from '../src/args.ts';
import { deadline, PEER_BIN } from './_ring.ts';

async function withNamespace<R>(work: (namespace: Namespace) => Promise<R>): Promise<R> {
  const namespace = await createNamespace();
  try {
    return await work(namespace);
  } finally {
    await namespace.close();
  }
}

/** Runs bin/p2p inside `namespace` to its end. */
function runPeer(namespace: Namespace, args: readonly string[]) {
  return execa(namespace.enter[0], [...namespace.enter.slice(1), PEER_BIN, ...args], { reject: false, timeout: 20_000, stdin: 'ignore' });
}

const USAGE_LINES = USAGE.split('\n');

// Each bad command line, and what its one line must name.
const BAD: readonly [string, readonly string[], RegExp][] = [
  ['an unknown mode', ['start', '2', '4', '5', '1'], /unknown mode 'start'/],
  ['no mode at all', [], /no mode/],
  ['peer ID 300', ['init', '300', '4', '5', '1'], /peer ID 300 is outside 0\.\.255/],
  ['a successor of 256', ['init', '2', '256', '5', '1'], /first successor ID 256 is outside 0\.\.255/],
  ['a non-numeric ID', ['init', 'two', '4', '5', '1'], /peer ID 'two' is not an integer/],
  ['a non-numeric interval', ['init', '2', '4', '5', 'fast'], /ping interval 'fast' is not a number/],
  ['init with too few arguments', ['init', '2', '4', '1'], /'init' takes 4 arguments, got 3/],
  ['join with too many arguments', ['join', '15', '4', '1', '9'], /'join' takes 3 arguments, got 4/],
  ['an interval of 0.05 s', ['init', '2', '4', '5', '0.05'], /ping interval 0\.05 is below 0\.1 s/],
  ['a join through itself', ['join', '4', '4', '1'], /peer 4 cannot join through itself/],
];

for (const [what, args, names] of BAD) {
  test(`${what}: one clear line, the usage, status 2`, async (t) => {
    const result = await withNamespace((namespace) => runPeer(namespace, args));
    t.is(result.exitCode, 2, result.stderr);
    t.is(result.stdout, '', 'nothing on stdout');
    const [first, ...rest] = result.stderr.split('\n');
    t.regex(first, /^p2p: \S.*$/, 'one line saying what is wrong');
    t.regex(first, names);
    t.deepEqual(rest, USAGE_LINES, 'then the usage, and nothing else');
  });
}

// Holds UDP 12002 and TCP 12003 inside the namespace until its stdin closes.
const HOLDER = String.raw`
const dgram = require('node:dgram'), net = require('node:net');
const udp = dgram.createSocket('udp4');
udp.bind(12002, '127.0.0.1', () => net.createServer().listen(12003, '127.0.0.1', () => console.log('bound')));
process.stdin.on('end', () => process.exit(0)).resume();
`;

test('a port already in use: one clear line naming it, the usage, status 2', async (t) => {
  await withNamespace(async (namespace) => {
    const holder = spawn(namespace.enter[0], [...namespace.enter.slice(1), process.execPath, '-e', HOLDER], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const [chunk] = (await once(holder.stdout!, 'data')) as [Buffer];
      t.is(chunk.toString().trim(), 'bound');
      for (const [id, protocol] of [[2, 'UDP'], [3, 'TCP']] as const) {
        const result = await runPeer(namespace, ['init', String(id), '4', '5', '0.2']);
        t.is(result.exitCode, 2, result.stderr);
        t.is(result.stdout, '');
        const [first, ...rest] = result.stderr.split('\n');
        t.is(first, `p2p: ${protocol} port ${12000 + id} on 127.0.0.1 is already in use`);
        t.deepEqual(rest, USAGE_LINES);
      }
    } finally {
      holder.stdin!.end();
      holder.kill('SIGKILL');
    }
  });
});

type Bare = { child: ChildProcess; stdout: () => string[]; exited: Promise<[number | null, NodeJS.Signals | null]> };

/**
 * Runs `work` on `p2p init 2 4 5 0.2`, started in a fresh namespace on pipes with its stdin already
 * at its end; the peer is killed afterwards, whatever happened.
 */
async function withBarePeer(work: (bare: Bare) => Promise<void>): Promise<void> {
  await withNamespace(async (namespace) => {
    const child = spawn(namespace.enter[0], [...namespace.enter.slice(1), PEER_BIN, 'init', '2', '4', '5', '0.2'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin!.end();
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr!.resume();
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    try {
      await work({ child, stdout: () => text.split('\n').filter((l) => l !== ''), exited });
    } finally {
      child.kill('SIGKILL');
    }
  });
}

/** The process nsenter runs (the program the command line started) once it holds both ports. */
async function programOf(bare: Bare): Promise<number | undefined> {
  const seen = await pollUntil(
    async () => {
      const tree = await processTree(bare.child.pid!);
      return { tree, tcp: tree.length >= 2 ? (await boundPorts(tree[tree.length - 1])).tcp : [] };
    },
    (s) => s.tree.length >= 2 && s.tcp.includes(12002),
    { timeoutMs: 15_000 },
  );
  return seen.tree.length >= 2 ? seen.tree[1] : undefined;
}

const PINGS_SENT = formatMessage('ping-sent', { s1: 4, s2: 5 });

test('the end of stdin does not stop the peer: it keeps pinging', async (t) => {
  await withBarePeer(async (bare) => {
    // Successors 4 and 5 are not running: the peer pings them every 0.2 s regardless (spec §4).
    const lines = await pollUntil(bare.stdout, (l) => l.filter((x) => x === PINGS_SENT).length >= 5, { timeoutMs: 15_000 });
    t.true(lines.filter((x) => x === PINGS_SENT).length >= 5, `five rounds after stdin ended: ${JSON.stringify(lines)}`);
    t.deepEqual([...new Set(lines)], [PINGS_SENT], 'and nothing else on stdout');
    t.is(bare.child.exitCode, null, 'still running');
  });
});

test('the process the command line starts holds both ports itself (exec, not a child)', async (t) => {
  await withBarePeer(async (bare) => {
    const program = await programOf(bare);
    if (program === undefined) return t.fail('no program process under nsenter');
    t.deepEqual(await processTree(program), [program], 'it has no child process');
    t.deepEqual(await boundPorts(program, program), { udp: [12002], tcp: [12002] }, 'it holds UDP and TCP 12002 itself');
    const argv = readFileSync(`/proc/${program}/cmdline`, 'utf8').split('\0').filter(Boolean);
    t.deepEqual(argv.slice(-5), ['init', '2', '4', '5', '0.2'], 'with the command line\'s arguments');
    t.true(argv.some((a) => /reference-peer\/(?:bin\/\.\.\/)?src\/main\.ts$/.test(a)), `it is the peer itself: ${argv.join(' ')}`);
  });
});

test('SIGTERM ends the peer promptly, without a word on stdout', async (t) => {
  await withBarePeer(async (bare) => {
    const program = await programOf(bare);
    if (program === undefined) return t.fail('no program process under nsenter');
    await pollUntil(bare.stdout, (l) => l.includes(PINGS_SENT), { timeoutMs: 10_000 });
    const before = bare.stdout().length;
    const sent = performance.now();
    process.kill(program, 'SIGTERM');
    // Within the 5 s deadline (not a timed bound: a loaded machine may take seconds to schedule it).
    const exit = await Promise.race([bare.exited, deadline(5000)]);
    const ms = performance.now() - sent;
    t.log(`ended ${Math.round(ms)} ms after SIGTERM`);
    t.deepEqual(exit, [143, null], 'exit status 143 (128 + SIGTERM)');
    t.deepEqual(bare.stdout().slice(before).filter((l) => l !== PINGS_SENT), [], 'nothing but pings on stdout');
  });
});
