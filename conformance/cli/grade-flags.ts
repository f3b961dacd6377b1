/**
 * The flags every grading command shares (`run`, `batch`): how peers are started and judged.
 * One parser for them, so that `conform batch` grades each submission exactly as `conform run`.
 */
import { DEFAULT_RUBRIC, loadRubric, type Rubric } from '../checkers/rubric.ts';
import { usageError } from '../errors.ts';
import { timingFor } from '../runner/timing.ts';
import type { Timing } from '../runner/timing.ts';
import { loadScenarios } from '../scenarios/load.ts';
import type { Scenario } from '../scenarios/types.ts';
import { numberFlag } from './args.ts';

/**
 * Scenarios run side by side. Rings mostly wait on timers, so this is not the core count: on 2
 * cores `npm run bench:run` graded the reference peer's 18 scenarios in 9.1 s with 8 jobs,
 * 8.1 s with 12 (its longest scenario alone: 8.1 s) and 9.3 s with 16, where start-ups compete.
 */
export const DEFAULT_JOBS = 12;

export const GRADE_FLAGS = {
  'ping-interval': { type: 'string' },
  'port-base': { type: 'string' },
  'detect-deadline': { type: 'string' },
  jobs: { type: 'string' },
  scenarios: { type: 'string', multiple: true },
  only: { type: 'string', multiple: true },
  rubric: { type: 'string' },
  env: { type: 'string', multiple: true },
  repeat: { type: 'string' },
} as const;

export const GRADE_FLAGS_HELP = `  --ping-interval <seconds>  PING_INTERVAL given to every peer (default 1)
  --port-base <n>            expected port base: peer i binds UDP and TCP base+i (default 12000)
  --detect-deadline <s>      how long predecessors may take to notice a killed peer (default 60)
  --jobs <n>                 rings run at once (default ${DEFAULT_JOBS})
  --scenarios <path>         a scenario file or directory (repeatable; default: the built-in set)
  --only <name>              run only the named scenario (repeatable)
  --rubric <file>            points per rubric item (JSON; see README)
  --env NAME=VALUE           pass a variable to every peer (repeatable; peers otherwise get a
                             minimal environment: PATH, HOME, LANG, JAVA_HOME, ...)
  --repeat <n>               run each scenario n times (default 1); a step that passes in some
                             runs and fails in others is FLAKY, counted as failed; kills fall in
                             turn just after, half-way between and just before ping rounds`;

type GradeFlagValues = {
  'ping-interval'?: string;
  'port-base'?: string;
  'detect-deadline'?: string;
  jobs?: string;
  scenarios?: string[];
  only?: string[];
  rubric?: string;
  env?: string[];
  repeat?: string;
};

/** What the grading flags settle: the same for every submission of a batch. */
export type GradeSettings = {
  /** PING_INTERVAL as typed, passed to the peers as is. */
  readonly pingInterval: string;
  readonly interval: number;
  readonly portBase: number;
  readonly detectSeconds: number;
  readonly jobs: number;
  readonly rubric: Rubric;
  readonly env: Record<string, string>;
  readonly scenarios: readonly Scenario[];
  readonly timing: Timing;
  /** How many times each scenario runs. */
  readonly repeats: number;
};

/** `--env NAME=VALUE` flags as an environment, or a usage error naming the bad one. */
export function envFlags(values: readonly string[] = []): Record<string, string> {
  const env: Record<string, string> = {};
  for (const value of values) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
    if (!match) throw usageError(`--env takes NAME=VALUE with a name of letters, digits and _, not "${value}"`);
    env[match[1]] = match[2];
  }
  return env;
}

export function gradeSettings(values: GradeFlagValues): GradeSettings {
  const interval = numberFlag('ping-interval', values['ping-interval'], 1, 0.1, 60);
  const portBase = numberFlag('port-base', values['port-base'], 12000, 1024, 65535 - 255, true);
  const detectSeconds = numberFlag('detect-deadline', values['detect-deadline'], 60, 1, 600);
  const jobs = numberFlag('jobs', values.jobs, DEFAULT_JOBS, 1, 64, true);
  const repeats = numberFlag('repeat', values.repeat, 1, 1, 100, true);
  const rubric = values.rubric ? loadRubric(values.rubric) : DEFAULT_RUBRIC;
  const env = envFlags(values.env);
  let scenarios = loadScenarios(values.scenarios);
  const only = values.only;
  if (only) {
    const unknown = only.filter((name) => !scenarios.some((s) => s.name === name));
    if (unknown.length) throw usageError(`--only names no scenario "${unknown[0]}" (known: ${scenarios.map((s) => s.name).join(', ')})`);
    scenarios = scenarios.filter((s) => only.includes(s.name));
  }
  const pingInterval = values['ping-interval'] ?? '1';
  return { pingInterval, interval, portBase, detectSeconds, jobs, rubric, env, scenarios, timing: timingFor({ interval, detectSeconds }), repeats };
}
