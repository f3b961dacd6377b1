/**
 * Scenarios are data (fixtures/scenarios/*.json): the ring to start and the actions to drive.
 * What each action must make the peers print is derived from the ring model and the catalogue
 * (protocol/expect.ts), never written in the scenario.
 */
import type { Step } from '../protocol/catalogue.ts';

export type Action =
  /** `join <peer> <known>` started as a new process (spec §3 step 3). */
  | { readonly join: number; readonly known: number }
  /** `Quit` typed at the peer (step 4). */
  | { readonly quit: number }
  /** The peer killed with SIGKILL (step 5). */
  | { readonly kill: number }
  /** `Store NNNN` typed at a peer (step 6). */
  | { readonly store: string; readonly at: number }
  /** `Request NNNN` typed at a peer; NNNN.pdf lies in the owner's directory from the start (step 7). */
  | { readonly request: string; readonly at: number; readonly bytes?: number };

export type Scenario = {
  /** Unique, kebab-case; also the file name. */
  readonly name: string;
  /** What it shows, for people. */
  readonly description: string;
  /** The peers started with `init`, each with its next two peers as successors (spec §2). */
  readonly ring: readonly number[];
  /** Driven in order; the ring is settled again before each one. */
  readonly actions: readonly Action[];
  /** Also grade the pings (step 2) and ports (step 1) on the settled starting ring. */
  readonly pings?: boolean;
  /**
   * A chained sequence: each action builds on the last, so a failure after an earlier failure is
   * reported as following from it and costs no points (the steps are graded by the fresh-ring
   * scenarios).
   */
  readonly chained?: boolean;
  /**
   * Where the files it stores and requests lie from the start: the directory of each peer that
   * owns the file's key at some point (the default), or every peer's (scenarios/files.ts).
   */
  readonly files?: 'owner' | 'every-peer';
};

export type ActionKind = 'join' | 'quit' | 'kill' | 'store' | 'request';

export function kindOf(action: Action): ActionKind {
  if ('join' in action) return 'join';
  if ('quit' in action) return 'quit';
  if ('kill' in action) return 'kill';
  if ('store' in action) return 'store';
  return 'request';
}

/** The step each kind of action exercises (spec §3). */
export const STEP_OF: Readonly<Record<ActionKind, Step>> = {
  join: 3,
  quit: 4,
  kill: 5,
  store: 6,
  request: 7,
};

/** How an action is written in the assignment's own words, for evidence. */
export function describeAction(action: Action): string {
  if ('join' in action) return `join ${action.join} ${action.known}`;
  if ('quit' in action) return `Quit at peer ${action.quit}`;
  if ('kill' in action) return `kill -9 of peer ${action.kill}`;
  if ('store' in action) return `Store ${action.store} at peer ${action.at}`;
  return `Request ${action.request} at peer ${action.at}`;
}
