/**
 * Commands typed on stdin, one per line (spec §1): `Store NNNN`, `Request NNNN`, `Quit`.
 * End of input does not stop the peer: it keeps serving the ring until it quits or is killed.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export type Command =
  | { readonly kind: 'store'; readonly file: string }
  | { readonly kind: 'request'; readonly file: string }
  | { readonly kind: 'quit' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'unknown'; readonly problem: string };

/** One typed line as a command. Command words are matched without regard to case. */
export function parseCommand(line: string): Command {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: 'empty' };
  const word = words[0].toLowerCase();
  if (word === 'quit' && words.length === 1) return { kind: 'quit' };
  if ((word === 'store' || word === 'request') && words.length === 2) {
    const file = words[1];
    if (!/^\d{4}$/.test(file)) return { kind: 'unknown', problem: `file name '${file}' is not four digits (0000..9999)` };
    return { kind: word, file };
  }
  return { kind: 'unknown', problem: `unknown command '${line.trim().slice(0, 80)}' (expected Store NNNN, Request NNNN or Quit)` };
}

/** Calls `onCommand` for each line of `input`. */
export function readCommands(input: Readable, onCommand: (command: Command) => void): void {
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  lines.on('line', (line) => onCommand(parseCommand(line)));
  input.on('error', () => undefined); // a closed or broken stdin only ends the commands
}
