/**
 * The peer's two outputs: protocol lines on stdout, each formatted from the catalogue (spec §3),
 * and one-line diagnostics on stderr.
 */
import { formatMessage, type MessageId, type Slots } from '../../conformance/protocol/catalogue.ts';

let label = 'p2p';

/** Names the peer in every diagnostic from now on. */
export function setPeerLabel(id: number): void {
  label = `p2p ${id}`;
}

/** Prints one catalogue line, whole, with a single write. */
export function say(id: MessageId, slots: Slots = {}): void {
  process.stdout.write(formatMessage(id, slots) + '\n');
}

/** Prints one diagnostic line to stderr. */
export function warn(text: string): void {
  process.stderr.write(`${label}: ${text.replace(/\s*\n\s*/g, ' ')}\n`);
}

/** The message of anything thrown, on one line. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
