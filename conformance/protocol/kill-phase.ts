/**
 * Where a kill falls in its victim's ping cycle. Some races show only for some kills: a
 * predecessor that notices a death only in part of its heartbeat window, or one that asks a
 * neighbour for its successors before the neighbour has noticed. Across the runs of `--repeat`
 * conform aims each kill at another part of the cycle, in turn: just after a ping round, half-way
 * between two, just before the next. The moment is the victim's own `Ping requests sent` line:
 * the one event of its cycle that a grader can see.
 */
export type KillPhase = 'after-round' | 'mid-round' | 'before-round';

/**
 * Where a kill fell in its victim's ping cycle: the phase aimed at, and how long after the start
 * of the victim's last ping round it came (absent when the victim printed no round to aim by).
 */
export type KillCycle = { readonly phase: KillPhase; readonly intervalMs: number; readonly afterRoundMs?: number };

export const KILL_PHASES: readonly { readonly phase: KillPhase; readonly fraction: number; readonly words: string }[] = [
  { phase: 'after-round', fraction: 0.1, words: 'just after a ping round' },
  { phase: 'mid-round', fraction: 0.5, words: 'half-way between two ping rounds' },
  { phase: 'before-round', fraction: 0.9, words: 'just before the next ping round' },
];

export const KILL_PHASE_NAMES: readonly KillPhase[] = KILL_PHASES.map((p) => p.phase);

/**
 * The phase a kill aims at: the one its scenario names, else run r (from 0) of `--repeat` takes
 * the phases in turn.
 */
export function killPhaseOf(repeat: number, fixed?: KillPhase): (typeof KILL_PHASES)[number] {
  return fixed ? KILL_PHASES.find((p) => p.phase === fixed)! : KILL_PHASES[repeat % KILL_PHASES.length];
}

/** Where a kill fell, in words for the report. */
export function killCycleInWords(victim: number, cycle: KillCycle): string {
  const aim = KILL_PHASES.find((p) => p.phase === cycle.phase)!;
  if (cycle.afterRoundMs === undefined) {
    return `peer ${victim} was killed without aiming (aimed ${aim.words}): it printed no 'Ping requests sent' line to aim by`;
  }
  const share = cycle.afterRoundMs / cycle.intervalMs;
  return `peer ${victim} was killed ${(cycle.afterRoundMs / 1000).toFixed(2)} s after its last ping round began, ${Math.round(share * 100)}% of an interval (aimed ${aim.words})`;
}
