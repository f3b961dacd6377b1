/**
 * The tokeniser (spec §5, §6) on literal lines: what a line says once case, fillers, punctuation,
 * ANSI codes and glue are gone, and identifiers that only look like numbers.
 */
import test from 'ava';
import { tokensOf } from './tokens.ts';

const table: [string, string, string][] = [
  ['the spec sentence', 'My new first successor is Peer 15', 'first successor 15'],
  ['fillers and "ID" dropped', 'My first successor ID is 15', 'first successor 15'],
  ['"1st" and "2nd" are words', 'my 1st successor, my 2ND successor', 'first successor second successor'],
  ['spellings folded', 'Ping request recieved; join request forward; Peer 14 departing', 'ping request received join request forwarded 14 depart'],
  ['punctuation and framing gone, "&" is "and"', ' ---- Peers 4 & 5! ---- ', '4 and 5'],
  ['a number keeps its digits as printed', 'Store 0020 request accepted', 'store 0020 request accepted'],
  ['a capital after a number starts a new word', 'from Peer 4Ping request', 'from 4 ping request'],
  ['a capital after a lower-case letter starts a new word', 'my successorStore 2067', 'successor store 2067'],
  ['two glued lower-case words are split', 'my successorstore 2067', 'successor store 2067'],
  ['a protocol word glued to a number', 'Peer14 had file4103', '14 had file 4103'],
  ['a protocol word glued after a number', 'from peer 19file 4103 received', 'from 19 file 4103 received'],
  ['an identifier mixing letters and digits is foreign', 'peer14x v2 abc123 14x', '? ? ? ?'],
  ['an identifier with "_" is foreign', 'received_4103.pdf', '? pdf'],
  ['an unknown word is foreign', 'Join request has been approved', 'join request ?'],
  ['ANSI codes and control characters are not words', '\u001b[1;31mPeer 14\u0007 is no longer alive\u001b[0m', '14 no longer alive'],
  ['an upper-case run before a capitalised word', 'PINGRequest STORE', 'ping request store'],
  ['nothing', '', ''],
];

for (const [title, line, tokens] of table) {
  test(`tokensOf: ${title}: ${JSON.stringify(line)}`, (t) => {
    t.is(tokensOf(line).join(' '), tokens);
  });
}
