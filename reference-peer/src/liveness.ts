/**
 * Detecting a dead successor from missing ping responses (spec §3 step 5), per successor. A ping
 * is missed when no answer came within the response window after it was sent; a successor is dead
 * after `missLimit` missed pings in a row.
 */

export type Watch = {
  readonly id: number;
  /**
   * True once the successor has answered, or when it was learned from a join, quit or repair and
   * is known live. At start-up successors may not be running yet (spec §4), so silence from an
   * unarmed successor never counts.
   */
  armed: boolean;
  /** Sequence number of the first ping sent to this successor (0: none yet). */
  since: number;
  /** Highest sequence number it has answered. */
  answered: number;
  /** Consecutive pings that went unanswered. */
  missed: number;
};

// The assignment wants a death noticed within 60 s (spec §3 step 5); keep a margin below it.
const DETECTION_BOUND_MS = 50_000;
// Loopback answers take microseconds; this forgives a peer stalled for a moment.
const MAX_RESPONSE_WINDOW_MS = 2000;

export function newWatch(id: number, armed: boolean): Watch {
  return { id, armed, since: 0, answered: 0, missed: 0 };
}

/** How long after a ping its answer may come: one interval, at most 2 s. */
export function responseWindow(intervalMs: number): number {
  return Math.min(intervalMs, MAX_RESPONSE_WINDOW_MS);
}

/**
 * Missed pings that mean death: the setting, lowered for long intervals so that detection never
 * takes longer than 50 s (at the assignment's 30 s interval, one missed ping; at 1 s, the setting).
 */
export function missLimit(setting: number, intervalMs: number): number {
  const fits = Math.floor((DETECTION_BOUND_MS - responseWindow(intervalMs)) / intervalMs);
  return Math.max(1, Math.min(setting, fits));
}

/**
 * Called a response window after ping `seq` was sent: true when the successor is now dead. Each
 * round judges its own ping, so the next round's ping going out first (both fall due at once)
 * cannot make an answered ping look missed.
 */
export function judgePing(watch: Watch, seq: number, limit: number): boolean {
  const wasSent = watch.since !== 0 && watch.since <= seq;
  if (watch.armed && wasSent && watch.answered < seq) watch.missed += 1;
  return watch.armed && watch.missed >= limit;
}

export function notePingSent(watch: Watch, seq: number): void {
  if (watch.since === 0) watch.since = seq;
}

export function noteAnswer(watch: Watch, seq: number): void {
  watch.armed = true;
  watch.answered = Math.max(watch.answered, seq);
  watch.missed = 0;
}
