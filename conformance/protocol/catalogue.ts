/**
 * The message catalogue: every line a correct peer prints, once, as data (spec §3).
 *
 * `template` is the spec's exact sentence with `{slot}` placeholders. `meaning` is a regular
 * expression over a normalised line (see matcher.ts) that recognises the event in every wording
 * of spec §6; its capture groups are the slots, in `slots` order. The reference peer formats its
 * lines from `template`; the runner and the fuzzer judge with `meaning` and `template`.
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
  /** Slot names in the order `meaning` captures them. Every slot is a number. */
  readonly slots: readonly string[];
  /** Recognises the event in a normalised (lower-case) line, spec §6 variants included. */
  readonly meaning: RegExp;
  /** Lines the spec requires; the reference peer's own diagnostics are not graded. */
  readonly graded: boolean;
};

const PEER = '(?:peer\\s*)?(\\d+)';
const SUCC = '(?:my\\s+)?successor';

function message(
  id: MessageId,
  step: Step,
  who: string,
  template: string,
  meaning: string,
  graded = true,
): Message {
  const slots = [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];
  return { id, step, who, template, slots, meaning: new RegExp(meaning), graded };
}

/** Every message, in spec order. */
export const catalogue: readonly Message[] = [
  // §3 step 2
  message('ping-sent', 2, 'sender, each round', 'Ping requests sent to Peers {s1} and {s2}',
    `ping\\s+requests?\\s+(?:were\\s+)?sent\\s+to\\s+peers?\\s*(\\d+)\\s*(?:,|and|&)\\s*(?:peer\\s*)?(\\d+)`),
  message('ping-sent-one', 2, 'sender, one line per successor (a spec §6 variant)', 'Ping request sent to Peer {s}',
    `ping\\s+requests?\\s+(?:was\\s+|were\\s+)?sent\\s+to\\s+peer\\s*(\\d+)(?!\\d)(?!\\s*(?:,|and|&)\\s*(?:peer\\s*)?\\d)`, false),
  message('ping-received', 2, 'each successor, on receipt', 'Ping request message received from Peer {from}',
    `ping\\s+request(?:\\s+message)?\\s+(?:was\\s+)?rec(?:ei|ie)ved\\s+from\\s+${PEER}`),
  message('ping-response', 2, 'sender, on each response', 'Ping response received from Peer {from}',
    `ping\\s+response(?:\\s+(?:#|no\\.?\\s*)?\\d+)?(?:\\s+message)?\\s+(?:was\\s+)?rec(?:ei|ie)ved\\s+from\\s+${PEER}`),
  // §3 step 3
  message('join-forwarded', 3, 'each peer that forwards a join', 'Peer {peer} Join request forwarded to my successor',
    `peer\\s*(\\d+)\\s+join\\s+request\\s+(?:has\\s+been\\s+)?forward(?:ed)?\\s+to\\s+${SUCC}`),
  message('join-received', 3, 'the accepting peer', 'Peer {peer} Join request received',
    `peer\\s*(\\d+)\\s+join\\s+request\\s+(?:has\\s+been\\s+)?rec(?:ei|ie)ved`),
  message('new-first-successor', 3, 'a peer whose successors change', 'My new first successor is Peer {peer}',
    `my\\s+new\\s+first\\s+successor\\s+(?:id\\s+)?is\\s+${PEER}`),
  message('new-second-successor', 3, 'a peer whose successors change', 'My new second successor is Peer {peer}',
    `my\\s+new\\s+second\\s+successor\\s+(?:id\\s+)?is\\s+${PEER}`),
  message('successor-change', 3, "the accepting peer's first predecessor", 'Successor Change request received',
    `successor\\s+change\\s+request\\s+(?:has\\s+been\\s+)?rec(?:ei|ie)ved`),
  message('join-accepted', 3, 'the new peer', 'Join request has been accepted',
    `join\\s+request\\s+(?:has\\s+been\\s+|was\\s+)?accepted`),
  message('first-successor', 3, 'the new peer', 'My first successor is Peer {peer}',
    `my\\s+(?:new\\s+)?first\\s+successor\\s+(?:id\\s+)?is\\s+${PEER}`),
  message('second-successor', 3, 'the new peer', 'My second successor is Peer {peer}',
    `my\\s+(?:new\\s+)?second\\s+successor\\s+(?:id\\s+)?is\\s+${PEER}`),
  // §3 step 4
  message('departing', 4, 'both predecessors of a quitting peer', 'Peer {peer} will depart from the network',
    `peer\\s*(\\d+)\\s+will\\s+(?:be\\s+)?depart(?:ing)?\\s+from\\s+(?:the|this)\\s+network`),
  // §3 step 5
  message('no-longer-alive', 5, 'both predecessors of a killed peer', 'Peer {peer} is no longer alive',
    `peer\\s*(\\d+)\\s+(?:is\\s+)?no\\s+longer\\s+alive`),
  // §3 step 6
  message('store-forwarded', 6, 'every peer that passes a store on', 'Store {file} request forwarded to my successor',
    `store\\s+(\\d+)\\s+request\\s+(?:has\\s+been\\s+)?forward(?:ed)?\\s+to\\s+${SUCC}`),
  message('store-accepted', 6, 'the owning peer', 'Store {file} request accepted',
    `store\\s+(\\d+)\\s+request\\s+(?:has\\s+been\\s+)?accepted`),
  // §3 step 7
  message('request-sent', 7, 'the requester', 'File request for {file} has been sent to my successor',
    `file\\s+request\\s+for\\s+(?:file\\s+)?(\\d+)\\s+has\\s+been\\s+sent\\s+to\\s+${SUCC}`),
  message('request-not-here', 7, 'each peer passing a request on',
    'Request for File {file} has been received, but the file is not stored here',
    `request\\s+for\\s+file\\s+(\\d+)\\s+has\\s+been\\s+rec(?:ei|ie)ved,?\\s+but\\s+the\\s+file\\s+is\\s+not\\s+(?:stored\\s+)?here`),
  message('file-stored-here', 7, 'the owner', 'File {file} is stored here',
    `file\\s+(\\d+)\\s+(?:is\\s+)?stored\\s+here`),
  message('sending-file', 7, 'the owner', 'Sending file {file} to Peer {to}',
    `sending\\s+file\\s+(\\d+)\\s+to\\s+${PEER}`),
  message('file-sent', 7, 'the owner', 'The file has been sent',
    `(?<![a-z_])(?:the\\s+)?file\\s+(?:\\d+\\s+)?has\\s+been\\s+sent(?!\\s+to\\s+(?:my\\s+)?successor)`),
  message('peer-had-file', 7, 'the requester', 'Peer {owner} had File {file}',
    `peer\\s*(\\d+)\\s+had\\s+file\\s+(\\d+)`),
  message('receiving-file', 7, 'the requester', 'Receiving File {file} from Peer {owner}',
    `receiving\\s+file\\s+(\\d+)\\s+from\\s+${PEER}`),
  message('file-received', 7, 'the requester', 'File {file} received',
    `(?<![a-z_])(?<!request\\s+for\\s+)file\\s+(\\d+)\\s+(?:has\\s+been\\s+|was\\s+)?received(?!,)`),
  // The reference peer's own lines for a request whose file is absent at the owner (not graded).
  message('file-missing-at-owner', 7, 'the owner, when NNNN.pdf is absent',
    'File {file} belongs here but {file}.pdf is missing, so it cannot be sent to Peer {to}',
    `file\\s+(\\d+)\\s+belongs\\s+here\\s+but\\s+\\d+\\.pdf\\s+is\\s+missing,?\\s+so\\s+it\\s+cannot\\s+be\\s+sent\\s+to\\s+${PEER}`,
    false),
  message('file-missing-at-requester', 7, 'the requester, when NNNN.pdf is absent at the owner',
    'Peer {owner} owns File {file} but has no copy of it',
    `peer\\s*(\\d+)\\s+owns\\s+file\\s+(\\d+)\\s+but\\s+has\\s+no\\s+copy\\s+of\\s+it`,
    false),
];

const byId = new Map(catalogue.map((m) => [m.id, m]));

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
