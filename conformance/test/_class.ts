/** A class folder for the batch tests: correct, broken, unpackable and empty submissions. */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES } from './_grade.ts';
import { PEER_BIN } from '../cli/peer-command.ts';

/** A zip holding one stored (uncompressed) entry of this name, written by hand: no zip tool needed. */
export function zipWithEntry(name: string, content: string): Buffer {
  const file = Buffer.from(name);
  const data = Buffer.from(content);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(file.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + file.length, 12);
  end.writeUInt32LE(30 + file.length + data.length, 16);
  return Buffer.concat([local, file, data, central, file, end]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A copy of a Python fixture peer that finds the shared `_python` module where it is. */
export function copyPythonFixture(name: string, into: string): void {
  cpSync(join(FIXTURES, name), into, { recursive: true });
  const file = join(into, 'p2p.py');
  const source = readFileSync(file, 'utf8');
  writeFileSync(file, source.replace('os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "_python")', JSON.stringify(join(FIXTURES, '_python'))));
}

/** A submission folder whose executable p2p runs the reference peer. */
export function referenceSubmission(into: string): void {
  mkdirSync(into, { recursive: true });
  writeFileSync(join(into, 'p2p'), `#!/bin/sh\nexec '${PEER_BIN}' "$@"\n`);
  chmodSync(join(into, 'p2p'), 0o755);
}

/** ref (passes), broken-join-wrap, broken-store-no-wrap, x.zip (random bytes), evil.zip (a ../ entry), empty/. */
export function makeClass(): string {
  const dir = mkdtempSync(join(tmpdir(), 'conform-class-'));
  referenceSubmission(join(dir, 'ref'));
  copyPythonFixture('broken-join-wrap', join(dir, 'broken-join-wrap'));
  copyPythonFixture('broken-store-no-wrap', join(dir, 'broken-store-no-wrap'));
  writeFileSync(join(dir, 'x.zip'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)));
  writeFileSync(join(dir, 'evil.zip'), zipWithEntry('../evil', 'escaped'));
  mkdirSync(join(dir, 'empty'));
  return dir;
}
