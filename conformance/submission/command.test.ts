import test from 'ava';
import { homedir } from 'node:os';
import { ConformError } from '../errors.ts';
import { displayCommand, splitCommand } from './command.ts';

const splits: Array<[string, string[]]> = [
  ['python3 p2p.py', ['python3', 'p2p.py']],
  ['  java   -cp  .  P2P  ', ['java', '-cp', '.', 'P2P']],
  [`python3 'my dir/p2p.py'`, ['python3', 'my dir/p2p.py']],
  [`"a \\"b\\" \\\\ c"`, ['a "b" \\ c']],
  [`"a\\nb"`, ['a\\nb']],
  [`a\\ b c`, ['a b', 'c']],
  [`'' ""`, ['', '']],
  [`x'y'"z"`, ['xyz']],
  ['~/p2p a~b', [`${homedir()}/p2p`, 'a~b']],
  ["'~/p2p'", ['~/p2p']],
  ["sh -c 'cd x && ./p2p'", ['sh', '-c', 'cd x && ./p2p']],
  ['', []],
];

for (const [line, words] of splits) {
  test(`splitCommand(${JSON.stringify(line)})`, (t) => {
    t.deepEqual(splitCommand(line), words);
  });
}

const refused: Array<[string, RegExp]> = [
  [`python3 'p2p.py`, /unterminated single quote/],
  [`python3 "p2p.py`, /unterminated double quote/],
  ['./p2p > log', /unquoted '>'/],
  ['./p2p; echo', /unquoted ';'/],
  ['$HOME/p2p', /unquoted '\$'/],
  ['"$HOME/p2p"', /'\$' \(no expansion happens\)/],
];

for (const [line, message] of refused) {
  test(`splitCommand refuses ${JSON.stringify(line)}`, (t) => {
    const error = t.throws(() => splitCommand(line), { instanceOf: ConformError });
    t.is(error.code, 'usage');
    t.regex(error.message, message);
  });
}

test('displayCommand quotes only what needs it', (t) => {
  t.is(displayCommand(['python3', '/a/p2p.py']), 'python3 /a/p2p.py');
  t.is(displayCommand(['/a b/p2p', "it's"]), `'/a b/p2p' 'it'\\''s'`);
  t.deepEqual(splitCommand(displayCommand(['/a b/p2p', "it's", ''])), ['/a b/p2p', "it's", '']);
});
