/**
 * fast-check arbitraries of fuzzed sequences, weighted toward where defects hide (spec §3): the
 * wrap-around gap, IDs next to each other, both ends of 0..255, keys on a peer's ID, above every
 * ID and below every ID, and the peers beside the last change.
 */
import fc from 'fast-check';
import type { Choice, IdPick, KeyPick, PeerPick } from './sequence.ts';
import { KILL_PHASE_NAMES } from '../conformance/protocol/kill-phase.ts';

const ENDS = [0, 1, 2, 253, 254, 255];

/** A starting ring of 3–8 distinct IDs: anywhere, at the ends, or clustered next to each other; it shrinks by losing peers. */
export function ringArbitrary(): fc.Arbitrary<number[]> {
  return fc.noShrink(fc.integer({ min: 0, max: 255 })).chain((centre) =>
    fc
      .uniqueArray(
        fc.noShrink(
          fc.oneof(
            { arbitrary: fc.integer({ min: 0, max: 255 }), weight: 4 },
            { arbitrary: fc.constantFrom(...ENDS), weight: 1 },
            { arbitrary: fc.integer({ min: -3, max: 3 }).map((d) => Math.min(255, Math.max(0, centre + d))), weight: 2 },
          ),
        ),
        { minLength: 3, maxLength: 8 },
      )
      .map((ids) => [...ids].sort((a, b) => a - b)),
  );
}

const n = fc.nat({ max: 255 });

const idPick: fc.Arbitrary<IdPick> = fc.oneof(
  { arbitrary: fc.record({ at: fc.constantFrom('above-all' as const, 'below-all' as const), n }), weight: 3 },
  { arbitrary: fc.record({ at: fc.constant('next-to' as const), n, side: fc.constantFrom(1 as const, -1 as const) }), weight: 2 },
  { arbitrary: fc.record({ at: fc.constant('end' as const), id: fc.constantFrom(...ENDS) }), weight: 1 },
  { arbitrary: fc.record({ at: fc.constant('any' as const), id: fc.integer({ min: 0, max: 255 }) }), weight: 2 },
);

const peerPick: fc.Arbitrary<PeerPick> = fc.oneof(
  { arbitrary: fc.record({ at: fc.constantFrom('smallest' as const, 'largest' as const) }), weight: 2 },
  { arbitrary: fc.record({ at: fc.constantFrom('changed' as const, 'changed-successor' as const, 'changed-second-predecessor' as const) }), weight: 2 },
  { arbitrary: fc.record({ at: fc.constant('index' as const), n }), weight: 3 },
);

const keyPick: fc.Arbitrary<KeyPick> = fc.oneof(
  { arbitrary: fc.record({ at: fc.constant('equal-id' as const), n }), weight: 3 },
  { arbitrary: fc.record({ at: fc.constantFrom('above-all' as const, 'below-all' as const), n }), weight: 3 },
  { arbitrary: fc.record({ at: fc.constant('changed' as const) }), weight: 1 },
  { arbitrary: fc.record({ at: fc.constant('any' as const), key: fc.integer({ min: 0, max: 255 }) }), weight: 2 },
);

/**
 * The pause before a command, after the ring has settled: mostly none (the runner's own pace),
 * sometimes a fraction of a second to two seconds, so that a command lands at another moment of
 * the peers' ping rounds and repairs.
 */
const pauseArbitrary = fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.constantFrom(0.2, 0.5, 1, 2), weight: 1 });

/** Joins, departures and files a third each; a kill also draws where it falls in the victim's ping cycle. */
const commandArbitrary = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('join' as const), id: idPick, known: peerPick }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('quit' as const), peer: peerPick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('kill' as const), peer: peerPick, phase: fc.constantFrom(...KILL_PHASE_NAMES) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constantFrom('store' as const, 'request' as const), key: keyPick, fileHigh: fc.nat({ max: 38 }), at: peerPick }), weight: 2 },
);

export const choiceArbitrary: fc.Arbitrary<Choice> = fc.tuple(commandArbitrary, pauseArbitrary).map(([command, pause]) => (pause ? { ...command, pause } : command));

/**
 * A starting ring and 1–`maxLength` choices (at most 6). Each shrink is a real ring run, so a
 * failure shrinks by dropping actions first, then peers, and at most `maxShrinks` times; a choice
 * is never rewritten (that would try dozens of near-identical rings).
 */
export function sequenceArbitrary(maxLength = 6, maxShrinks = 40): fc.Arbitrary<{ ring: number[]; choices: Choice[] }> {
  const choices = fc.array(fc.noShrink(choiceArbitrary), { minLength: 1, maxLength });
  return fc.limitShrink(fc.tuple(choices, ringArbitrary()), maxShrinks).map(([choices, ring]) => ({ ring, choices }));
}
