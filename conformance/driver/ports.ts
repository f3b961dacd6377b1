/**
 * Which ports a peer's processes bind (spec §1, step 1): sockets are read from the namespace's
 * /proc/<pid>/net/{udp,tcp}{,6} tables and matched to the peer's processes by socket inode, so a
 * port counts only when the peer's own process, or one of its descendants, holds it.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export type BoundPorts = {
  /** UDP ports bound. */
  readonly udp: number[];
  /** TCP ports listening. */
  readonly tcp: number[];
};

type Socket = { readonly port: number; readonly inode: string; readonly listening: boolean };

const TCP_LISTEN = '0A';

function readTable(path: string): Socket[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
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

/** `pid` and every process descended from it (host PIDs). */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    let children = '';
    try {
      for (const task of readdirSync(`/proc/${tree[i]}/task`)) {
        children += ' ' + readFileSync(`/proc/${tree[i]}/task/${task}/children`, 'utf8');
      }
    } catch {}
    for (const child of children.trim().split(/\s+/)) {
      if (child !== '' && !tree.includes(Number(child))) tree.push(Number(child));
    }
  }
  return tree;
}

function socketInodes(pids: readonly number[]): Set<string> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {}
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const match = /^socket:\[(\d+)\]$/.exec(target);
        if (match) inodes.add(match[1]);
      } catch {}
    }
  }
  return inodes;
}

/** Every port any socket uses, in any state, in the network namespace of this process. */
export function portsInUse(): number[] {
  const tables = ['tcp', 'tcp6', 'udp', 'udp6'].flatMap((table) => readTable(`/proc/self/net/${table}`));
  return [...new Set(tables.map((s) => s.port))].sort((a, b) => a - b);
}

/**
 * The ports held by `pid` and its descendants, seen from the network namespace of `netPid` (any
 * process inside that namespace; defaults to `pid` itself).
 */
export function boundPorts(pid: number, netPid = pid): BoundPorts {
  const inodes = socketInodes(processTree(pid));
  const mine = (s: Socket) => inodes.has(s.inode);
  const net = `/proc/${netPid}/net`;
  const udp = [...readTable(`${net}/udp`), ...readTable(`${net}/udp6`)].filter(mine).map((s) => s.port);
  const tcp = [...readTable(`${net}/tcp`), ...readTable(`${net}/tcp6`)]
    .filter((s) => s.listening && mine(s))
    .map((s) => s.port);
  const sorted = (ports: number[]) => [...new Set(ports)].sort((a, b) => a - b);
  return { udp: sorted(udp), tcp: sorted(tcp) };
}
