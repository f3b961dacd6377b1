/**
 * The message catalogue: every line a correct peer prints, once, as data (spec §3).
 *
 * `template` is the spec's exact sentence with `{slot}` placeholders. `meaning` names what the line
 * says (messages that say the same share it) and `pattern` recognises it in every wording of spec
 * §6, as a grammar over concept words and numbers (grammar.ts, words.ts). The reference peer
 * formats its lines from `template`; the runner and the fuzzer judge with `meaning`, `pattern` and
 * `template`.
 */

export type MessageId =
  | 'ping-sent'
  | 'ping-sent-one'
  | 'ping-received'
  | 'ping-response'
  | 'join-forwarded'
  | 'join-received'
  | 'new-first-successor'
  | 'new-second-successor'
  | 'successor-change'
  | 'join-accepted'
  | 'first-successor'
  | 'second-successor'
  | 'departing'
  | 'no-longer-alive'
  | 'store-forwarded'
  | 'store-accepted'
  | 'request-sent'
  | 'request-not-here'
  | 'file-stored-here'
  | 'sending-file'
  | 'file-sent'
  | 'peer-had-file'
  | 'receiving-file'
  | 'file-received'
  | 'file-missing-at-owner'
  | 'file-missing-at-requester';

export type Step = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type Message = {
  readonly id: MessageId;
  readonly step: Step;
  /** Who prints it, in the spec's words. */
  readonly who: string;
  /** The spec's sentence; `{name}` marks a slot. */
  readonly template: string;
  /** Slot names in template order; an event's values come in this order. Every slot is a number. */
  readonly slots: readonly string[];
  /**
   * What the line means: the id shared by every message that says the same thing. "My new first
   * successor is Peer X" and "My first successor is Peer X" both mean `first-successor` (spec §6:
   * "new" carries no meaning either way); every other message means itself.
   */
  readonly meaning: MessageId;
  /**
   * The meaning as a grammar over a line's concept words and numbers (grammar.ts), spec §6
   * variants included: fillers, tense, misspellings and framing are folded away before it.
   */
  readonly pattern: string;
  /** Lines the spec requires; the reference peer's own diagnostics are not graded. */
  readonly graded: boolean;
};

function message(
  id: MessageId,
  step: Step,
  who: string,
  template: string,
  pattern: string,
  options: { meaning?: MessageId; graded?: boolean } = {},
): Message {
  const slots = [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];
  return { id, step, who, template, slots, meaning: options.meaning ?? id, pattern, graded: options.graded ?? true };
}

