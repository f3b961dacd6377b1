import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { whyUnstartable } from './probe.ts';

const dir = mkdtempSync(join(tmpdir(), 'conform-probe-test-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, { mode: 0o755 });
  return path;
}

test('a #! line naming a missing interpreter is named', (t) => {
  const file = script('old', '#!/usr/bin/python1.5 -u\nprint 1\n');
  t.is(whyUnstartable(file, 'setpriv: failed to execute x: No such file or directory', 127), 'its #! line names /usr/bin/python1.5, which does not exist on this machine');
});

test('a #! line through env names the program missing from the PATH', (t) => {
  const file = script('env', '#!/usr/bin/env -S python9 -u\n');
  t.is(whyUnstartable(file, "/usr/bin/env: 'python9': No such file or directory", 127), 'its #! line names python9, which is not on the PATH of this machine');
});

test('an ELF file cut short or for another machine is said to be so, whatever sh made of it', (t) => {
  t.is(whyUnstartable(script('cut', '\x7fELF\x02\x01\x01garbage'), `${dir}/cut: 1: ELFgarbage: not found`, 127), 'Exec format error (not a program for this machine)');
  const other = Buffer.alloc(64);
  other.write('\x7fELF\x02\x01\x01', 'latin1');
  other.writeUInt16LE(process.arch === 'arm64' ? 62 : 183, 18);
  writeFileSync(join(dir, 'other'), other, { mode: 0o755 });
  t.is(whyUnstartable(join(dir, 'other'), '', 126), 'Exec format error (not a program for this machine)');
});

test('otherwise the system error is said, without the launcher in front', (t) => {
  const file = script('denied', 'echo\n');
  t.is(whyUnstartable(file, `setpriv: failed to execute ${file}: Permission denied\n`, 126), 'Permission denied');
  t.is(whyUnstartable(file, `sh: 1: exec: ${file}: Permission denied`, 126), 'Permission denied');
});

test('with a present interpreter or no message, the status is said', (t) => {
  const file = script('fine', '#!/bin/sh\nexit 126\n');
  t.is(whyUnstartable(file, '', 126), 'exit status 126');
  t.is(whyUnstartable('python3', '', 127), 'exit status 127');
});
