/**
 * A failed action explained like a diagnosis, not a log: its first decisive fact (which peer did
 * what instead of what, and why it was that peer's job), the hint of a known mistake when the
 * fact matches one, and everything that follows from it grouped, counted and kept for a report to
 * collapse. Pure: facts in, diagnosis out.
 */
import type { Action } from '../protocol/actions.ts';
import type { Ring } from '../protocol/ring.ts';
import { rolesOf, type PeerRole } from '../protocol/roles.ts';
import type { Diagnosis, Fact, FactKind } from './grade-model.ts';
import { KNOWN_MISTAKES, type KnownMistake } from './known-mistakes.ts';

/**
 * The most decisive kind first: a peer that ended explains what it did not print; a line that
 * says what did not happen, or a wrong number, shows what a peer did instead; a line that never
 * came may be the consequence of either; a ring that does not work afterwards nearly always is.
 */
const KIND_ORDER: readonly FactKind[] = ['exit', 'false-line', 'wrong-number', 'never-exited', 'missing', 'out-of-order', 'file', 'ring-unsettled', 'other'];

/** Among facts of one kind, the peer whose job the action is most comes first. */
const ROLE_ORDER: readonly PeerRole[] = ['acceptor', 'owner', 'departing', 'first-predecessor', 'acceptor-predecessor', 'second-predecessor', 'joiner', 'requester', 'typist'];

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "peer 14 (3), peer 19 (3)" */
function byPeer(facts: readonly Fact[]): string {
  const counts = new Map<string, number>();
  for (const f of facts) {
    const who = f.peer === undefined ? 'the ring' : `peer ${f.peer}`;
    counts.set(who, (counts.get(who) ?? 0) + 1);
  }
  return [...counts].map(([who, n]) => `${who} (${n})`).join(', ');
}

const SUMMARY: Readonly<Record<FactKind, (facts: readonly Fact[]) => string>> = {
  exit: (f) => `${count(f.length, 'more peer')} ended: ${byPeer(f)}`,
  'false-line': (f) => `${count(f.length, 'more line')} that say what did not happen: ${byPeer(f)}`,
  'wrong-number': (f) => `${count(f.length, 'more line')} with a wrong number: ${byPeer(f)}`,
  'never-exited': (f) => `${count(f.length, 'more peer')} that did not exit: ${byPeer(f)}`,
  missing: (f) => `${count(f.length, 'expected line')} never came: ${byPeer(f)}`,
  'out-of-order': (f) => `${count(f.length, 'line')} out of order: ${byPeer(f)}`,
  file: (f) => `${count(f.length, 'file')} wrong: ${byPeer(f)}`,
  'ring-unsettled': (f) => `the ring did not work afterwards: the pings of ${f.map((x) => `peer ${x.peer}`).join(', ')} reached no new successor`,
  other: (f) => `${count(f.length, 'more reason')}`,
};

function matches(mistake: KnownMistake, action: Action, fact: Fact, role: PeerRole | undefined, places: readonly string[]): boolean {
  if (mistake.action !== action.type || !mistake.kinds.includes(fact.kind)) return false;
  if (mistake.place && !places.includes(mistake.place)) return false;
  if (mistake.roles && (role === undefined || !mistake.roles.includes(role))) return false;
  if (mistake.expected && !(fact.expected ?? '').includes(mistake.expected)) return false;
  if (mistake.printed && !new RegExp(mistake.printed, 'i').test(`${fact.printed ?? ''}\n${fact.reason}`)) return false;
  return true;
}

/** The diagnosis of a failed action's facts on the ring it was driven on; undefined without facts. */
export function diagnose(facts: readonly Fact[], ring: Ring, action: Action, mistakes: readonly KnownMistake[] = KNOWN_MISTAKES): Diagnosis | undefined {
  if (facts.length === 0) return undefined;
  const { roles, places, words } = rolesOf(ring, action);
  const rank = (f: Fact) => {
    const role = f.peer === undefined ? undefined : roles.get(f.peer);
    return KIND_ORDER.indexOf(f.kind) * 100 + (role === undefined ? 99 : ROLE_ORDER.indexOf(role));
  };
  // The first of the best rank, in the order the checkers gave them.
  const decisive = facts.reduce((best, f) => (rank(f) < rank(best) ? f : best));
  const role = decisive.peer === undefined ? undefined : roles.get(decisive.peer);
  const mistake = mistakes.find((m) => matches(m, action, decisive, role, places));
  const rest = facts.filter((f) => f !== decisive);
  const consequences = KIND_ORDER.flatMap((kind) => {
    const of = rest.filter((f) => f.kind === kind);
    return of.length ? [{ summary: SUMMARY[kind](of), facts: of }] : [];
  });
  const roleWords = decisive.peer === undefined ? undefined : words.get(decisive.peer);
  return {
    decisive,
    ...(roleWords ? { role: roleWords } : {}),
    ...(mistake ? { hint: { id: mistake.id, text: mistake.hint } } : {}),
    consequences,
  };
}
