/**
 * The files of a scenario (spec §3 step 7): in the assignment every `NNNN.pdf` is in the directory
 * before the peers start, so conform puts each file a scenario stores or requests in place before
 * its ring starts: in the directory of every peer that owns its key at some point of the scenario,
 * or in every peer's directory when the scenario says `"files": "every-peer"`. A Store that
 * destroys or truncates the file it stores is then seen (spec §3 step 6: no bytes move).
 */
import { randomBytes } from 'node:crypto';
import { keyOf, ownerOf } from '../protocol/ring.ts';
import { fileOf, ruleOf } from '../protocol/actions.ts';
import type { Scenario } from './types.ts';

export type ScenarioFile = {
  /** The four-digit name, as typed. */
  readonly name: string;
  readonly content: Buffer;
  /** The peers whose directories hold it from the start. */
  readonly holders: readonly number[];
};

/** Default size of a file a scenario names without giving `bytes`. */
export const DEFAULT_FILE_BYTES = 64 * 1024;

export function scenarioFiles(scenario: Scenario): ScenarioFile[] {
  const holders = new Map<string, Set<number>>();
  const bytes = new Map<string, number>();
  const everyone = new Set(scenario.ring);
  let ring = scenario.ring;
  for (const action of scenario.actions) {
    if (action.type === 'join') everyone.add(action.peer);
    const name = fileOf(action);
    if (name !== undefined) {
      const set = holders.get(name) ?? new Set<number>();
      set.add(ownerOf(ring, keyOf(name)));
      holders.set(name, set);
      if (action.type === 'request' && action.bytes) bytes.set(name, Math.max(bytes.get(name) ?? 0, action.bytes));
    }
    ring = ruleOf(action).after(ring, action);
  }
  return [...holders].map(([name, owners]) => ({
    name,
    content: randomBytes(bytes.get(name) ?? DEFAULT_FILE_BYTES),
    holders: [...(scenario.files === 'every-peer' ? everyone : owners)].sort((a, b) => a - b),
  }));
}
