/** Submission text never acts on its reader, whatever it holds. */
import test from 'ava';
import { htmlText, markdownText, plainLine, visibleText } from './safe-text.ts';

const hostile = '\u001b[2J\u001b[31mred\u001b[0m\u0000 nul\u0007 bell\u0085 c1\ttab <script>alert(1)</script> `x` *y*';

test('plainLine drops ANSI sequences and every control character, tabs become spaces', (t) => {
  t.is(plainLine(hostile), 'red nul bell c1 tab <script>alert(1)</script> `x` *y*');
  t.is(plainLine('line\r\nnext'), 'linenext');
});

test('visibleText shows control characters as \\xNN and keeps lines', (t) => {
  t.is(visibleText('a\u0000b\u001bc\nd\u009b'), 'a\\x00b\\x1bc\nd\\x9b');
});

test('markdownText escapes what Markdown acts on', (t) => {
  t.is(markdownText('<b>`x`</b> *y* [l](u) |'), '\\<b\\>\\`x\\`\\</b\\> \\*y\\* \\[l\\]\\(u\\) \\|');
});

test('htmlText escapes markup and quotes, so nothing runs', (t) => {
  t.is(htmlText(`<img src=x onerror="alert('1')">&`), '&#60;img src=x onerror=&#34;alert(&#39;1&#39;)&#34;&#62;&#38;');
  t.false(htmlText(hostile).includes('<'));
});
