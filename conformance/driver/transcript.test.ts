import test from 'ava';
import { Transcript } from './transcript.ts';

const clock = () => 0;

test('splits pty output into lines across chunks, dropping \\r', (t) => {
  const transcript = new Transcript(clock);
  transcript.feed('Ping requests sent to Peers 4 and 5\r\nPing resp');
  transcript.feed('onse received from Peer 4\r\n\r\nhalf');
  t.deepEqual(transcript.lines().map((l) => l.text), ['Ping requests sent to Peers 4 and 5', 'Ping response received from Peer 4', '']);
  transcript.end();
  t.deepEqual(transcript.lines().map((l) => l.text).at(-1), 'half');
});

test('keeps the head and the tail of a flood and counts what it cut', (t) => {
  const transcript = new Transcript(clock, { head: 3, tail: 2, lineLength: 100, chars: 1000 });
  for (let i = 0; i < 20; i++) transcript.feed(`line ${i}\n`);
  const lines = transcript.lines();
  t.deepEqual(lines.map((l) => l.text), ['line 0', 'line 1', 'line 2', 'line 18', 'line 19']);
  t.deepEqual(lines.map((l) => l.seq), [0, 1, 2, 18, 19]);
  t.is(transcript.cut.lines, 15);
  t.is(transcript.nextSeq, 20);
});

test('cuts the middle of a line without end, keeping a message glued at its end', (t) => {
  const transcript = new Transcript(clock, { head: 10, tail: 10, lineLength: 8, chars: 1000 });
  transcript.feed('x'.repeat(20));
  transcript.feed('y'.repeat(20));
  transcript.feed('Store 0001 request accepted\nnext\n');
  const [first, second] = transcript.lines().map((l) => l.text);
  t.true(first.startsWith('xxxx [... '), first);
  t.true(first.endsWith(' pted'), first);
  t.is(second, 'next');
  t.is(transcript.cut.chars, 20 + 20 + 27 - 8);
});

test('a long line in one chunk keeps its start and end', (t) => {
  const transcript = new Transcript(clock, { head: 10, tail: 10, lineLength: 10, chars: 1000 });
  transcript.feed(`${'z'.repeat(100)}File 4103 received\n`);
  t.regex(transcript.lines()[0].text, /^zzzzz \[\.\.\. 108 characters cut \.\.\.\] eived$/);
});

test('listeners see every line and linesFrom filters by seq', (t) => {
  const transcript = new Transcript(clock);
  const seen: string[] = [];
  const stop = transcript.onLine((l) => seen.push(l.text));
  transcript.feed('a\nb\n');
  stop();
  transcript.feed('c\n');
  t.deepEqual(seen, ['a', 'b']);
  t.deepEqual(transcript.linesFrom(1).map((l) => l.text), ['b', 'c']);
});

test('bounds memory by characters as well as lines', (t) => {
  const transcript = new Transcript(clock, { head: 100, tail: 100, lineLength: 100, chars: 50 });
  for (let i = 0; i < 100; i++) transcript.feed(`${'x'.repeat(9)}${i % 10}\n`);
  const kept = transcript.lines();
  t.true(kept.reduce((n, l) => n + l.text.length, 0) <= 100);
  t.is(kept.length + transcript.cut.lines, 100);
  t.is(kept.at(-1)?.seq, 99);
});

test('keeps notable lines from the middle of a flood, a repeated one only now and then', (t) => {
  const transcript = new Transcript(clock, { head: 2, tail: 2, lineLength: 100, chars: 10_000 }, (text) => text.startsWith('Ping'));
  transcript.feed('a\nb\n');
  for (let i = 0; i < 3000; i++) transcript.feed(i === 1500 ? 'Ping response received from Peer 4\n' : 'Store 2067 request forwarded\n');
  transcript.feed('Ping response received from Peer 4\nz\n');
  const texts = transcript.lines().map((l) => l.text);
  t.deepEqual(texts.slice(0, 3), ['a', 'b', 'Ping response received from Peer 4']);
  t.deepEqual(texts.slice(-2), ['Ping response received from Peer 4', 'z']);
  t.is(transcript.cut.lines, 3004 - texts.length);
});
