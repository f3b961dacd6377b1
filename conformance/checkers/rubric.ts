/**
 * Points per rubric item. The defaults follow the course's published rubric: ping 24 (requests
 * 16.5, responses 7.5), graceful departure 17, store 11, join 14, abrupt departure 12, retrieval
 * 12 (forwarding 3, owner found and transfer 7, identical content 2); ports and start-up 0.
 * The ping rate (rounds keep coming at the given interval, spec §3 step 2) is part of step 2 but
 * weighs 0 by default, like ports in step 1, so the course's split of 16.5 and 7.5 stays: a peer
 * that fails it still fails step 2's status, with the reason shown, and loses no points unless a
 * rubric file gives it some (`{ "items": { "ping-rate": 4 } }`).
 * A rubric file (JSON) may change any weight: `{ "items": { "ports": 5 }, "wording": 0 }`.
 * With `--repeat`, an item that passed in some runs of a scenario and failed in others is flaky:
 * it earns `flaky` times its points there (default 0: a race is a defect; `"flaky": 0.5` gives
 * half).
 */
import { readFileSync } from 'node:fs';
import { usageError } from '../errors.ts';
import { STEP_OF_ITEM, type Item } from './grade-model.ts';
import type { Step } from '../protocol/catalogue.ts';

export type Rubric = {
  readonly items: Readonly<Record<Item, number>>;
  /** Points taken off a step per wording warning, at most the step's points (default 0). */
  readonly wording: number;
  /** The share (0 to 1) of an item's points a flaky result earns (default 0). */
  readonly flaky: number;
};

export const STEP_NAMES: Readonly<Record<Step, string>> = {
  1: 'Initialisation',
  2: 'Ping successors',
  3: 'Peer joining',
  4: 'Graceful departure',
  5: 'Abrupt departure',
  6: 'Data insertion',
  7: 'Data retrieval',
};

export const DEFAULT_RUBRIC: Rubric = {
  items: {
    start: 0,
    ports: 0,
    'ping-requests': 16.5,
    'ping-responses': 7.5,
    'ping-rate': 0,
    join: 14,
    quit: 17,
    kill: 12,
    store: 11,
    'request-forwarding': 3,
    'request-transfer': 7,
    'request-content': 2,
  },
  wording: 0,
  flaky: 0,
};

/** Reads and validates a rubric file; any mistake is a usage error naming the file and the key. */
export function loadRubric(path: string): Rubric {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw usageError(`cannot read rubric ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw usageError(`rubric ${path} must be a JSON object like {"items": {"ports": 5}}`);
  }
  const { items = {}, wording = DEFAULT_RUBRIC.wording, flaky = DEFAULT_RUBRIC.flaky, ...rest } = raw as Record<string, unknown>;
  const unknownKeys = Object.keys(rest);
  if (unknownKeys.length) throw usageError(`rubric ${path} has an unknown key "${unknownKeys[0]}" (known: items, wording, flaky)`);
  const isPoints = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (!isPoints(wording)) throw usageError(`rubric ${path}: "wording" must be a number of points >= 0`);
  if (!isPoints(flaky) || flaky > 1) throw usageError(`rubric ${path}: "flaky" must be a share of an item's points from 0 to 1`);
  if (typeof items !== 'object' || items === null || Array.isArray(items)) {
    throw usageError(`rubric ${path}: "items" must be an object of item names to points`);
  }
  const merged: Record<string, number> = { ...DEFAULT_RUBRIC.items };
  for (const [name, points] of Object.entries(items)) {
    if (!(name in STEP_OF_ITEM)) {
      throw usageError(`rubric ${path} names an unknown item "${name}" (known: ${Object.keys(STEP_OF_ITEM).join(', ')})`);
    }
    if (!isPoints(points)) throw usageError(`rubric ${path}: item "${name}" must be a number of points >= 0`);
    merged[name] = points;
  }
  return { items: merged as Record<Item, number>, wording, flaky };
}
