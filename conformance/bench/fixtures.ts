/**
 * `npm run bench:fixtures`: grades every broken and variant fixture peer (and the correct one) on
 * one scenario per step, and prints each one's step verdicts and time as a table: the figures for
 * "the fixture peers' verdicts before and after" a change to how lines are judged or when the
 * runner moves on. `--rings N` bounds the rings running at once (default 8); `--only NAME`
 * (repeatable) grades some fixtures; `--ping-interval` (default 0.3).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberFlag, parseFlags } from '../cli/args.ts';
import { gradeProgram } from '../runner/grade-program.ts';
import { createLimiter } from '../runner/run-all.ts';
import { loadScenarios } from '../scenarios/load.ts';
import { resolveSubmission } from '../submission/resolve.ts';

const { values } = parseFlags(process.argv.slice(2), {
  rings: { type: 'string' },
  only: { type: 'string', multiple: true },
  'ping-interval': { type: 'string' },
}, 'bench:fixtures');
const rings = numberFlag('rings', values.rings, 8, 1, 64, true);
const interval = String(numberFlag('ping-interval', values['ping-interval'], 0.3, 0.1, 60));
const FIXTURES = fileURLToPath(new URL('../../fixtures/peers/', import.meta.url));
// One scenario per step, the joins across the wrap and a request typed at its owner.
const NAMES = ['pings', 'join-middle', 'join-wrap-high', 'join-wrap-low', 'quit-middle', 'kill-middle', 'store-keys', 'request-no-store', 'request-at-owner'];
const scenarios = loadScenarios().filter((s) => NAMES.includes(s.name));
const peers = readdirSync(FIXTURES)
  .filter((name) => /^(broken|variant|correct)-/.test(name) && name !== 'broken-compile-java' && name !== 'variant-needs-env')
  .filter((name) => !values.only || values.only.includes(name))
  .sort();
const limiter = createLimiter(rings);
const started = performance.now();
const rows = await Promise.all(
  peers.map(async (name) => {
    const submission = await resolveSubmission({ path: join(FIXTURES, name) });
    try {
      const grade = await gradeProgram(submission.program, { interval, detectSeconds: 30, jobs: 64, scenarios, limiter });
      const steps = grade.steps.map((s) => (s.status === 'pass' ? 'pass' : 'FAIL'));
      // The time its rings ran (every scenario's own time), not the time it queued for a ring.
      const ringMs = grade.scenarios.reduce((sum, r) => sum + r.ms, 0);
      return `${name.padEnd(44)} ${steps.map((s) => s.padEnd(5)).join(' ')} ${`${grade.score}/${grade.max}`.padStart(8)} ${(ringMs / 1000).toFixed(1).padStart(6)} s`;
    } finally {
      await submission.cleanup();
    }
  }),
);
console.log(`fixture peers on ${scenarios.length} scenarios at ping interval ${interval} s, ${rings} rings at once`);
console.log(`${'peer'.padEnd(44)} ${[1, 2, 3, 4, 5, 6, 7].map((n) => `s${n}`.padEnd(5)).join(' ')} ${'points'.padStart(8)} ${'ring time'.padStart(8)}`);
for (const row of rows) console.log(row);
console.log(`${peers.length} fixture peers in ${((performance.now() - started) / 1000).toFixed(0)} s`);
