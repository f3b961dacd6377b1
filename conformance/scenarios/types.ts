/**
 * Scenarios are data (fixtures/scenarios/*.json): the ring to start and the actions to drive.
 * What each action must make the peers print is derived from the ring model and the catalogue
 * (protocol/actions.ts), never written in the scenario. A scenario file writes an action as
 * `{ "join": 15, "known": 4 }`; the loader tags it (`{ type: 'join', peer: 15, known: 4 }`).
 */
import type { Action } from '../protocol/actions.ts';

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
