/**
 * `--cmd` handling: split a command line into words the way a shell would (quotes, backslashes),
 * and find programs on PATH. No shell ever runs it, so anything a shell would expand or interpret
 * is refused with advice rather than passed on as a literal word.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, resolve } from 'node:path';
import { usageError } from '../errors.ts';

// Unquoted characters a shell treats as operators or expansions.
const SHELL_ONLY = new Set(['|', '&', ';', '<', '>', '(', ')', '`', '$']);

/** Splits `python3 'my dir/p2p.py'` into words; throws a usage error for what only a shell could run. */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  const refuse = (what: string): never => {
    throw usageError(
      `--cmd is split into words, not run by a shell: ${what} in ${JSON.stringify(line)}; ` +
        `wrap it as --cmd "sh -c '…'" or quote it`,
    );
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) refuse('an unterminated single quote');
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      inWord = true;
      let closed = false;
      for (i++; i < line.length; i++) {
        const d = line[i];
        if (d === '"') {
          closed = true;
          break;
        }
        if (d === '$' || d === '`') refuse(`'${d}' (no expansion happens)`);
        if (d === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
          i++;
          if (line[i] !== '\n') word += line[i];
        } else {
          word += d;
        }
      }
      if (!closed) refuse('an unterminated double quote');
    } else if (c === '\\') {
      if (i + 1 < line.length) {
        i++;
        if (line[i] !== '\n') {
          word += line[i];
          inWord = true;
        }
      }
    } else if (SHELL_ONLY.has(c)) {
      refuse(`unquoted '${c}'`);
    } else if (c === '~' && !inWord && (i + 1 === line.length || '/ \t\n'.includes(line[i + 1]))) {
      word += homedir();
      inWord = true;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Whether `path` is a regular file we may execute. */
export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where `name` is found on PATH, or undefined. `full` is absolute even when the PATH entry is not. */
export function findOnPath(name: string, path = process.env.PATH ?? ''): { full: string; relativeEntry: boolean } | undefined {
  for (const dir of path.split(delimiter)) {
    // An empty PATH entry means the current directory, as in a shell.
    const full = resolve(dir === '' ? '.' : dir, name);
    if (isExecutableFile(full)) return { full, relativeEntry: !isAbsolute(dir) };
  }
  return undefined;
}

/** Quotes words for display so that a person could paste them into a shell. */
export function displayCommand(words: readonly string[]): string {
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`)).join(' ');
}
