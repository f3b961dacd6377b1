/**
 * Patterns (grammar.ts): what they compile to, where they match in a token stream, and the
 * mistakes in a pattern that compiling refuses.
 */
import test from 'ava';
import { compilePattern, scanner } from './grammar.ts';
import { tokensOf } from './tokens.ts';

const scan = scanner([
  compilePattern('one', 'ping request sent to {s}', ['s']),
  compilePattern('two', 'ping request sent to {a} and? {b}', ['a', 'b']),
  compilePattern('seq', 'ping response {}? received from {from}', ['from']),
  compilePattern('got', '<!for file {file} received !but', ['file']),
  compilePattern('sent', 'file {}? sent !to+successor', []),
]);
const found = (line: string) => scan(tokensOf(line)).map((m) => [m.meaning, ...m.values].join(' '));

const table: [string, string, string[]][] = [
  ['the longest match wins', 'Ping request sent to Peer 4 and 5', ['two 4 5']],
  ['"and" is optional', 'Ping request sent to 4, 5', ['two 4 5']],
  ['the shorter where the longer fails', 'Ping request sent to Peer 4 Ping request sent to Peer 5', ['one 4', 'one 5']],
  ['an uncaptured number is optional', 'Ping response #3 received from 4 / ping response received from 5', ['seq 4', 'seq 5']],
  ['a word before the match refuses it', 'request for file 4103 received', []],
  ['a word after the match refuses it', 'file 4103 received but', []],
  ['otherwise it matches', 'File 4103 received', ['got 4103']],
  ['a trailing guard of two words', 'file has been sent to my successor; file has been sent to peer 2', ['sent']],
  ['a foreign word breaks a match', 'Ping request really sent to 4', []],
];

for (const [title, line, events] of table) {
  test(`scanner: ${title}: ${JSON.stringify(line)}`, (t) => {
    t.deepEqual(found(line), events);
  });
}

const mistakes: [string, string, readonly string[], RegExp][] = [
  ['a word that is not a concept word', 'ping requestt sent', [], /'requestt' is not a concept word/],
  ['a slot that is not the message\'s', 'store {file} request', ['peer'], /\{file\} is not a slot/],
  ['a slot missing', 'store request', ['file'], /slot \{file\} is missing/],
  ['a slot twice', 'store {file} {file}', ['file'], /appears twice/],
  ['an optional slot', 'store {file}?', ['file'], /cannot be optional/],
  ['an optional first item', 'to? store {file}', ['file'], /first item must be required/],
  ['a leading guard not first', 'store <!for {file}', ['file'], /must come first/],
  ['an item after a trailing guard', 'store !to {file}', ['file'], /after a trailing guard/],
  ['numbers alone', '{file} to?', ['file'], /needs a required word/],
];

for (const [title, source, slots, message] of mistakes) {
  test(`compilePattern refuses ${title}`, (t) => {
    t.throws(() => compilePattern('x', source, slots), { message });
  });
}
