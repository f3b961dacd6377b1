/** Submission text inside XML 1.0: plain, without the characters XML forbids, and escaped. */
import { plainLine } from '../conformance/safe-text.ts';

// XML 1.0 allows tab, newline, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000 up: not lone
// surrogates, U+FFFE or U+FFFF (a program printing garbage bytes can produce any of them).
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** One line for an attribute or element. */
export function xmlText(text: string): string {
  return plainLine(text).replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Several lines for element content. */
export function xmlLines(lines: readonly string[]): string {
  return lines.map(xmlText).join('\n');
}
