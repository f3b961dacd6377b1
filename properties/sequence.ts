/**
 * A fuzzed sequence as data: a starting ring and a list of drawn choices, each read against the
 * ring model at its point (protocol/ring.ts) and kept only when the action table does not refuse
 * it (protocol/actions.ts). Choices name peers and keys by their role ("the largest peer", "a key
 * above every ID", "the first successor of the last change"), so a shrunk list still means
 * something on the ring it is read on. Pure: the property and its tests build scenarios here.
 */
import { ACTIONS, ruleOf, type Action } from '../conformance/protocol/actions.ts';
import type { KillPhase } from '../conformance/protocol/kill-phase.ts';
import { makeRing, predecessorsOf, successorsOf, MAX_ID, MIN_ID, type Ring } from '../conformance/protocol/ring.ts';
import type { Scenario } from '../conformance/scenarios/types.ts';

/** Where a new peer's ID is drawn: the wrap-around gap, next to a peer, an end of 0..255, anywhere. */
export type IdPick =
  | { readonly at: 'above-all' | 'below-all'; readonly n: number }
  | { readonly at: 'next-to'; readonly n: number; readonly side: 1 | -1 }
  | { readonly at: 'end'; readonly id: number }
  | { readonly at: 'any'; readonly id: number };

/** Which peer a departure or a command picks: by rank, or beside the last change. */
export type PeerPick =
  | { readonly at: 'smallest' | 'largest' | 'changed' | 'changed-successor' | 'changed-second-predecessor' }
  | { readonly at: 'index'; readonly n: number };

/** Where a file's key lies: on a peer's ID, above or below every ID, on the last change, anywhere. */
export type KeyPick =
  | { readonly at: 'equal-id'; readonly n: number }
  | { readonly at: 'above-all' | 'below-all'; readonly n: number }
  | { readonly at: 'changed' }
  | { readonly at: 'any'; readonly key: number };

/** Timing is drawn with each command: a pause after the ring has settled, in seconds. */
type Timed = { readonly pause?: number };

export type Choice = Timed &
  (
    | { readonly kind: 'join'; readonly id: IdPick; readonly known: PeerPick }
    | { readonly kind: 'quit'; readonly peer: PeerPick }
    /** Where the kill falls in the victim's ping cycle is drawn too: timing-dependent defects show. */
    | { readonly kind: 'kill'; readonly peer: PeerPick; readonly phase?: KillPhase }
    | { readonly kind: 'store' | 'request'; readonly key: KeyPick; readonly fileHigh: number; readonly at: PeerPick }
  );

/** The peer a change touched: the joiner, or the neighbour that took over from a departed peer. */
function changedOf(before: Ring, action: Action): number | undefined {
  if (action.type === 'join') return action.peer;
  if (action.type === 'quit' || action.type === 'kill') return successorsOf(before, action.peer)[0];
  return undefined;
}

const pickIndex = (ring: Ring, n: number) => ring[((n % ring.length) + ring.length) % ring.length];

function pickPeer(ring: Ring, pick: PeerPick, changed: number | undefined): number {
  switch (pick.at) {
    case 'smallest':
      return ring[0];
    case 'largest':
      return ring[ring.length - 1];
    case 'index':
      return pickIndex(ring, pick.n);
    default: {
      const c = changed !== undefined && ring.includes(changed) ? changed : ring[0];
      if (pick.at === 'changed') return c;
      if (pick.at === 'changed-successor') return successorsOf(ring, c)[0];
      return predecessorsOf(ring, c)[1];
    }
  }
}

const clamp = (id: number) => Math.min(MAX_ID, Math.max(MIN_ID, id));

function pickId(ring: Ring, pick: IdPick): number {
  const low = ring[0];
  const high = ring[ring.length - 1];
  switch (pick.at) {
    case 'above-all':
      return high === MAX_ID ? MAX_ID : high + 1 + (pick.n % (MAX_ID - high));
    case 'below-all':
      return low === MIN_ID ? MIN_ID : low - 1 - (pick.n % low);
    case 'next-to':
      return clamp(pickIndex(ring, pick.n) + pick.side);
    default:
      return pick.id;
  }
}

function pickKey(ring: Ring, pick: KeyPick, changed: number | undefined): number {
  switch (pick.at) {
    case 'equal-id':
      return pickIndex(ring, pick.n);
    case 'changed':
      return changed ?? ring[0];
    case 'any':
      return pick.key;
    default:
      return pickId(ring, pick);
  }
}

/** A four-digit file name with key `key`: `fileHigh` chooses which multiple of 256 is added. */
export function fileWithKey(key: number, fileHigh: number): string {
  const multiples = Math.floor((9999 - key) / 256) + 1;
  return String(key + 256 * (fileHigh % multiples)).padStart(4, '0');
}

/** The action a choice means on `ring`, or undefined when the action table refuses it there. */
export function actionOf(ring: Ring, choice: Choice, changed: number | undefined): Action | undefined {
  let action: Action;
  if (choice.kind === 'join') action = { type: 'join', peer: pickId(ring, choice.id), known: pickPeer(ring, choice.known, changed) };
  else if (choice.kind === 'kill') action = { type: 'kill', peer: pickPeer(ring, choice.peer, changed), ...(choice.phase ? { phase: choice.phase } : {}) };
  else if (choice.kind === 'quit') action = { type: 'quit', peer: pickPeer(ring, choice.peer, changed) };
  else action = { type: choice.kind, file: fileWithKey(pickKey(ring, choice.key, changed), choice.fileHigh), at: pickPeer(ring, choice.at, changed) };
  if (ruleOf(action).refuses(ring, action) !== undefined) return undefined;
  return choice.pause ? { ...action, pause: choice.pause } : action;
}

/** The actions the choices mean, read one after another against the model ring. */
export function actionsOf(start: readonly number[], choices: readonly Choice[]): Action[] {
  let ring = makeRing(start);
  let changed: number | undefined;
  const actions: Action[] = [];
  for (const choice of choices) {
    const action = actionOf(ring, choice, changed);
    if (!action) continue;
    actions.push(action);
    changed = changedOf(ring, action) ?? changed;
    ring = ACTIONS[action.type].after(ring, action as never);
  }
  return actions;
}

/** A scenario of a fuzzed sequence, in the format of fixtures/scenarios/ (a chained sequence). */
export function scenarioOf(ring: readonly number[], actions: readonly Action[], name = 'fuzz-sequence'): Scenario {
  return {
    name,
    description: `A fuzzed sequence on ring ${makeRing(ring).join(' ')}: ${actions.map((a) => ruleOf(a).describe(a)).join('; ')}.`,
    ring: makeRing(ring),
    actions,
    // Each action builds on the last: a replay reports a failure after the first as following from it.
    chained: true,
  };
}

/** The scenario as its file says it (loadable by parseScenario). */
export function scenarioJson(scenario: Scenario): string {
  const actions = scenario.actions.map((a) => ruleOf(a).json(a));
  return `${JSON.stringify({ name: scenario.name, description: scenario.description, ring: scenario.ring, actions, chained: true }, null, 2)}\n`;
}
