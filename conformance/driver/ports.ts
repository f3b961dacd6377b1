/**
 * Which ports a peer's processes bind (spec §1, step 1): sockets are read from the namespace's
 * /proc/<pid>/net/{udp,tcp}{,6} tables and matched to the peer's processes by socket inode, so a
 * port counts only when the peer's own process, or one of its descendants, holds it. The reads are
 * asynchronous: the runner polls them for every peer of every ring, and a loaded machine makes
 * /proc slow.
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';

export type BoundPorts = {
  /** UDP ports bound. */
  readonly udp: number[];
  /** TCP ports listening. */
  readonly tcp: number[];
};

type Socket = { readonly port: number; readonly inode: string; readonly listening: boolean };

const TCP_LISTEN = '0A';

function parseTable(text: string): Socket[] {
  return text
    .split('\n')
    .slice(1)
    .map((row) => row.trim().split(/\s+/))
    .filter((cols) => cols.length > 9)
    .map((cols) => ({
      port: parseInt(cols[1].split(':').pop() ?? '0', 16),
      inode: cols[9],
      listening: cols[3] === TCP_LISTEN,
    }));
}

async function readTable(path: string): Promise<Socket[]> {
  try {
    return parseTable(await readFile(path, 'utf8'));
  } catch {
    return [];
  }
}

/** The children of `pid`, from every one of its threads; empty once it is gone. */
async function childrenOf(pid: number): Promise<number[]> {
  try {
    const tasks = await readdir(`/proc/${pid}/task`);
    const lists = await Promise.all(tasks.map((task) => readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '')));
    return lists.join(' ').trim().split(/\s+/).filter((c) => c !== '').map(Number);
  } catch {
    return [];
  }
}

/** `pid` and every process descended from it (host PIDs). */
export async function processTree(pid: number): Promise<number[]> {
  const tree = [pid];
  for (let level = [pid]; level.length > 0; ) {
    const children = (await Promise.all(level.map(childrenOf))).flat();
    level = children.filter((child) => !tree.includes(child));
    tree.push(...level);
  }
  return tree;
}

async function socketInodes(pids: readonly number[]): Promise<Set<string>> {
  const inodes = new Set<string>();
  await Promise.all(
    pids.map(async (pid) => {
      let fds: string[] = [];
      try {
        fds = await readdir(`/proc/${pid}/fd`);
      } catch {}
      await Promise.all(
        fds.map(async (fd) => {
          const match = /^socket:\[(\d+)\]$/.exec(await readlink(`/proc/${pid}/fd/${fd}`).catch(() => ''));
          if (match) inodes.add(match[1]);
        }),
      );
    }),
  );
  return inodes;
}

/**
 * Every port any socket uses, in any state, in the network namespace of this process. Synchronous:
 * four small files, read once when a check is done, never in a polling loop.
 */
export function portsInUse(): number[] {
  const tables = ['tcp', 'tcp6', 'udp', 'udp6'].flatMap((table) => {
    try {
      return parseTable(readFileSync(`/proc/self/net/${table}`, 'utf8'));
    } catch {
      return [];
    }
  });
  return [...new Set(tables.map((s) => s.port))].sort((a, b) => a - b);
}

/**
 * The ports held by `pid` and its descendants, seen from the network namespace of `netPid` (any
 * process inside that namespace; defaults to `pid` itself).
 */
export async function boundPorts(pid: number, netPid = pid): Promise<BoundPorts> {
  const net = `/proc/${netPid}/net`;
  const [inodes, udpTables, tcpTables] = await Promise.all([
    processTree(pid).then(socketInodes),
    Promise.all([readTable(`${net}/udp`), readTable(`${net}/udp6`)]),
    Promise.all([readTable(`${net}/tcp`), readTable(`${net}/tcp6`)]),
  ]);
  const mine = (s: Socket) => inodes.has(s.inode);
  const udp = udpTables.flat().filter(mine).map((s) => s.port);
  const tcp = tcpTables.flat()
    .filter((s) => s.listening && mine(s))
    .map((s) => s.port);
  const sorted = (ports: number[]) => [...new Set(ports)].sort((a, b) => a - b);
  return { udp: sorted(udp), tcp: sorted(tcp) };
}
