/**
 * What makes a fuzzed run fail, read from its result: every finding the runner's own checkers
 * failed (a store accepted by a peer other than the model's owner, a requested file that did not
 * arrive byte-identical, a join or request that circulated, …), and two invariants on the
 * history: every live peer's last printed successors are the model's, and every departed peer's
 * process had ended by the end of the sequence. Pure.
 */
import { ACTIONS } from '../conformance/protocol/actions.ts';
import { findEvents } from '../conformance/protocol/matcher.ts';
import { makeRing, successorsOf, type Ring } from '../conformance/protocol/ring.ts';
import type { PeerRecord } from '../conformance/history/history.ts';
import type { ScenarioResult } from '../conformance/checkers/grade-model.ts';

/** The ring after the whole sequence, by the model. */
export function finalRing(result: ScenarioResult): Ring {
  const { scenario } = result.history;
  return scenario.actions.reduce<Ring>((ring, a) => ACTIONS[a.type].after(ring, a as never), makeRing(scenario.ring));
}

/** The last first and second successor a peer printed, if it printed any. */
export function lastSuccessors(record: PeerRecord): { first?: number; second?: number } {
  const last: { first?: number; second?: number } = {};
  for (const line of record.lines) {
    for (const event of findEvents(line.text)) {
      if (event.id === 'first-successor') last.first = event.values[0];
      if (event.id === 'second-successor') last.second = event.values[0];
    }
  }
  return last;
}

/** Why the run fails, one sentence each; empty when it passes. */
export function failuresOf(result: ScenarioResult): string[] {
  const reasons = result.findings.filter((f) => f.status === 'fail').flatMap((f) => f.reasons.map((r) => `step ${f.step} (${f.item}): ${r}`));
  const { history } = result;
  if (history.interrupted) return reasons;
  const ring = finalRing(result);
  const latest = new Map<number, PeerRecord>();
  for (const record of history.peers) latest.set(record.peer, record);
  const phases = history.phases;
  for (const id of ring) {
    const record = latest.get(id);
    if (!record) continue;
    const [s1, s2] = successorsOf(ring, id);
    const last = lastSuccessors(record);
    if (last.first !== undefined && last.first !== s1) reasons.push(`invariant: peer ${id}'s last printed first successor is Peer ${last.first}; on ring ${ring.join(' ')} it is Peer ${s1}`);
    if (last.second !== undefined && last.second !== s2) reasons.push(`invariant: peer ${id}'s last printed second successor is Peer ${last.second}; on ring ${ring.join(' ')} it is Peer ${s2}`);
  }
  // A quitting peer's exit is the runner's own record (it waits for it after the quit's lines);
  // a killed one must be gone by the time its predecessors' lines were taken.
  for (const phase of phases) {
    if (phase.kind !== 'action') continue;
    const { action } = phase;
    if (action.type === 'quit' && phase.exited === false) reasons.push(`invariant: peer ${action.peer} was told to Quit but its process was still running ${history.timing.exitMs / 1000} s later`);
    if (action.type === 'kill') {
      const record = [...history.peers].reverse().find((r) => r.peer === action.peer && r.startedAt <= phase.at);
      if (record && !(record.exit && record.exit.at <= phase.end)) reasons.push(`invariant: peer ${action.peer} was killed but its process was still running when its predecessors' lines were taken`);
    }
  }
  return reasons;
}
