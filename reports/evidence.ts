/**
 * A failed check's evidence as parts a report can lay out: the line expected, the closest line
 * printed, the peer, and how long after the action that line came. The checkers write one
 * sentence per reason (checkers/lines.ts); this reads the parts back from the sentence and the
 * times from the history, so that the sentence stays the one source of the evidence.
 */
import type { Finding, ScenarioResult } from '../conformance/checkers/grade-model.ts';
import { describeAction } from '../conformance/protocol/actions.ts';
import { plainLine } from '../conformance/safe-text.ts';

export type Evidence = {
  readonly reason: string;
  readonly peer?: number;
  readonly expected?: string;
  readonly closest?: string;
  /** When the closest line was printed, ms after the action was driven. */
  readonly closestMs?: number;
};

// "peer 9 printed no 'X' within 4 s after `join 15 4` (spec …); closest line it printed: 'Y'"
const MISSING = /^peer (\d+) printed no '(.+?)' within .*?; closest line it printed: '(.*)'$/;
const MISSING_ANY = /^peer (\d+) printed no '(.+?)' within /;

/** When the action a finding judged was driven, on the scenario's clock. */
export function actionAt(finding: Finding, result: ScenarioResult): number | undefined {
  for (const phase of result.history.phases) if (phase.kind === 'action' && describeAction(phase.action) === finding.action) return phase.at;
  return undefined;
}

export function evidenceOf(reason: string, finding: Finding, result: ScenarioResult): Evidence {
  const full = MISSING.exec(reason);
  const any = full ?? MISSING_ANY.exec(reason);
  if (!any) return { reason };
  const peer = Number(any[1]);
  const closest = full?.[3];
  const at = actionAt(finding, result);
  let closestMs: number | undefined;
  if (closest !== undefined && at !== undefined) {
    // The quote was cut at 160 characters with "...": compare on what it kept.
    const kept = closest.endsWith('...') ? closest.slice(0, -3) : closest;
    const record = result.transcripts.find((t) => t.peer === peer);
    const line = record?.lines.find((l) => l.at >= at && plainLine(l.text).trim().startsWith(kept));
    if (line) closestMs = line.at - at;
  }
  return { reason, peer, expected: any[2], ...(closest !== undefined ? { closest } : {}), ...(closestMs !== undefined ? { closestMs } : {}) };
}

const shellQuote = (s: string) => (/^[\w./=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * The command that runs just this scenario again. `submission` is the run's description of it
 * (submission/*.ts): the path it came from is read back out of it where it names one.
 */
export function rerunCommand(submission: string, scenario: string): string {
  const path = /^python3 (\S+)$/.exec(submission)?.[1] ?? /\((?:compiled from|built by make from) ([^;)]+)/.exec(submission)?.[1] ?? (/\s/.test(submission) ? undefined : submission);
  return `npx conform run ${path !== undefined ? shellQuote(path) : `--cmd ${shellQuote(submission)}`} --only ${scenario}`;
}
