/**
 * Rubric files (JSON): a valid override merges over the defaults; any mistake is a usage error
 * naming the file and the key.
 */
import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConformError } from '../errors.ts';
import { DEFAULT_RUBRIC, loadRubric } from './rubric.ts';

const dir = mkdtempSync(join(tmpdir(), 'conform-rubric-test-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
/** A rubric file holding `text`, under a name of its own. */
function rubricFile(text: string): string {
  const path = join(dir, `rubric-${count++}.json`);
  writeFileSync(path, text);
  return path;
}

test('an empty object is the default rubric', (t) => {
  t.deepEqual(loadRubric(rubricFile('{}')), DEFAULT_RUBRIC);
});

test('a valid override changes the items it names and the wording penalty, keeping the rest', (t) => {
  const rubric = loadRubric(rubricFile(JSON.stringify({ items: { ports: 5, 'request-content': 0 }, wording: 0.5 })));
  t.deepEqual(rubric, { items: { ...DEFAULT_RUBRIC.items, ports: 5, 'request-content': 0 }, wording: 0.5, flaky: 0 });
  t.is(DEFAULT_RUBRIC.items.ports, 0, 'the defaults are not changed');
});

const mistakes: { title: string; text: string; mentions: string[] }[] = [
  { title: 'an unknown item', text: '{"items": {"pings": 5}}', mentions: ['unknown item "pings"', 'ping-requests'] },
  { title: 'negative points', text: '{"items": {"join": -1}}', mentions: ['"join"', '>= 0'] },
  { title: 'points as a string', text: '{"items": {"join": "14"}}', mentions: ['"join"'] },
  { title: 'a negative wording penalty', text: '{"wording": -1}', mentions: ['"wording"'] },
  { title: 'a flaky share above 1', text: '{"flaky": 1.5}', mentions: ['"flaky"', 'from 0 to 1'] },
  { title: 'items as a list', text: '{"items": [1, 2]}', mentions: ['"items"'] },
  { title: 'not JSON', text: '{"items": {ports: 5}}', mentions: ['cannot read rubric'] },
  { title: 'an unknown top-level key', text: '{"weights": {"join": 20}}', mentions: ['unknown key "weights"', 'items, wording, flaky'] },
  { title: 'a list at the top', text: '[]', mentions: ['must be a JSON object'] },
];

for (const { title, text, mentions } of mistakes) {
  test(`a usage error naming the file and the key: ${title}`, (t) => {
    const path = rubricFile(text);
    const error = t.throws(() => loadRubric(path), { instanceOf: ConformError });
    t.is(error?.code, 'usage');
    t.is(error?.exitCode, 2);
    t.true(error?.message.includes(path), error?.message);
    for (const mention of mentions) t.true(error?.message.includes(mention), `${error?.message} should mention ${mention}`);
    t.false(error?.message.includes('\n'), 'one line');
  });
}

test('a missing rubric file is a usage error naming it', (t) => {
  const path = join(dir, 'no-such-rubric.json');
  const error = t.throws(() => loadRubric(path), { instanceOf: ConformError });
  t.is(error?.code, 'usage');
  t.true(error?.message.includes(path));
});
