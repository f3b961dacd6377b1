/** `conform peer init|join …`: runs the reference peer with the assignment's command line. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PEER_BIN = fileURLToPath(new URL('../../reference-peer/bin/p2p', import.meta.url));

export const PEER_HELP = `Usage:
  conform peer init <PEER> <FIRST_SUCCESSOR> <SECOND_SUCCESSOR> <PING_INTERVAL>
  conform peer join <PEER> <KNOWN_PEER> <PING_INTERVAL>

Runs the reference peer (reference-peer/bin/p2p) in the foreground. It reads Store NNNN,
Request NNNN and Quit on stdin. PING_INTERVAL is in seconds and may be fractional (0.1 and up).
Environment: P2P_PORT_BASE (default 12000), P2P_MISSED_PINGS (default 3).
`;

export function peerCommand(argv: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(PEER_BIN, argv, { stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 143)));
  });
}
