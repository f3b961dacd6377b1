import test from 'ava';
import { FAILED, gradeOf, HISTORY, INFO } from './_grade-fixture.ts';
import { renderHtml } from './html.ts';
import { ringMismatches, printedSuccessors } from './svg-ring.ts';

const html = renderHtml(gradeOf(), INFO);

test('the ring compares the model with the successors each peer printed last', (t) => {
  t.deepEqual(printedSuccessors(HISTORY).get(9), { first: 14, second: 15 });
  t.deepEqual(printedSuccessors(HISTORY).get(15), { first: 19, second: 2 });
  // After join 15: 14's successors are 15 and 19, 9's are 14 and 15; 14 never printed, so it
  // still has the 19 and 2 its command line gave it.
  t.deepEqual(ringMismatches(HISTORY), [
    { peer: 14, which: 'first', expected: 15, printed: 19 },
    { peer: 14, which: 'second', expected: 19, printed: 2 },
  ]);
  t.regex(html, /<path class="wrong" [^>]*><title>peer 14 printed first successor 19; the model&#39;s is 15<\/title>/);
  t.regex(html, /<g class="node joined">.*?<text[^>]*>15<\/text>/);
  t.regex(html, /2 successors printed wrong/);
});

test('the page has the step table, the failed check with its lines, and both pictures', (t) => {
  t.regex(html, /<tr><td>3<\/td><td>Peer joining<\/td><td class="fail">FAIL<\/td><td>0\/14<\/td><td>peer 9 printed no/);
  t.regex(html, /expected line: <code class="expected">My new second successor is Peer 15<\/code> \(peer 9\)/);
  t.regex(html, /closest line printed: <code class="actual">My new first successor is Peer 14<\/code>, 0\.3 s after the action/);
  t.regex(html, /rerun it: <code>npx conform run \/subs\/alice\/p2p\.py --only join-middle<\/code>/);
  t.regex(html, /<svg class="ring"/);
  t.regex(html, /<svg class="timeline"/);
  t.regex(html, /<g class="action failed">/);
  t.regex(html, /Join request accepted/, 'wording warnings are listed');
});

test('submission text is shown, never run, and the page needs nothing from outside', (t) => {
  t.notRegex(html, /<script|<img|onerror="/i);
  t.regex(html, /&#60;script&#62;window\.__pwned=1&#60;\/script&#62;/);
  t.notRegex(html, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
  t.notRegex(html, /(src|href)=["']?(https?:)?\/\//);
  t.regex(html, /Content-Security-Policy" content="default-src &#39;none&#39;|Content-Security-Policy" content="default-src 'none'/);
});

test('transcripts are collapsed and say what the output cap cut', (t) => {
  t.is(html.match(/<details class="transcript">/g)?.length, HISTORY.peers.length);
  t.regex(html, /conform&#39;s output cap had already left out 12 lines and 300 characters/);
  t.regex(html, /Traceback &#60;b&#62;bold&#60;\/b&#62;/);
});

test('a long transcript is capped on the page, pointing at its log file', (t) => {
  const lines = Array.from({ length: 5000 }, (_, i) => ({ seq: i, at: 1000 + i, text: `Ping request message received from Peer 8 ${'x'.repeat(i % 7 ? 10 : 1000)}` }));
  const flooded = { ...HISTORY, peers: HISTORY.peers.map((p) => (p.peer === 9 ? { ...p, lines } : p)) };
  const grade = gradeOf([FAILED]);
  const big = renderHtml({ ...grade, scenarios: grade.scenarios.map((r) => ({ ...r, history: flooded, transcripts: flooded.peers })) }, INFO);
  t.regex(big, /\d{4} more lines are in transcripts\/join-middle\/peer-9\.log/);
  t.regex(big, /characters cut\)/);
  t.true(big.length < 150_000, `${big.length} characters`);
});
