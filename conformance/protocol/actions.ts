/**
 * The five actions a grader drives (spec §3 steps 3–7), as a tagged union, and one table that
 * says everything about each kind in one place: the step it exercises, how it is written in the
 * assignment's words and in a scenario file, when it applies to a ring (spec §4: unique IDs, at
 * least 3 peers), the lines it must make each peer print, the ring after it and the claims about
 * it. The runner, the scenario loader, the reference peer's tests and the fuzzer all read this
 * table; none tells the kinds apart by itself.
 */
import type { Step } from './catalogue.ts';
import type { KillPhase } from './kill-phase.ts';
import { joinClaims, requestClaims, storeClaims, type Claim } from './claims.ts';
import { expectJoin, expectKill, expectQuit, expectRequest, expectStore, type Expectations } from './expect.ts';
import { afterJoin, afterKill, afterQuit, isPeerId, refusesDeparture, type Ring } from './ring.ts';

/**
 * Seconds to wait after the ring has settled before driving an action (a scenario's or a fuzzed
 * sequence's timing, within the spec's assumptions: the ring is repaired first either way).
 */
type Paced = { readonly pause?: number };

export type JoinAction = Paced & { readonly type: 'join'; readonly peer: number; readonly known: number };
export type QuitAction = Paced & { readonly type: 'quit'; readonly peer: number };
/**
 * A kill's `phase` is where it falls in the victim's ping cycle (kill-phase.ts): a scenario or a
 * fuzzed sequence may fix it; otherwise the run's repeat decides.
 */
export type KillAction = Paced & { readonly type: 'kill'; readonly peer: number; readonly phase?: KillPhase };
export type StoreAction = Paced & { readonly type: 'store'; readonly file: string; readonly at: number };
export type RequestAction = Paced & { readonly type: 'request'; readonly file: string; readonly at: number; readonly bytes?: number };

export type Action = JoinAction | QuitAction | KillAction | StoreAction | RequestAction;
export type ActionKind = Action['type'];
export type ActionOf<K extends ActionKind> = Extract<Action, { type: K }>;

/** An action as a scenario file writes it: `{ "join": 15, "known": 4 }`, `{ "quit": 9 }`, … */
export type ActionJson = Readonly<Record<string, number | string>>;

export type ActionRule<A extends Action> = {
  readonly step: Step;
  /** In the assignment's own words, for evidence: "join 15 4", "Quit at peer 9". */
  readonly describe: (action: A) => string;
  /** The scenario-file form (loaded back by `parseAction` in scenarios/load.ts). */
  readonly json: (action: A) => ActionJson;
  /** Why the action cannot be driven on `ring` (spec §4), or undefined when it can. */
  readonly refuses: (ring: Ring, action: A) => string | undefined;
  /** What each peer must print, in order per peer (spec §3 tables). */
  readonly expect: (ring: Ring, action: A) => Expectations;
  readonly after: (ring: Ring, action: A) => Ring;
  /** Lines about the action that only some peers may print (protocol/claims.ts). */
  readonly claims: (ring: Ring, action: A) => Claim[];
};

const paced = (a: Paced): ActionJson => (a.pause ? { pause: a.pause } : {});

const member = (ring: Ring, id: number) => (ring.includes(id) ? undefined : `peer ${id} is not in the ring ${ring.join(' ')} at that point`);

export const ACTIONS: { readonly [K in ActionKind]: ActionRule<ActionOf<K>> } = {
  join: {
    step: 3,
    describe: (a) => `join ${a.peer} ${a.known}`,
    json: (a) => ({ join: a.peer, known: a.known, ...paced(a) }),
    refuses: (ring, a) =>
      !isPeerId(a.peer) ? `peer ${a.peer} is not an ID in 0..255` : ring.includes(a.peer) ? `peer ${a.peer} is already in the ring` : member(ring, a.known),
    expect: (ring, a) => expectJoin(ring, a.peer, a.known),
    after: (ring, a) => afterJoin(ring, a.peer),
    claims: (ring, a) => joinClaims(ring, a.peer),
  },
  quit: {
    step: 4,
    describe: (a) => `Quit at peer ${a.peer}`,
    json: (a) => ({ quit: a.peer, ...paced(a) }),
    refuses: (ring, a) => refusesDeparture(ring, a.peer),
    expect: (ring, a) => expectQuit(ring, a.peer),
    after: (ring, a) => afterQuit(ring, a.peer),
    claims: () => [],
  },
  kill: {
    step: 5,
    describe: (a) => `kill -9 of peer ${a.peer}`,
    json: (a) => ({ kill: a.peer, ...(a.phase ? { phase: a.phase } : {}), ...paced(a) }),
    refuses: (ring, a) => refusesDeparture(ring, a.peer),
    expect: (ring, a) => expectKill(ring, a.peer),
    after: (ring, a) => afterKill(ring, a.peer),
    claims: () => [],
  },
  store: {
    step: 6,
    describe: (a) => `Store ${a.file} at peer ${a.at}`,
    json: (a) => ({ store: a.file, at: a.at, ...paced(a) }),
    refuses: (ring, a) => member(ring, a.at),
    expect: (ring, a) => expectStore(ring, a.at, a.file),
    after: (ring) => ring,
    claims: (ring, a) => storeClaims(ring, a.file),
  },
  request: {
    step: 7,
    describe: (a) => `Request ${a.file} at peer ${a.at}`,
    json: (a) => ({ request: a.file, at: a.at, ...(a.bytes ? { bytes: a.bytes } : {}), ...paced(a) }),
    refuses: (ring, a) => member(ring, a.at),
    expect: (ring, a) => expectRequest(ring, a.at, a.file),
    after: (ring) => ring,
    claims: (ring, a) => requestClaims(ring, a.at, a.file),
  },
};

/** The table's row for an action's kind. */
export function ruleOf<A extends Action>(action: A): ActionRule<A> {
  return ACTIONS[action.type] as unknown as ActionRule<A>;
}

export function describeAction(action: Action): string {
  return ruleOf(action).describe(action);
}

export function stepOf(action: Action): Step {
  return ruleOf(action).step;
}

/** The peer an action starts, stops or types at. */
export function actorOf(action: Action): number {
  return action.type === 'store' || action.type === 'request' ? action.at : action.peer;
}

/** The file an action names, if any. */
export function fileOf(action: Action): string | undefined {
  return action.type === 'store' || action.type === 'request' ? action.file : undefined;
}

/** What `action` on `ring` must make each peer print, and the ring after it. */
export function expectAction(ring: Ring, action: Action): { expectations: Expectations; after: Ring } {
  const rule = ruleOf(action);
  return { expectations: rule.expect(ring, action), after: rule.after(ring, action) };
}
