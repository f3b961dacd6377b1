/** The peer's UDP socket (spec §1: pings travel over UDP on port base+ID). */
import dgram from 'node:dgram';
import { decodeUdp, encodeUdp, type UdpMessage } from './wire.ts';

export type UdpLink = {
  /** Sends one datagram; a failure becomes a `onProblem` line, never a throw. */
  send(port: number, message: UdpMessage): void;
  close(): void;
};

export type UdpOptions = {
  readonly host: string;
  readonly port: number;
  readonly onMessage: (message: UdpMessage, from: { address: string; port: number }) => void;
  readonly onProblem: (text: string) => void;
};

/** Binds the UDP port; rejects with the bind error (EADDRINUSE and the like). */
export async function openUdp(options: UdpOptions): Promise<UdpLink> {
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  socket.on('error', (error) => options.onProblem(`UDP socket: ${error.message}`));
  socket.on('message', (bytes, from) => {
    const decoded = decodeUdp(bytes);
    if (!decoded.ok) {
      options.onProblem(`dropped datagram from UDP port ${from.port}: ${decoded.problem}`);
      return;
    }
    options.onMessage(decoded.message, from);
  });
  return {
    send(port, message) {
      socket.send(encodeUdp(message), port, options.host, (error) => {
        // Loopback reports a closed port on a later send as ECONNREFUSED: a dead successor, which
        // the ping rounds detect by missing answers. Nothing to say here.
        if (error && (error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') {
          options.onProblem(`UDP send to port ${port}: ${error.message}`);
        }
      });
    },
    close() {
      socket.close();
    },
  };
}
