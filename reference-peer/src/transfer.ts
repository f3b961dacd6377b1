/**
 * Moving a file's bytes (spec §3 step 7): the owner streams `NNNN.pdf` straight to the requester's
 * TCP port, header first; the requester streams them to a temporary name and renames it to
 * `received_NNNN.pdf` only once exactly `size` bytes arrived. Neither side holds the whole file.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import type net from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { connectWith } from './tcp.ts';
import type { FileHeader } from './wire.ts';

export function sourcePath(dir: string, file: string): string {
  return join(dir, `${file}.pdf`);
}

export function receivedPath(dir: string, file: string): string {
  return join(dir, `received_${file}.pdf`);
}

/** The size of `NNNN.pdf`, or undefined when there is no such regular file. */
export async function sizeOfSource(dir: string, file: string): Promise<number | undefined> {
  try {
    const info = await stat(sourcePath(dir, file));
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

export type SendFileOptions = {
  readonly host: string;
  readonly port: number;
  readonly dir: string;
  readonly header: FileHeader;
  /** Gives up when the receiver takes nothing for this long. */
  readonly idleMs: number;
};

/** Streams the header and then exactly `header.size` bytes of `NNNN.pdf`; resolves once all are written. */
export async function sendFile(options: SendFileOptions): Promise<void> {
  const { header } = options;
  const socket = await connectWith({ host: options.host, port: options.port, message: header, timeoutMs: options.idleMs });
  socket.resume(); // the receiver sends nothing back; keep reading so its close is seen
  if (header.size === 0) {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.end(resolve);
    });
    return;
  }
  const source = createReadStream(sourcePath(options.dir, header.file), { start: 0, end: header.size - 1, highWaterMark: 16 * 1024 });
  let sent = 0;
  source.on('data', (chunk) => (sent += chunk.length));
  await pipeline(source, socket);
  // Done writing; the receiver closes when it has everything. A late reset is no news.
  socket.on('error', () => undefined);
  if (sent !== header.size) throw new Error(`${header.file}.pdf changed while sending: ${sent} of ${header.size} bytes`);
}

let temporaries = 0;

/**
 * Receives the body announced by `header` from `socket` (`rest` is what came with the header).
 * Resolves with the final path; rejects, leaving no file behind, when the transfer breaks off.
 */
export async function receiveFile(socket: net.Socket, header: FileHeader, rest: Buffer, dir: string): Promise<string> {
  const temporary = join(dir, `.received_${header.file}.pdf.${process.pid}.${++temporaries}.part`);
  let got = 0;
  async function* body(): AsyncGenerator<Buffer> {
    if (rest.length > 0) yield rest;
    for await (const chunk of socket) yield chunk as Buffer;
  }
  async function* counted(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      got += chunk.length;
      if (got > header.size) throw new Error(`more than the announced ${header.size} bytes arrived`);
      yield chunk;
    }
  }
  try {
    await pipeline(body, counted, createWriteStream(temporary, { flags: 'wx' }));
    if (got !== header.size) throw new Error(`the transfer broke off after ${got} of ${header.size} bytes`);
    const final = receivedPath(dir, header.file);
    await rename(temporary, final);
    socket.end(); // our side of the half-open connection (tcp.ts)
    return final;
  } catch (error) {
    socket.destroy();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
