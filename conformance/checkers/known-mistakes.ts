/**
 * The assignment's known mistakes, as data (fixtures/known-mistakes.json): each one names the
 * facts it is matched on and the hint a report adds when the decisive fact of a failure matches.
 * Read and checked once; a malformed file is conform's own bug, so it throws at start-up.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ActionKind } from '../protocol/actions.ts';
import type { PeerRole, Place } from '../protocol/roles.ts';
import type { FactKind } from './grade-model.ts';

export type KnownMistake = {
  readonly id: string;
  readonly action: ActionKind;
  readonly place?: Place;
  readonly kinds: readonly FactKind[];
  readonly roles?: readonly PeerRole[];
  /** A pattern the decisive fact's printed line or sentence must show (case-insensitive). */
  readonly printed?: string;
  /** Words the decisive fact's expected line must hold. */
  readonly expected?: string;
  readonly hint: string;
};

export const KNOWN_MISTAKES_FILE = fileURLToPath(new URL('../../fixtures/known-mistakes.json', import.meta.url));

const ACTION_KINDS = new Set(['join', 'quit', 'kill', 'store', 'request']);
const PLACES = new Set(['wrap', 'key-is-peer', 'middle']);
const FACT_KINDS = new Set(['false-line', 'wrong-number', 'never-exited', 'exit', 'missing', 'out-of-order', 'file', 'ring-unsettled', 'other']);
const ROLES = new Set(['joiner', 'acceptor', 'acceptor-predecessor', 'departing', 'first-predecessor', 'second-predecessor', 'owner', 'requester', 'typist']);

/** The mistakes of a file's text; throws naming the first entry that is not well formed. */
export function parseKnownMistakes(text: string): KnownMistake[] {
  const raw = JSON.parse(text) as { mistakes?: unknown };
  if (!Array.isArray(raw.mistakes)) throw new Error('known mistakes: "mistakes" must be a list');
  return raw.mistakes.map((m: Record<string, unknown>, i: number) => {
    const bad = (what: string) => new Error(`known mistakes: entry ${i} (${String(m.id)}): ${what}`);
    if (typeof m.id !== 'string' || typeof m.hint !== 'string' || m.hint === '') throw bad('needs an id and a hint');
    if (!ACTION_KINDS.has(m.action as string)) throw bad(`unknown action ${String(m.action)}`);
    if (m.place !== undefined && !PLACES.has(m.place as string)) throw bad(`unknown place ${String(m.place)}`);
    if (!Array.isArray(m.kinds) || m.kinds.length === 0 || !m.kinds.every((k) => FACT_KINDS.has(k))) throw bad('"kinds" must list fact kinds');
    if (m.roles !== undefined && (!Array.isArray(m.roles) || !m.roles.every((r) => ROLES.has(r)))) throw bad('"roles" must list peer roles');
    if (m.printed !== undefined) new RegExp(String(m.printed), 'i');
    return m as unknown as KnownMistake;
  });
}

export const KNOWN_MISTAKES: readonly KnownMistake[] = parseKnownMistakes(readFileSync(KNOWN_MISTAKES_FILE, 'utf8'));
