/**
 * Scenario files checked against the ring model before anything runs: every built-in scenario
 * loads, and every mistake is a usage error naming the file.
 */
import test from 'ava';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ConformError } from '../errors.ts';
import { BUILT_IN_DIR, loadScenarios, parseScenario } from './load.ts';
import { ACTIONS } from '../protocol/actions.ts';

const dir = mkdtempSync(join(tmpdir(), 'conform-scenario-test-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
/** A fresh directory holding the given files. */
function folder(files: Record<string, string>): string {
  const path = join(dir, `case-${count++}`);
  mkdirSync(path);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return path;
}

const STANDARD = [2, 4, 5, 8, 9, 14, 19];
/** A valid scenario's JSON with some fields changed. */
function scenario(fields: Record<string, unknown>): string {
  return JSON.stringify({ name: 'example', description: 'An example.', ring: STANDARD, actions: [{ quit: 9 }], ...fields });
}

test('every built-in scenario loads, each named after its file', (t) => {
  const files = readdirSync(BUILT_IN_DIR).filter((f) => f.endsWith('.json')).sort();
  const scenarios = loadScenarios();
  t.true(scenarios.length >= 10);
  t.deepEqual(scenarios.map((s) => `${s.name}.json`), files);
  t.true(scenarios.some((s) => s.pings), 'a scenario grades pings');
  t.true(scenarios.some((s) => s.chained), 'a chained scenario');
});

test('parseScenario keeps the actions, sorts the ring and keeps only flags that are set', (t) => {
  const parsed = parseScenario(
    'x.json',
    JSON.stringify({
      name: 'all-kinds',
      description: 'Every kind of action.',
      ring: [19, 2, 9, 4],
      chained: true,
      pings: false,
      actions: [{ join: 15, known: 4 }, { quit: 9 }, { kill: 19 }, { store: '0020', at: 2 }, { request: '0020', at: 4, bytes: 1024 }],
    }),
  );
  t.deepEqual(parsed, {
    name: 'all-kinds',
    description: 'Every kind of action.',
    ring: [2, 4, 9, 19],
    actions: [
      { type: 'join', peer: 15, known: 4 },
      { type: 'quit', peer: 9 },
      { type: 'kill', peer: 19 },
      { type: 'store', file: '0020', at: 2 },
      { type: 'request', file: '0020', at: 4, bytes: 1024 },
    ],
    chained: true,
  });
});

test('every action written back as JSON loads again as itself', (t) => {
  const actions = [{ join: 15, known: 4, pause: 0.5 }, { quit: 9 }, { kill: 19 }, { kill: 2, phase: 'mid-round', pause: 2 }, { store: '0020', at: 4 }, { request: '0020', at: 4, bytes: 1024 }];
  const parsed = parseScenario('x.json', scenario({ ring: [19, 2, 9, 4, 7], actions }));
  t.deepEqual(parsed.actions.map((a) => ACTIONS[a.type].json(a as never)), actions);
});

test('a scenario with no actions is fine when it grades pings', (t) => {
  t.deepEqual(parseScenario('p.json', scenario({ actions: [], pings: true })).pings, true);
});

test('actions follow the ring as it changes: join then quit of the joiner, quit then join again', (t) => {
  const actions = [{ join: 15, known: 4 }, { quit: 15 }, { kill: 9 }, { join: 9, known: 2 }];
  t.is(parseScenario('x.json', scenario({ actions })).actions.length, 4);
});

const mistakes: { title: string; text: string; mentions: string }[] = [
  { title: 'bad JSON', text: '{"name": "x",', mentions: 'not valid JSON' },
  { title: 'a list, not an object', text: '[]', mentions: 'must be a JSON object' },
  { title: 'an unknown key', text: scenario({ timeout: 30 }), mentions: 'unknown key "timeout"' },
  { title: 'a name not in kebab-case', text: scenario({ name: 'Join_Middle' }), mentions: '"name" must be kebab-case' },
  { title: 'no description', text: scenario({ description: ' ' }), mentions: '"description"' },
  { title: 'a ring with a peer twice', text: scenario({ ring: [2, 4, 4, 8] }), mentions: '"ring" lists a peer twice' },
  { title: 'a ring of 2 peers', text: scenario({ ring: [2, 4], actions: [{ store: '0001', at: 2 }] }), mentions: 'at least 3 peer IDs' },
  { title: 'a peer ID above 255', text: scenario({ ring: [2, 4, 256] }), mentions: 'at least 3 peer IDs in 0..255' },
  { title: 'actions not a list', text: scenario({ actions: { quit: 9 } }), mentions: '"actions" must be a list' },
  { title: 'a flag that is not a boolean', text: scenario({ pings: 'yes' }), mentions: '"pings" must be true or false' },
  { title: 'an action with unknown keys', text: scenario({ actions: [{ quit: 9, at: 2 }] }), mentions: 'action 1 has keys {at,quit}' },
  { title: 'an action that is not an object', text: scenario({ actions: ['quit 9'] }), mentions: 'action 1 must be an object' },
  { title: 'join of a peer already present', text: scenario({ actions: [{ join: 9, known: 4 }] }), mentions: 'action 1: peer 9 is already in the ring' },
  { title: 'join through a known peer that is absent', text: scenario({ actions: [{ join: 15, known: 3 }] }), mentions: 'action 1: peer 3 is not in the ring 2 4 5 8 9 14 19' },
  { title: 'quit of an absent peer', text: scenario({ actions: [{ quit: 3 }] }), mentions: 'action 1: peer 3 is not in the ring' },
  { title: 'quit of a peer that already left', text: scenario({ actions: [{ quit: 9 }, { kill: 9 }] }), mentions: 'action 2: peer 9 is not in the ring 2 4 5 8 14 19' },
  { title: 'a store at a peer that was killed', text: scenario({ actions: [{ kill: 14 }, { store: '2067', at: 14 }] }), mentions: 'action 2: peer 14 is not in the ring' },
  { title: 'shrinking a ring of 3', text: scenario({ ring: [2, 4, 5], actions: [{ quit: 2 }] }), mentions: 'action 1: the ring 2 4 5 would shrink below 3 peers' },
  { title: 'shrinking below 3 after a departure', text: scenario({ ring: [2, 4, 5, 8], actions: [{ kill: 8 }, { quit: 2 }] }), mentions: 'action 2: the ring 2 4 5 would shrink below 3 peers' },
  { title: 'a file name of 3 digits', text: scenario({ actions: [{ store: '207', at: 8 }] }), mentions: 'file names are four digits' },
  { title: 'a file name as a number', text: scenario({ actions: [{ request: 2067, at: 8 }] }), mentions: 'file names are four digits' },
  { title: 'a file name with a .pdf', text: scenario({ actions: [{ store: '2067.pdf', at: 8 }] }), mentions: 'file names are four digits' },
  { title: 'bytes of 0', text: scenario({ actions: [{ request: '2067', at: 8, bytes: 0 }] }), mentions: 'bytes must be a whole number' },
  { title: 'bytes above 64 MiB', text: scenario({ actions: [{ request: '2067', at: 8, bytes: 64 * 1024 * 1024 + 1 }] }), mentions: 'bytes must be a whole number' },
  { title: 'fractional bytes', text: scenario({ actions: [{ request: '2067', at: 8, bytes: 1.5 }] }), mentions: 'bytes must be a whole number' },
  { title: 'bytes as a string', text: scenario({ actions: [{ request: '2067', at: 8, bytes: '1024' }] }), mentions: 'bytes must be a whole number' },
  { title: 'bytes on a store', text: scenario({ actions: [{ store: '2067', at: 8, bytes: 10 }] }), mentions: 'action 1 has keys {at,bytes,store}' },
  { title: 'no actions and no pings', text: scenario({ actions: [] }), mentions: 'it would check nothing' },
  { title: 'a negative pause', text: scenario({ actions: [{ quit: 9, pause: -1 }] }), mentions: 'pause must be a number of seconds from 0 to 60' },
  { title: 'a kill phase that is not one', text: scenario({ actions: [{ kill: 9, phase: 'noon' }] }), mentions: 'phase must be one of after-round, mid-round, before-round' },
];

for (const { title, text, mentions } of mistakes) {
  test(`parseScenario: a usage error naming the file: ${title}`, (t) => {
    const error = t.throws(() => parseScenario('broken.json', text), { instanceOf: ConformError });
    t.is(error?.code, 'usage');
    t.true(error?.message.startsWith('scenario broken.json: '), error?.message);
    t.true(error?.message.includes(mentions), `${error?.message} should mention ${mentions}`);
    t.false(error?.message.includes('\n'), 'one line');
  });
}

test('bytes of exactly 64 MiB are allowed', (t) => {
  const parsed = parseScenario('x.json', scenario({ actions: [{ request: '2067', at: 8, bytes: 64 * 1024 * 1024 }] }));
  t.deepEqual(parsed.actions, [{ type: 'request', file: '2067', at: 8, bytes: 64 * 1024 * 1024 }]);
});

test('loadScenarios reads every *.json of a directory, by name, and single files too', (t) => {
  const path = folder({
    'b.json': scenario({ name: 'b' }),
    'a.json': scenario({ name: 'a' }),
    'notes.txt': 'not a scenario',
  });
  t.deepEqual(loadScenarios([path]).map((s) => s.name), ['a', 'b']);
  t.deepEqual(loadScenarios([join(path, 'b.json')]).map((s) => s.name), ['b']);
});

test('loadScenarios names the file of a broken scenario', (t) => {
  const path = folder({ 'fine.json': scenario({ name: 'fine' }), 'bad.json': scenario({ name: 'bad', ring: [2, 4] }) });
  const error = t.throws(() => loadScenarios([path]), { instanceOf: ConformError });
  t.is(error?.code, 'usage');
  t.true(error?.message.startsWith('scenario bad.json: '), error?.message);
});

test('loadScenarios: a directory with no *.json is a usage error naming it', (t) => {
  const path = folder({ 'README.txt': 'nothing here' });
  const error = t.throws(() => loadScenarios([path]), { instanceOf: ConformError });
  t.is(error?.code, 'usage');
  t.true(error?.message.includes('no scenario files (*.json)'), error?.message);
  t.true(error?.message.includes(path), error?.message);
});

test('loadScenarios: a path that does not exist is a usage error naming it', (t) => {
  const path = join(dir, 'no-such-dir');
  const error = t.throws(() => loadScenarios([path]), { instanceOf: ConformError });
  t.is(error?.code, 'usage');
  t.true(error?.message.includes(path), error?.message);
});

test('loadScenarios: two scenarios with the same name are a usage error naming it', (t) => {
  const one = folder({ 'join.json': scenario({ name: 'same-name' }) });
  const two = folder({ 'other.json': scenario({ name: 'same-name' }) });
  const error = t.throws(() => loadScenarios([one, two]), { instanceOf: ConformError });
  t.is(error?.code, 'usage');
  t.true(error?.message.includes('"same-name"'), error?.message);
});

// Regression: the message names the scenario but not the two files that carry the name.
test('two scenarios with the same name name both files', (t) => {
  const one = folder({ 'join.json': scenario({ name: 'same-name' }) });
  const two = folder({ 'other.json': scenario({ name: 'same-name' }) });
  const error = t.throws(() => loadScenarios([one, two]), { instanceOf: ConformError });
  t.true(error?.message.includes(join(one, 'join.json')), error?.message);
  t.true(error?.message.includes(join(two, 'other.json')), error?.message);
});

test('loadScenarios: the same file given twice is two scenarios of one name', (t) => {
  const path = folder({ 'twice.json': scenario({ name: 'twice' }) });
  const file = join(path, 'twice.json');
  const error = t.throws(() => loadScenarios([file, path]), { instanceOf: ConformError });
  t.true(error?.message.includes(`"${basename(file, '.json')}"`), error?.message);
});
