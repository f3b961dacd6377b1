/** stdin commands (spec §1). */
import test from 'ava';
import { parseCommand } from './commands.ts';

const table: [string, object][] = [
  ['Store 2067', { kind: 'store', file: '2067' }],
  ['Request 0020\r', { kind: 'request', file: '0020' }],
  ['  Quit  ', { kind: 'quit' }],
  ['quit', { kind: 'quit' }],
  ['', { kind: 'empty' }],
];
for (const [line, command] of table) {
  test(`'${line.trim()}' is ${JSON.stringify(command)}`, (t) => t.deepEqual(parseCommand(line), command));
}

for (const line of ['Store 20', 'Store 20670', 'Store abcd', 'Request', 'Quit now', 'Fetch 2067']) {
  test(`'${line}' is refused`, (t) => t.is(parseCommand(line).kind, 'unknown'));
}