// Spec §6 in the patterns: "forwarded to successor" and a bare "forwarded" (`to? successor?`),
// "Ping response #3" or "no. 3" (`no? {}?`), "the file is not here" (`stored?`), "received from
// Peer 2, but" (`from? {}?`). Fillers ("is", "my", "Peer") are never written in a pattern.
/** Every message, in spec order. */
export const catalogue: readonly Message[] = [
  // §3 step 2
  message('ping-sent', 2, 'sender, each round', 'Ping requests sent to Peers {s1} and {s2}',
    'ping request sent to {s1} and? {s2}'),
  message('ping-sent-one', 2, 'sender, one line per successor (a spec §6 variant)', 'Ping request sent to Peer {s}',
    'ping request sent to {s}', { graded: false }),
  message('ping-received', 2, 'each successor, on receipt', 'Ping request message received from Peer {from}',
    'ping request received from {from}'),
  message('ping-response', 2, 'sender, on each response', 'Ping response received from Peer {from}',
    'ping response no? {}? received from {from}'),
  // §3 step 3
  message('join-forwarded', 3, 'each peer that forwards a join', 'Peer {peer} Join request forwarded to my successor',
    '{peer} join request forwarded to? successor?'),
  message('join-received', 3, 'the accepting peer', 'Peer {peer} Join request received',
    '{peer} join request received'),
  message('new-first-successor', 3, 'a peer whose successors change', 'My new first successor is Peer {peer}',
    'first successor {peer}', { meaning: 'first-successor' }),
  message('new-second-successor', 3, 'a peer whose successors change', 'My new second successor is Peer {peer}',
    'second successor {peer}', { meaning: 'second-successor' }),
  message('successor-change', 3, "the accepting peer's first predecessor", 'Successor Change request received',
    'successor change request received'),
  message('join-accepted', 3, 'the new peer', 'Join request has been accepted',
    'join request accepted'),
  message('first-successor', 3, 'the new peer', 'My first successor is Peer {peer}',
    'first successor {peer}'),
  message('second-successor', 3, 'the new peer', 'My second successor is Peer {peer}',
    'second successor {peer}'),
  // §3 step 4
  message('departing', 4, 'both predecessors of a quitting peer', 'Peer {peer} will depart from the network',
    '{peer} depart from? network?'),
  // §3 step 5
  message('no-longer-alive', 5, 'both predecessors of a killed peer', 'Peer {peer} is no longer alive',
    '{peer} no longer alive'),
  // §3 step 6
  message('store-forwarded', 6, 'every peer that passes a store on', 'Store {file} request forwarded to my successor',
    'store {file} request forwarded to? successor?'),
  message('store-accepted', 6, 'the owning peer', 'Store {file} request accepted',
    'store {file} request accepted'),
  // §3 step 7
  message('request-sent', 7, 'the requester', 'File request for {file} has been sent to my successor',
    'file request for file? {file} sent to? successor?'),
  message('request-not-here', 7, 'each peer passing a request on',
    'Request for File {file} has been received, but the file is not stored here',
    'request for file {file} received from? {}? but? file|it? not stored? here'),
  message('file-stored-here', 7, 'the owner', 'File {file} is stored here',
    'file {file} stored here'),
  message('sending-file', 7, 'the owner', 'Sending file {file} to Peer {to}',
    'sending file {file} to {to}'),
  // Not the requester's "File request for F has been sent to my successor".
  message('file-sent', 7, 'the owner', 'The file has been sent',
    'file {}? sent !to+successor'),
  message('peer-had-file', 7, 'the requester', 'Peer {owner} had File {file}',
    '{owner} had file {file}'),
  message('receiving-file', 7, 'the requester', 'Receiving File {file} from Peer {owner}',
    'receiving file {file} from {owner}'),
  // Not "Request for File F has been received, but …" however the rest of that line is worded.
  message('file-received', 7, 'the requester', 'File {file} received',
    '<!for file {file} received !but'),
  // The reference peer's own lines for a request whose file is absent at the owner (not graded).
  message('file-missing-at-owner', 7, 'the owner, when NNNN.pdf is absent',
    'File {file} belongs here but {file}.pdf is missing, so it cannot be sent to Peer {to}',
    'file {file} belongs here but {} pdf missing so it cannot sent to {to}', { graded: false }),
  message('file-missing-at-requester', 7, 'the requester, when NNNN.pdf is absent at the owner',
    'Peer {owner} owns File {file} but has no copy of it',
    '{owner} owns file {file} but no copy of it', { graded: false }),
];

const byId = new Map(catalogue.map((m) => [m.id, m]));

/** The messages of step 2: the ping lines a peer prints every round, whatever else goes on. */
export const PING_MESSAGES: ReadonlySet<MessageId> = new Set(catalogue.filter((m) => m.step === 2).map((m) => m.id));

/** What message `id` means: the id shared by every message that says the same (see `Message.meaning`). */
export function meaningOf(id: MessageId): MessageId {
  return messageFor(id).meaning;
}

/** The catalogue entry for `id`. */
export function messageFor(id: MessageId): Message {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown message id ${id}`);
  return found;
}

export type Slots = Readonly<Record<string, number | string>>;

/** The spec's exact sentence for `id` with its slots filled in. */
export function formatMessage(id: MessageId, slots: Slots = {}): string {
  return messageFor(id).template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = slots[name];
    if (value === undefined) throw new Error(`message ${id} needs slot ${name}`);
    return String(value);
  });
}
