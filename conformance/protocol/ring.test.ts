/**
 * The ring model (spec §1–§3 step 6): the spec's worked examples as tables, then laws checked by
 * fast-check against brute-force definitions. The seed is pinned (FC_SEED, default 42) so CI
 * replays the same runs; a failure prints the seed and path to replay it.
 */
import test from 'ava';
import fc from 'fast-check';
import {
  STANDARD_RING,
  acceptorOf,
  afterJoin,
  afterKill,
  afterQuit,
  isBetween,
  isPeerId,
  keyOf,
  makeRing,
  ownerOf,
  pathAlong,
  predecessorsOf,
  successorsOf,
  type Ring,
} from './ring.ts';

const runs = (numRuns: number) => ({ seed: Number(process.env.FC_SEED ?? 42), numRuns });

// ---------------------------------------------------------------------------------------------
// Arbitraries. Picking a peer by index (not by fc.constantFrom inside chain) keeps shrinking good.

const peerId = fc.integer({ min: 0, max: 255 });
const ids = (minLength: number) => fc.uniqueArray(peerId, { minLength, maxLength: 40 });
/** A ring of at least `minLength` peers and one of its peers. */
const ringAndPeer = (minLength = 3) =>
  fc.tuple(ids(minLength), fc.nat()).map(([list, i]) => {
    const ring = makeRing(list);
    return { ring, peer: ring[i % ring.length] };
  });
/** A ring and an ID that is not in it. */
const ringAndNewcomer = (minLength = 3) =>
  ids(minLength + 1).map(([newId, ...rest]) => ({ ring: makeRing(rest), newId }));

/** Brute force: walk the key space upwards from `key`, wrapping at 256, to the first live peer. */
function ownerByWalking(ring: Ring, key: number): number {
  for (let step = 0; step < 256; step++) {
    const id = (key + step) % 256;
    if (ring.includes(id)) return id;
  }
  throw new Error('empty ring');
}

/** Brute force: the IDs met walking from `from` (exclusive) to `to` (inclusive) round 0..255. */
function walk(from: number, to: number): Set<number> {
  const met = new Set<number>();
  let at = from;
  do {
    at = (at + 1) % 256;
    met.add(at);
  } while (at !== to);
  return met;
}

// ---------------------------------------------------------------------------------------------
// Spec §2 and §3 step 6: the standard ring 2 4 5 8 9 14 19.

test('the standard ring is the spec §2 network', (t) => {
  t.deepEqual(STANDARD_RING, [2, 4, 5, 8, 9, 14, 19]);
});

const ownerExamples: { file: number | string; key: number; owner: number }[] = [
  { file: 19, key: 19, owner: 19 },
  { file: 6, key: 6, owner: 8 },
  { file: 20, key: 20, owner: 2 },
  { file: 2, key: 2, owner: 2 },
  { file: 2067, key: 19, owner: 19 },
  { file: '2067', key: 19, owner: 19 },
  { file: 4103, key: 7, owner: 8 },
  { file: '4103', key: 7, owner: 8 },
  { file: '0020', key: 20, owner: 2 },
  { file: '0000', key: 0, owner: 2 },
  { file: '9999', key: 15, owner: 19 },
  { file: 255, key: 255, owner: 2 },
  { file: 256, key: 0, owner: 2 },
];

for (const { file, key, owner } of ownerExamples) {
  test(`file ${JSON.stringify(file)} has key ${key} and belongs to peer ${owner} (spec §3 step 6)`, (t) => {
    t.is(keyOf(file), key);
    t.is(ownerOf(STANDARD_RING, keyOf(file)), owner);
  });
}

test('successors and predecessors on the standard ring, including the wrap (spec §2)', (t) => {
  t.deepEqual(successorsOf(STANDARD_RING, 2), [4, 5]);
  t.deepEqual(successorsOf(STANDARD_RING, 14), [19, 2]);
  t.deepEqual(successorsOf(STANDARD_RING, 19), [2, 4]);
  t.deepEqual(predecessorsOf(STANDARD_RING, 14), [9, 8]);
  t.deepEqual(predecessorsOf(STANDARD_RING, 2), [19, 14]);
  t.deepEqual(predecessorsOf(STANDARD_RING, 4), [2, 19]);
});

test('successorsOf and predecessorsOf reject a peer not in the ring', (t) => {
  t.throws(() => successorsOf(STANDARD_RING, 3), { instanceOf: RangeError });
  t.throws(() => predecessorsOf(STANDARD_RING, 15), { instanceOf: RangeError });
});

