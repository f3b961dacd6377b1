/**
 * Submission text made safe for whoever reads it: a terminal, a text file, Markdown or HTML. A
 * student's program may print ANSI escapes, control characters, NUL bytes, C1 controls, HTML or
 * backticks; none of them may act on the reader (move a cursor, clear a screen, run a script) or
 * break the report around them. Every renderer and every piece of evidence goes through here.
 */
import stripAnsi from 'strip-ansi';

/** Control characters but tab, newline and carriage return: C0, DEL and C1 (a pty passes them). */
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Every control character, tab and line breaks included: one line of evidence has none.
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** One line of plain text: ANSI sequences and control characters removed, tabs as spaces. */
export function plainLine(text: string): string {
  return stripAnsi(text).replace(/\t/g, ' ').replace(ANY_CONTROL, '');
}

/** Text for a file a person opens: control characters shown as `\xNN`, lines kept. */
export function visibleText(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Text inside Markdown: plain, with every character Markdown acts on escaped. */
export function markdownText(text: string): string {
  return plainLine(text).replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => `\\${c}`);
}

/** Text inside HTML (element content or a quoted attribute): plain, with `& < > " '` escaped. */
export function htmlText(text: string): string {
  return plainLine(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
