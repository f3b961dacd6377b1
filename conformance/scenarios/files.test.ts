/** A scenario's files lie in place from the start, where the model says their owners are. */
import test from 'ava';
import { parseScenario } from './load.ts';
import { scenarioFiles, DEFAULT_FILE_BYTES } from './files.ts';

const scenario = (extra: object) =>
  parseScenario('t.json', JSON.stringify({ name: 't', description: 'd', ring: [2, 4, 5, 8, 9, 14, 19], ...extra }));

test('each stored or requested file is at every peer that owns its key during the scenario', (t) => {
  // 2067 has key 19: owner 19; after join 20 the owner of key 20 (2068) moves from 2 to 20.
  const files = scenarioFiles(scenario({ actions: [{ store: '2067', at: 8 }, { request: '2068', at: 4 }, { join: 20, known: 4 }, { request: '2068', at: 5, bytes: 100 }] }));
  t.deepEqual(files.map((f) => [f.name, f.holders, f.content.length]), [
    ['2067', [19], DEFAULT_FILE_BYTES],
    ['2068', [2, 20], 100],
  ]);
});

test('"files": "every-peer" puts them in every directory, the joiners\' too', (t) => {
  const [file] = scenarioFiles(scenario({ files: 'every-peer', actions: [{ join: 15, known: 4 }, { request: '4103', at: 2 }] }));
  t.deepEqual(file.holders, [2, 4, 5, 8, 9, 14, 15, 19]);
});

test('"files" takes only its two values', (t) => {
  t.throws(() => scenario({ files: 'all', actions: [{ quit: 9 }] }), { message: /"files" must be "owner" or "every-peer"/ });
});