const acceptorExamples = [
  { newId: 15, acceptor: 14 }, // spec §3 step 3
  { newId: 20, acceptor: 19 }, // the wrap-around gap 19 → 2
  { newId: 1, acceptor: 19 },
  { newId: 0, acceptor: 19 },
  { newId: 255, acceptor: 19 },
  { newId: 3, acceptor: 2 },
  { newId: 6, acceptor: 5 },
];

for (const { newId, acceptor } of acceptorExamples) {
  test(`a join of ${newId} is accepted by ${acceptor} on the standard ring (spec §3 step 3)`, (t) => {
    t.is(acceptorOf(STANDARD_RING, newId), acceptor);
  });
}

test('acceptorOf and afterJoin reject an ID already in the ring', (t) => {
  t.throws(() => acceptorOf(STANDARD_RING, 14), { instanceOf: RangeError });
  t.throws(() => afterJoin(STANDARD_RING, 14), { instanceOf: RangeError });
});

test('pathAlong follows first successors, wrapping (spec §3 steps 3, 6, 7)', (t) => {
  t.deepEqual(pathAlong(STANDARD_RING, 4, 14), [4, 5, 8, 9, 14]);
  t.deepEqual(pathAlong(STANDARD_RING, 2, 8), [2, 4, 5, 8]);
  t.deepEqual(pathAlong(STANDARD_RING, 14, 4), [14, 19, 2, 4]);
  t.deepEqual(pathAlong(STANDARD_RING, 9, 9), [9]);
});

test('joins and departures on the standard ring', (t) => {
  t.deepEqual(afterJoin(STANDARD_RING, 15), [2, 4, 5, 8, 9, 14, 15, 19]);
  t.deepEqual(afterJoin(STANDARD_RING, 1), [1, 2, 4, 5, 8, 9, 14, 19]);
  t.deepEqual(afterQuit(STANDARD_RING, 14), [2, 4, 5, 8, 9, 19]);
  t.deepEqual(afterKill(STANDARD_RING, 2), [4, 5, 8, 9, 14, 19]);
  t.throws(() => afterQuit(STANDARD_RING, 15), { instanceOf: RangeError });
  t.throws(() => afterKill(STANDARD_RING, 15), { instanceOf: RangeError });
  t.deepEqual(STANDARD_RING, [2, 4, 5, 8, 9, 14, 19], 'the input ring is left alone');
});

const betweenExamples: [from: number, x: number, to: number, expected: boolean][] = [
  [2, 3, 4, true],
  [2, 4, 4, true], // (from, to] includes `to`
  [2, 2, 4, false], // … but not `from`
  [2, 5, 4, false],
  [19, 20, 2, true], // wrap: the gap 19 → 2
  [19, 255, 2, true],
  [19, 0, 2, true],
  [19, 2, 2, true],
  [19, 19, 2, false],
  [19, 3, 2, false],
  [19, 10, 2, false],
  [5, 5, 5, true], // from === to: the whole ring
  [5, 200, 5, true],
  [255, 0, 0, true],
  [0, 255, 255, true],
  [0, 0, 255, false],
];

for (const [from, x, to, expected] of betweenExamples) {
  test(`isBetween(${from}, ${x}, ${to}) is ${expected}`, (t) => {
    t.is(isBetween(from, x, to), expected);
  });
}

const badIds = [-1, 256, 1000, 1.5, Number.NaN, Number.POSITIVE_INFINITY];

for (const bad of badIds) {
  test(`makeRing rejects peer ID ${bad} (spec §1: IDs are 0..255)`, (t) => {
    t.false(isPeerId(bad));
    t.throws(() => makeRing([2, 4, bad]), { instanceOf: RangeError });
  });
}

test('makeRing sorts and accepts the bounds 0 and 255', (t) => {
  t.deepEqual(makeRing([255, 9, 0, 4]), [0, 4, 9, 255]);
});

// ---------------------------------------------------------------------------------------------
// Laws.

test('law: makeRing accepts exactly the integers 0..255', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: -1000, max: 1000 }), (id) => {
      const accepted = (() => {
        try {
          makeRing([id]);
          return true;
        } catch (error) {
          if (!(error instanceof RangeError)) throw error;
          return false;
        }
      })();
      return accepted === (id >= 0 && id <= 255);
    }),
    runs(500),
  );
  t.pass();
});

