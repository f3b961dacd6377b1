/**
 * Reads scenario files and checks them against the ring model before anything runs: a scenario
 * that joins a peer already present, quits one that left, or shrinks the ring below three peers
 * is a usage error naming the file, never a confusing verdict.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usageError } from '../errors.ts';
import { ruleOf, type Action } from '../protocol/actions.ts';
import { KILL_PHASE_NAMES, type KillPhase } from '../protocol/kill-phase.ts';
import { isPeerId, makeRing, type Ring } from '../protocol/ring.ts';
import type { Scenario } from './types.ts';

/** The scenarios that ship with conform. */
export const BUILT_IN_DIR = fileURLToPath(new URL('../../fixtures/scenarios/', import.meta.url));

const FILE_NAME = /^\d{4}$/;

function fail(file: string, message: string): never {
  throw usageError(`scenario ${file}: ${message}`);
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && isPeerId(value);
}

/**
 * One action of a scenario file, tagged (`{ "join": 15, "known": 4 }` → `{ type: 'join', peer:
 * 15, known: 4 }`) and checked against the ring it will be driven on by the action table's own
 * rule (protocol/actions.ts). Throws a usage error naming the file and the action.
 */
export function parseAction(file: string, raw: unknown, index: number, ring: Ring): Action {
  const where = `action ${index + 1}`;
  if (typeof raw !== 'object' || raw === null) fail(file, `${where} must be an object such as {"quit": 9}`);
  const a = raw as Record<string, unknown>;
  const id = (value: unknown, role: string): number => {
    if (!isId(value)) fail(file, `${where}: ${role} must be a peer ID in 0..255`);
    return value;
  };
  const fileName = (value: unknown): string => {
    if (typeof value !== 'string' || !FILE_NAME.test(value)) fail(file, `${where}: file names are four digits as a string, e.g. "2067"`);
    return value;
  };
  // A pause may come with any action: seconds after the ring has settled.
  const { pause, ...rest } = a;
  if (pause !== undefined && !(typeof pause === 'number' && Number.isFinite(pause) && pause >= 0 && pause <= 60)) {
    fail(file, `${where}: pause must be a number of seconds from 0 to 60`);
  }
  const keys = Object.keys(rest).sort().join(',');
  let action: Action;
  if (keys === 'join,known') action = { type: 'join', peer: id(a.join, 'join'), known: id(a.known, 'known') };
  else if (keys === 'quit') action = { type: 'quit', peer: id(a.quit, 'quit') };
  else if (keys === 'kill') action = { type: 'kill', peer: id(a.kill, 'kill') };
  else if (keys === 'kill,phase') {
    if (!KILL_PHASE_NAMES.includes(a.phase as KillPhase)) fail(file, `${where}: phase must be one of ${KILL_PHASE_NAMES.join(', ')} (where the kill falls in the victim's ping cycle)`);
    action = { type: 'kill', peer: id(a.kill, 'kill'), phase: a.phase as KillPhase };
  }
  else if (keys === 'at,store') action = { type: 'store', file: fileName(a.store), at: id(a.at, 'at') };
  else if (keys === 'at,request' || keys === 'at,bytes,request') {
    const bytes = a.bytes;
    if (bytes !== undefined && !(Number.isInteger(bytes) && (bytes as number) > 0 && (bytes as number) <= 64 * 1024 * 1024)) {
      fail(file, `${where}: bytes must be a whole number from 1 to 67108864 (64 MiB)`);
    }
    action = { type: 'request', file: fileName(a.request), at: id(a.at, 'at'), ...(bytes ? { bytes: bytes as number } : {}) };
  } else {
    fail(file, `${where} has keys {${keys}}; expected one of {join, known}, {quit}, {kill[, phase]}, {store, at}, {request, at[, bytes]}, each with an optional pause`);
  }
  const refused = ruleOf(action).refuses(ring, action);
  if (refused) fail(file, `${where}: ${refused}`);
  return pause ? { ...action, pause: pause as number } : action;
}

/** Parses and validates one scenario from its JSON text. */
export function parseScenario(file: string, text: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    fail(file, `not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(file, 'must be a JSON object');
  const s = raw as Record<string, unknown>;
  const known = new Set(['name', 'description', 'ring', 'actions', 'pings', 'chained', 'files']);
  for (const key of Object.keys(s)) if (!known.has(key)) fail(file, `unknown key "${key}" (known: ${[...known].join(', ')})`);
  if (typeof s.name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(s.name)) fail(file, '"name" must be kebab-case, e.g. "join-middle"');
  if (typeof s.description !== 'string' || s.description.trim() === '') fail(file, '"description" must say what the scenario shows');
  if (!Array.isArray(s.ring) || s.ring.length < 3 || !s.ring.every(isId)) fail(file, '"ring" must list at least 3 peer IDs in 0..255');
  if (new Set(s.ring).size !== s.ring.length) fail(file, '"ring" lists a peer twice');
  if (!Array.isArray(s.actions)) fail(file, '"actions" must be a list (it may be empty)');
  for (const flag of ['pings', 'chained'] as const) {
    if (s[flag] !== undefined && typeof s[flag] !== 'boolean') fail(file, `"${flag}" must be true or false`);
  }
  if (s.files !== undefined && s.files !== 'owner' && s.files !== 'every-peer') fail(file, '"files" must be "owner" or "every-peer"');
  let ring = makeRing(s.ring as number[]);
  const actions: Action[] = [];
  s.actions.forEach((rawAction: unknown, index: number) => {
    const action = parseAction(file, rawAction, index, ring);
    actions.push(action);
    ring = ruleOf(action).after(ring, action);
  });
  if (actions.length === 0 && !s.pings) fail(file, 'has no actions and does not grade pings: it would check nothing');
  return {
    name: s.name,
    description: s.description,
    ring: makeRing(s.ring as number[]),
    actions,
    ...(s.pings ? { pings: true } : {}),
    ...(s.chained ? { chained: true } : {}),
    ...(s.files ? { files: s.files as 'owner' | 'every-peer' } : {}),
  };
}

/** Loads scenarios from files and directories (every `*.json` in a directory, by name). */
export function loadScenarios(paths: readonly string[] = [BUILT_IN_DIR]): Scenario[] {
  const files: string[] = [];
  for (const path of paths.map((p) => resolve(p))) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw usageError(`no scenario file or directory at ${path}`);
    }
    if (isDir) files.push(...readdirSync(path).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f)));
    else files.push(path);
  }
  const scenarios = files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw usageError(`cannot read scenario ${file}: ${(error as Error).message}`);
    }
    return parseScenario(basename(file), text);
  });
  const names = new Map<string, string>();
  scenarios.forEach((s, i) => {
    const first = names.get(s.name);
    if (first) throw usageError(`two scenarios are named "${s.name}" (${first} and ${files[i]}); names must be unique`);
    names.set(s.name, files[i]);
  });
  if (scenarios.length === 0) throw usageError(`no scenario files (*.json) in ${paths.join(', ')}`);
  return scenarios;
}
