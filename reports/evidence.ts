/**
 * A failed check's evidence as parts a report can lay out: the line expected, the closest line
 * printed, the peer, and how long after the action that line came. A finding carries each reason
 * as a fact (the parts as data, from the checkers); a history judged before facts existed, or a
 * reason a checker gives only as a sentence, has its parts read back from the sentence.
 */
import { PING_MESSAGES } from '../conformance/protocol/catalogue.ts';
import type { Fact, Finding, ScenarioResult } from '../conformance/checkers/grade-model.ts';
import { linesBetween } from '../conformance/history/history.ts';
import { describeAction, expectAction } from '../conformance/protocol/actions.ts';
import { findEvents, sentenceOf } from '../conformance/protocol/matcher.ts';
import { plainLine } from '../conformance/safe-text.ts';
import { shortLine } from '../conformance/checkers/lines.ts';

export type Evidence = {
  readonly reason: string;
  readonly peer?: number;
  readonly expected?: string;
  /** The line it printed instead: the closest to the expected one, or a wrong one. */
  readonly closest?: string;
  /** When that line was printed, ms after the action was driven. */
  readonly closestMs?: number;
};

// The sentences of checkers/lines.ts and false-lines.ts, as [peer, expected, printed] groups:
// "peer 9 printed no 'X' within 4 s after `join 15 4` (spec …); closest line it printed: 'Y'",
// "peer 8 printed 'Y' where 'X' was expected after `kill 14`: …", "peer 19 printed 'Y' 1.0 s after …".
const SHAPES: readonly { re: RegExp; expected?: number; printed?: number }[] = [
  { re: /^peer (\d+) printed no '(.+?)' within .*?; closest line it printed: '(.*)'$/, expected: 2, printed: 3 },
  { re: /^peer (\d+) printed no '(.+?)' within /, expected: 2 },
  { re: /^peer (\d+) printed '(.+?)' where '(.+?)' was expected /, expected: 3, printed: 2 },
  { re: /^peer (\d+) printed '(.+?)' (?:[\d.]+ s )?(?:after|out of order) /, printed: 2 },
];

/** A fact's parts: the peer, the line expected, the line printed and when, after the action. */
export function evidenceOfFact(fact: Fact, finding: Finding, result: ScenarioResult): Evidence {
  const at = actionAt(finding, result);
  const closestMs = fact.printedAt !== undefined && at !== undefined ? fact.printedAt - at : undefined;
  return {
    reason: fact.reason,
    ...(fact.peer !== undefined ? { peer: fact.peer } : {}),
    ...(fact.expected !== undefined ? { expected: fact.expected } : {}),
    ...(fact.printed !== undefined ? { closest: shortLine(fact.printed) } : {}),
    ...(closestMs !== undefined ? { closestMs } : {}),
  };
}

/** When the action a finding judged was driven, on the scenario's clock. */
export function actionAt(finding: Finding, result: ScenarioResult): number | undefined {
  for (const phase of result.history.phases) if (phase.kind === 'action' && describeAction(phase.action) === finding.action) return phase.at;
  return undefined;
}

export function evidenceOf(reason: string, finding: Finding, result: ScenarioResult): Evidence {
  // A finding judged now carries its reasons as data: the parts are read from there.
  const fact = finding.facts?.find((f) => f.reason === reason);
  if (fact && fact.kind !== 'other') return evidenceOfFact(fact, finding, result);
  let match: RegExpExecArray | null = null;
  const shape = SHAPES.find((s) => (match = s.re.exec(reason)));
  if (!shape || !match) return { reason };
  const groups: RegExpExecArray = match;
  const peer = Number(groups[1]);
  const expected = shape.expected ? groups[shape.expected] : undefined;
  const closest = shape.printed ? groups[shape.printed] : undefined;
  const at = actionAt(finding, result);
  let closestMs: number | undefined;
  if (closest !== undefined && at !== undefined) {
    // The quote was cut at 160 characters with "...": compare on what it kept.
    const kept = closest.endsWith('...') ? closest.slice(0, -3) : closest;
    const record = result.transcripts.find((t) => t.peer === peer);
    const line = record?.lines.find((l) => l.at >= at && plainLine(l.text).trim().startsWith(kept));
    if (line) closestMs = line.at - at;
  }
  return { reason, peer, ...(expected !== undefined ? { expected } : {}), ...(closest !== undefined ? { closest } : {}), ...(closestMs !== undefined ? { closestMs } : {}) };
}

const shellQuote = (s: string) => (/^[\w./=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * The command that runs just this scenario again. `submission` is the run's description of it
 * (submission/*.ts): the path it came from is read back out of it where it names one.
 */
export function rerunCommand(submission: string, scenario: string): string {
  const path = /^python3 (\S+)(?: \(Python [\w.+]+\))?$/.exec(submission)?.[1] ?? /\((?:compiled from|built by make from) ([^;)]+)/.exec(submission)?.[1] ?? (/\s/.test(submission) ? undefined : submission);
  return `npx conform run ${path !== undefined ? shellQuote(path) : `--cmd ${shellQuote(submission)}`} --only ${scenario}`;
}

const isPingOnly = (text: string) => {
  const events = findEvents(text);
  return events.length > 0 && events.every((e) => PING_MESSAGES.has(e.id));
};

/** A peer's expected lines for an action (the spec's tables) beside the lines it printed then. */
export type PeerLines = { readonly peer: number; readonly expected: readonly string[]; readonly printed: readonly { readonly ms: number; readonly text: string }[] };

/** Printed lines of one peer shown beside its expected ones: enough to compare, not a transcript. */
export const PRINTED_CAP = 12;

/**
 * For a failed check of an action: each peer its reasons name, with the lines the spec expects of
 * it after the action and the protocol lines it printed in the action's window (pings left out).
 */
export function peerLinesOf(finding: Finding, result: ScenarioResult): PeerLines[] {
  const phase = result.history.phases.find((p) => p.kind === 'action' && describeAction(p.action) === finding.action);
  if (!phase || phase.kind !== 'action') return [];
  const named = [...new Set(finding.reasons.flatMap((r) => [...r.matchAll(/\bpeer (\d+)/g)].map((m) => Number(m[1]))))];
  const { expectations } = expectAction(phase.before, phase.action);
  const out: PeerLines[] = [];
  for (const peer of named) {
    const record = result.transcripts.find((t) => t.peer === peer);
    if (!record) continue;
    const expected = (expectations.get(peer) ?? []).map(sentenceOf);
    const printed = linesBetween(record, phase.from, phase.to)
      .filter((l) => l.text.trim() !== '' && !isPingOnly(l.text))
      .slice(0, PRINTED_CAP)
      .map((l) => ({ ms: l.at - phase.at, text: plainLine(l.text) }));
    // A peer named only as the one that left, or as a successor, has nothing to compare.
    if (expected.length || printed.length) out.push({ peer, expected, printed });
  }
  return out;
}