test('law: makeRing gives a sorted ring of the distinct IDs', (t) => {
  fc.assert(
    fc.property(fc.array(peerId, { maxLength: 60 }), (list) => {
      const ring = makeRing(list);
      const sortedDistinct = [...new Set(list)].sort((a, b) => a - b);
      return ring.length === sortedDistinct.length && ring.every((id, i) => id === sortedDistinct[i]);
    }),
    runs(300),
  );
  t.pass();
});

test('law: ownerOf is the smallest ID >= key, else the smallest ID', (t) => {
  fc.assert(
    fc.property(ids(1), peerId, (list, key) => {
      const ring = makeRing(list);
      const atOrAbove = ring.filter((id) => id >= key);
      const bySearch = atOrAbove.length > 0 ? Math.min(...atOrAbove) : Math.min(...ring);
      return ownerOf(ring, key) === bySearch && ownerOf(ring, key) === ownerByWalking(ring, key);
    }),
    runs(1000),
  );
  t.pass();
});

test('law: keyOf is the file number mod 256, with or without leading zeros', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 9999 }), (file) => {
      const key = keyOf(file);
      return key === file % 256 && key >= 0 && key < 256 && keyOf(String(file).padStart(4, '0')) === key;
    }),
    runs(1000),
  );
  t.pass();
});

test('law: afterJoin then afterQuit (or afterKill) of the same peer gives back the ring', (t) => {
  fc.assert(
    fc.property(ringAndNewcomer(), ({ ring, newId }) => {
      const joined = afterJoin(ring, newId);
      const same = (other: Ring) => other.length === ring.length && other.every((id, i) => id === ring[i]);
      return joined.length === ring.length + 1 && joined.includes(newId)
        && same(afterQuit(joined, newId)) && same(afterKill(joined, newId));
    }),
    runs(500),
  );
  t.pass();
});

test('law: successorsOf and predecessorsOf are inverse', (t) => {
  fc.assert(
    fc.property(ringAndPeer(), ({ ring, peer }) => {
      const [s1, s2] = successorsOf(ring, peer);
      const [p1, p2] = predecessorsOf(ring, peer);
      return predecessorsOf(ring, s1)[0] === peer
        && predecessorsOf(ring, s2)[1] === peer
        && successorsOf(ring, p1)[0] === peer
        && successorsOf(ring, p2)[1] === peer
        && successorsOf(ring, s1)[0] === s2;
    }),
    runs(500),
  );
  t.pass();
});

test('law: the first successor is the next ID round the ring', (t) => {
  fc.assert(
    fc.property(ringAndPeer(), ({ ring, peer }) => {
      const [s1] = successorsOf(ring, peer);
      // No live peer lies strictly between a peer and its first successor.
      return ring.every((id) => id === s1 || !isBetween(peer, id, s1));
    }),
    runs(500),
  );
  t.pass();
});

test('law: acceptorOf(ring, n) is the one peer p with n in (p, first successor of p]', (t) => {
  fc.assert(
    fc.property(ringAndNewcomer(2), ({ ring, newId }) => {
      const acceptor = acceptorOf(ring, newId);
      const holders = ring.filter((p) => isBetween(p, newId, successorsOf(ring, p)[0]));
      return holders.length === 1 && holders[0] === acceptor
        && successorsOf(afterJoin(ring, newId), acceptor)[0] === newId;
    }),
    runs(1000),
  );
  t.pass();
});

test('law: pathAlong starts at its source, ends at its target, and never repeats a peer', (t) => {
  fc.assert(
    fc.property(ringAndPeer(1), fc.nat(), ({ ring, peer: from }, j) => {
      const to = ring[j % ring.length];
      const path = pathAlong(ring, from, to);
      return path[0] === from
        && path[path.length - 1] === to
        && new Set(path).size === path.length
        && path.every((id, i) => i === 0 || successorsOf(ring, path[i - 1])[0] === id);
    }),
    runs(500),
  );
  t.pass();
});

test('law: isBetween(from, x, to) is "x is met walking up from `from` to `to`, wrapping at 256"', (t) => {
  fc.assert(
    fc.property(peerId, peerId, peerId, (from, x, to) => isBetween(from, x, to) === walk(from, to).has(x)),
    runs(2000),
  );
  t.pass();
});

test('law: the owner of a key is the peer whose (predecessor, peer] interval holds the key', (t) => {
  fc.assert(
    fc.property(ringAndPeer(), peerId, ({ ring }, key) => {
      const owner = ownerOf(ring, key);
      return isBetween(predecessorsOf(ring, owner)[0], key, owner);
    }),
    runs(1000),
  );
  t.pass();
});
