/**
 * `npm run fuzz:soak -- --time 30m`: the fuzzer against the reference peer for a long time, to
 * show the property holds and how fast it goes. Prints commands per minute and failures; exits 1
 * on any failure. Not part of `npm test`.
 */
import { parseArgs } from 'node:util';
import { PEER_BIN } from '../conformance/cli/peer-command.ts';
import { durationFlag, renderOutcome } from '../conformance/cli/fuzz-command.ts';
import { hasNamespaces } from '../conformance/driver/namespace.ts';
import { timingFor } from '../conformance/runner/timing.ts';
import { createFuzzProgress } from '../reports/fuzz-progress.ts';
import { runFuzz } from './fuzz.ts';

const { values } = parseArgs({ options: { time: { type: 'string' }, seed: { type: 'string' }, jobs: { type: 'string' }, 'ping-interval': { type: 'string' } } });
const interval = values['ping-interval'] ?? '0.2';
const seed = values.seed !== undefined ? Number(values.seed) : (Math.random() * 2 ** 31) | 0;
const controller = new AbortController();
process.on('SIGINT', () => controller.abort());
process.stderr.write(`soak: reference peer, ping interval ${interval} s, seed ${seed}\n`);
const progress = createFuzzProgress();
const outcome = await runFuzz({
  program: [PEER_BIN],
  interval,
  timing: timingFor({ interval: Number(interval), detectSeconds: 10 }),
  portBase: 12000,
  isolate: hasNamespaces(),
  seed,
  timeMs: durationFlag(values.time, 30 * 60_000),
  jobs: Number(values.jobs ?? 1),
  signal: controller.signal,
  onProgress: progress.onProgress,
});
progress.done();
process.stdout.write(renderOutcome(outcome));
process.stdout.write(`soak: ${outcome.commands} commands in ${(outcome.elapsedMs / 60_000).toFixed(1)} min, failures ${outcome.failures}\n`);
process.exitCode = outcome.failure ? 1 : 0;
