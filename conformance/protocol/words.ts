/**
 * The words of the protocol's sentences (spec §6): which printed words carry meaning, how their
 * spellings fold to one concept word, and which words are filler. Data only, read by tokens.ts.
 * A concept word names an event or a role ("first", "successor", "forwarded", "from"); a filler
 * word ("new", "the", "peer", "has been") never decides what a line means.
 */

/** Words that carry no meaning in this protocol: dropped before matching (spec §6). */
export const FILLERS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'this', 'my', 'its', 'new', 'id', 'peer', 'peers', 'node', 'message', 'msg',
  'has', 'have', 'been', 'was', 'were', 'is', 'are', 'will', 'be', 'now', 'just',
  'successfully',
]);

/**
 * Every concept word with the spellings real programs print for it: tense, plural and common
 * misspellings. A word not listed here (and not a filler) is foreign: it ends any match.
 */
const SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  ping: ['pings'],
  request: ['requests', 'requst', 'reqeust'],
  response: ['responses', 'respone', 'responce', 'reply', 'replies'],
  sent: ['send', 'sends', 'sended'],
  sending: ['sendin'],
  received: ['receive', 'receives', 'recieve', 'recieved', 'recived', 'receved', 'recevied', 'receieved'],
  receiving: ['recieving', 'reciving', 'receving'],
  forwarded: ['forward', 'forwards', 'forwarding', 'forwared', 'fowarded', 'forwaded', 'fwd'],
  accepted: ['accept', 'accepts', 'acepted', 'accpeted', 'acceptted'],
  join: ['joining'],
  change: [],
  successor: ['successors', 'succesor', 'sucessor', 'succssor', 'successer', 'sucesor', 'succesors', 'sucessors'],
  first: ['1st'],
  second: ['2nd'],
  depart: ['departs', 'departing', 'departed', 'departure'],
  network: [],
  no: [],
  not: [],
  longer: [],
  alive: [],
  store: [],
  stored: [],
  file: ['files'],
  here: [],
  had: [],
  but: [],
  and: ['&'],
  to: [],
  from: [],
  for: [],
  // The reference peer's own, ungraded lines (catalogue 'file-missing-*').
  belongs: [],
  missing: [],
  so: [],
  it: [],
  cannot: [],
  owns: [],
  copy: [],
  of: [],
  pdf: [],
};

const FOLD: ReadonlyMap<string, string> = new Map(
  Object.entries(SPELLINGS).flatMap(([word, spellings]) => [[word, word], ...spellings.map((s) => [s, word] as const)]),
);

/** The concept word a printed word (lower case) spells, `''` for a filler, undefined for a foreign word. */
export function conceptOf(word: string): string | undefined {
  if (FILLERS.has(word)) return '';
  return FOLD.get(word);
}

/** Whether `word` is a concept word (the folded form), as grammars write them. */
export function isConcept(word: string): boolean {
  return Object.hasOwn(SPELLINGS, word);
}

/** Every printed spelling of a concept word, itself included. */
export function spellingsOf(word: string): string[] {
  return [word, ...(SPELLINGS[word] ?? [])];
}
