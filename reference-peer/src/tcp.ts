/**
 * TCP framing (spec §1: everything but pings travels over TCP on port base+ID): one message per
 * connection, a JSON header line first (wire.ts), for a file the raw bytes after it.
 */
import net from 'node:net';
import { decodeTcp, encodeTcp, MAX_HEADER, type FileHeader, type TcpMessage } from './wire.ts';

export type TcpHandlers = {
  /** A message; what it returns is written back on the same connection as the reply. */
  readonly onMessage: (message: Exclude<TcpMessage, FileHeader>) => Promise<TcpMessage | undefined> | TcpMessage | undefined;
  /** A file's header: the handler owns the socket from here; `rest` is body already read. */
  readonly onFile: (header: FileHeader, socket: net.Socket, rest: Buffer) => void;
  readonly onProblem: (text: string) => void;
};

export type TcpServerOptions = {
  readonly host: string;
  readonly port: number;
  /** A connection silent for this long is closed, so a stuck client pins nothing. */
  readonly idleMs: number;
  readonly handlers: TcpHandlers;
};

/** Reads the header line off `socket`; resolves undefined (after telling why) when there is none. */
function readHeader(socket: net.Socket, onProblem: (text: string) => void): Promise<{ line: string; rest: Buffer } | undefined> {
  return new Promise((resolve) => {
    let buffered: Buffer = Buffer.alloc(0);
    const finish = (result: { line: string; rest: Buffer } | undefined, problem?: string) => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      if (problem) onProblem(problem);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      const newline = buffered.indexOf(10);
      if (newline < 0 ? buffered.length > MAX_HEADER : newline > MAX_HEADER) {
        finish(undefined, `dropped TCP connection: header longer than ${MAX_HEADER} bytes`);
        return;
      }
      if (newline < 0) return;
      socket.pause();
      finish({ line: buffered.subarray(0, newline).toString('utf8'), rest: buffered.subarray(newline + 1) });
    };
    const onEnd = () => {
      finish(undefined, buffered.length > 0 ? `dropped TCP connection: it closed before a header line ended` : undefined);
    };
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.on('close', onEnd);
  });
}

async function serve(socket: net.Socket, options: TcpServerOptions): Promise<void> {
  const { handlers } = options;
  socket.on('error', () => socket.destroy());
  socket.setTimeout(options.idleMs, () => {
    handlers.onProblem(`closed a TCP connection silent for ${options.idleMs / 1000} s`);
    socket.destroy();
  });
  const header = await readHeader(socket, handlers.onProblem);
  if (!header) {
    socket.destroy();
    return;
  }
  const decoded = decodeTcp(header.line);
  if (!decoded.ok) {
    handlers.onProblem(`dropped TCP message: ${decoded.problem}`);
    socket.destroy();
    return;
  }
  const message = decoded.message;
  if (message.t === 'file') {
    handlers.onFile(message, socket, header.rest);
    return;
  }
  const reply = await handlers.onMessage(message);
  if (socket.destroyed) return;
  if (reply) socket.end(encodeTcp(reply));
  else socket.end();
  socket.resume(); // drain whatever else the client sends until it closes
}

/** Listens on the TCP port; rejects with the listen error (EADDRINUSE and the like). */
export async function openTcpServer(options: TcpServerOptions): Promise<net.Server> {
  // Half-open: a client may end its side right after the header and still read our reply.
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    serve(socket, options).catch((error: unknown) => {
      options.handlers.onProblem(`TCP handler failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => options.handlers.onProblem(`TCP server: ${error.message}`));
  return server;
}

export type TcpClientOptions = {
  readonly host: string;
  readonly port: number;
  readonly message: TcpMessage;
  readonly timeoutMs: number;
};

/** Connects and writes the header; resolves with the connected socket. */
export function connectWith(options: TcpClientOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port: options.port, host: options.host });
    socket.setTimeout(options.timeoutMs, () => socket.destroy(new Error(`no progress within ${options.timeoutMs} ms`)));
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.write(encodeTcp(options.message));
      resolve(socket);
    });
  });
}

/** Sends one message and waits until the receiver has taken it (closed its side). */
export async function sendTcp(options: TcpClientOptions): Promise<void> {
  const socket = await connectWith(options);
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('close', () => resolve());
    socket.resume();
    socket.end();
  });
}

/** Sends one message and resolves with the reply line the receiver writes back. */
export async function askTcp(options: TcpClientOptions): Promise<TcpMessage> {
  const socket = await connectWith(options);
  socket.end();
  const problems: string[] = [];
  const header = await new Promise<{ line: string } | undefined>((resolve, reject) => {
    socket.once('error', reject);
    readHeader(socket, (text) => problems.push(text)).then(resolve, reject);
  });
  socket.destroy();
  if (!header) throw new Error(problems[0] ?? `port ${options.port} closed without replying`);
  const decoded = decodeTcp(header.line);
  if (!decoded.ok) throw new Error(`bad reply from port ${options.port}: ${decoded.problem}`);
  return decoded.message;
}
