/** Archives that must be refused, and ones that must unpack, with small real files. */
import test from 'ava';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { zipWithEntry } from '../test/_class.ts';
import { archiveExtension, safeEntryPath, unpackArchive } from './unpack.ts';

const work = mkdtempSync(join(tmpdir(), 'conform-unpack-test-'));
test.after.always(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const dir = join(work, `out-${n++}`);
  mkdirSync(dir);
  return dir;
};

test('archive extensions, longest first', (t) => {
  t.is(archiveExtension('alice.tar.gz'), '.tar.gz');
  t.is(archiveExtension('bob.TGZ'), '.tgz');
  t.is(archiveExtension('carol.zip'), '.zip');
  t.is(archiveExtension('notes.txt'), undefined);
});

test('entry names that leave the tree are refused', (t) => {
  for (const bad of ['../evil', 'a/../../evil', '/etc/passwd', 'C:\\x', '..\\evil']) t.is(typeof safeEntryPath(bad), 'object', bad);
  t.is(safeEntryPath('src/p2p.py'), 'src/p2p.py');
});

test('a zip with a ../ entry is refused and leaves nothing', async (t) => {
  const file = join(work, 'evil.zip');
  writeFileSync(file, zipWithEntry('../evil', 'x'));
  const into = fresh();
  await t.throwsAsync(unpackArchive(file, into), { message: /entry "\.\.\/evil" reaches outside the archive/ });
  t.deepEqual(readdirSync(into), []);
  t.false(readdirSync(work).includes('evil'));
});

test('random bytes named .zip are not a readable zip', async (t) => {
  const file = join(work, 'x.zip');
  writeFileSync(file, Buffer.alloc(3000, 7));
  await t.throwsAsync(unpackArchive(file, fresh()), { message: /not a readable zip archive/ });
});

test('an archive larger unpacked than the cap is refused', async (t) => {
  const file = join(work, 'big.zip');
  writeFileSync(file, zipWithEntry('p2p.py', 'x'.repeat(5000)));
  await t.throwsAsync(unpackArchive(file, fresh(), { maxBytes: 1000, maxEntries: 10 }), { message: /unpacks to more than/ });
  const into = fresh();
  await unpackArchive(file, into);
  t.is(statSync(join(into, 'p2p.py')).size, 5000);
});

test('a tar holding a symbolic link or a ../ entry is refused; a plain tgz unpacks', async (t) => {
  const src = join(work, 'src');
  mkdirSync(join(src, 'sub'), { recursive: true });
  writeFileSync(join(src, 'sub', 'p2p.py'), 'print(1)\n');
  symlinkSync('/etc', join(src, 'sub', 'link'));
  await tar.c({ file: join(work, 'link.tar'), cwd: src }, ['sub']);
  await t.throwsAsync(unpackArchive(join(work, 'link.tar'), fresh()), { message: /"sub\/link" is a symbolic link: refused/ });
  await tar.c({ file: join(work, 'dots.tar'), cwd: join(src, 'sub'), preservePaths: true }, ['../sub/p2p.py']);
  await t.throwsAsync(unpackArchive(join(work, 'dots.tar'), fresh()), { message: /reaches outside the archive/ });
  rmSync(join(src, 'sub', 'link'));
  await tar.c({ file: join(work, 'good.tgz'), cwd: src, gzip: true }, ['sub']);
  const into = fresh();
  await unpackArchive(join(work, 'good.tgz'), into);
  t.true(statSync(join(into, 'sub', 'p2p.py')).isFile());
});
