/** The command line (spec §1): the two start forms, and one clear problem for each bad one. */
import test from 'ava';
import { parseArgs } from './args.ts';

const good: [string, string[], object][] = [
  ['init', ['init', '2', '4', '5', '30'], { mode: 'init', peer: 2, s1: 4, s2: 5, intervalMs: 30_000 }],
  ['fractional interval', ['init', '0', '255', '7', '0.2'], { mode: 'init', peer: 0, s1: 255, s2: 7, intervalMs: 200 }],
  ['join', ['join', '15', '4', '1'], { mode: 'join', peer: 15, known: 4, intervalMs: 1000 }],
];

for (const [name, argv, start] of good) {
  test(`accepts ${name}`, (t) => {
    const parsed = parseArgs(argv, {});
    t.true(parsed.ok);
    if (parsed.ok) {
      t.deepEqual(parsed.start, start);
      t.deepEqual(parsed.settings, { host: '127.0.0.1', portBase: 12000, missedPings: 3 });
    }
  });
}

const bad: [string[], Record<string, string>, RegExp][] = [
  [[], {}, /no mode/],
  [['start', '1', '2', '3', '1'], {}, /unknown mode 'start'/],
  [['init', '300', '4', '5', '1'], {}, /peer ID 300 is outside 0\.\.255/],
  [['init', '-1', '4', '5', '1'], {}, /peer ID -1 is outside/],
  [['init', 'two', '4', '5', '1'], {}, /'two' is not an integer/],
  [['init', '2', '4', '5'], {}, /'init' takes 4 arguments, got 3/],
  [['join', '2', '4', '5', '1'], {}, /'join' takes 3 arguments, got 4/],
  [['init', '2', '4', '5', '0.05'], {}, /below 0\.1/],
  [['init', '2', '4', '5', 'soon'], {}, /not a number of seconds/],
  [['join', '4', '4', '1'], {}, /cannot join through itself/],
  [['init', '2', '4', '5', '1'], { P2P_PORT_BASE: '65500' }, /P2P_PORT_BASE=65500/],
  [['init', '2', '4', '5', '1'], { P2P_MISSED_PINGS: '0' }, /P2P_MISSED_PINGS=0/],
];

for (const [argv, env, problem] of bad) {
  test(`rejects ${argv.join(' ') || '(nothing)'} ${JSON.stringify(env)}`, (t) => {
    const parsed = parseArgs(argv, env);
    t.false(parsed.ok);
    if (!parsed.ok) t.regex(parsed.problem, problem);
  });
}

test('reads the settings from the environment', (t) => {
  const parsed = parseArgs(['init', '2', '4', '5', '1'], { P2P_PORT_BASE: '8000', P2P_MISSED_PINGS: '2' });
  t.true(parsed.ok && parsed.settings.portBase === 8000 && parsed.settings.missedPings === 2);
});
