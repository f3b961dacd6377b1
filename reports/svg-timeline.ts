/**
 * A scenario's timeline as inline SVG: one lane per peer, a tick for each protocol line it
 * printed (a line the matcher finds a meaning in; ping lines thinned), each action a vertical mark
 * with its words (red when a check of it failed), and each measured detection of a kill a span
 * from the kill to the predecessor's line. Every tick's `<title>` is its line.
 */
import type { Finding } from '../conformance/checkers/grade-model.ts';
import type { ScenarioHistory } from '../conformance/history/history.ts';
import { describeAction } from '../conformance/protocol/actions.ts';
import { findEvents } from '../conformance/protocol/matcher.ts';
import { htmlText } from '../conformance/safe-text.ts';

const PING = new Set(['ping-sent', 'ping-sent-one', 'ping-received', 'ping-response']);
/** At most this many ticks per lane: a flooding peer's lane stays a few kilobytes. */
export const TICKS_PER_LANE = 150;
/** Ping ticks at least this far apart on a lane (they repeat every interval). */
const PING_GAP = 12;
/** Protocol lines closer than this many pixels share a tick. */
const MERGE_PX = 2;

const WIDTH = 900;
const LEFT = 70;
const LANE = 22;
const TOP = 60;

export function renderTimelineSvg(history: ScenarioHistory, findings: readonly Finding[]): string {
  // From the first peer's start: the sandbox's set-up before it is no one's doing.
  const start = Math.min(...history.peers.map((p) => p.startedAt), history.ms);
  // A loop, not a spread: a flooding peer's lines would overflow the call's arguments.
  let end = Math.max(history.ms, start + 1);
  for (const p of history.peers) for (const l of p.lines) end = Math.max(end, l.at);
  const x = (ms: number) => (LEFT + ((WIDTH - LEFT - 10) * Math.max(0, ms - start)) / (end - start)).toFixed(1);
  const lanes = history.peers.map((p) => p.peer);
  const y = (peer: number) => TOP + lanes.indexOf(peer) * LANE;
  const height = TOP + lanes.length * LANE + 20;
  const out: string[] = [
    `<svg class="timeline" role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>what each peer of ${htmlText(history.scenario.name)} printed, over time</title>`,
  ];
  for (const record of history.peers) {
    const ly = y(record.peer);
    out.push(`<text class="lane" x="4" y="${ly + 4}">peer ${record.peer}</text><line class="lane" x1="${LEFT}" x2="${WIDTH - 10}" y1="${ly}" y2="${ly}"/>`);
    // Lines within a couple of pixels of each other make one tick (a flood makes a few dozen).
    const ticks: { px: number; at: number; text: string; ping: boolean; more: number }[] = [];
    let left = 0;
    for (const line of record.lines) {
      const events = findEvents(line.text);
      if (events.length === 0) continue;
      const isPing = events.every((e) => PING.has(e.id));
      const px = Number(x(line.at));
      const last = ticks.at(-1);
      const lastPing = ticks.findLast((t) => t.ping);
      if (isPing && lastPing && px - lastPing.px < PING_GAP) continue;
      if (last && px - last.px < MERGE_PX) {
        last.more++;
        last.ping &&= isPing;
        continue;
      }
      if (ticks.length >= TICKS_PER_LANE) {
        left++;
        continue;
      }
      ticks.push({ px, at: line.at, text: line.text, ping: isPing, more: 0 });
    }
    for (const t of ticks) {
      const more = t.more ? ` (and ${t.more} more lines here)` : '';
      out.push(`<line class="tick${t.ping ? ' ping' : ''}" x1="${t.px}" x2="${t.px}" y1="${ly - 7}" y2="${ly + 7}"><title>${(t.at / 1000).toFixed(3)} s: ${htmlText(t.text.slice(0, 160))}${more}</title></line>`);
    }
    if (left) out.push(`<text class="cut" x="${WIDTH - 12}" y="${ly - 8}" text-anchor="end">${left} more lines not drawn</text>`);
    if (record.exit) out.push(`<circle class="exit" cx="${x(record.exit.at)}" cy="${ly}" r="4"><title>exited at ${(record.exit.at / 1000).toFixed(3)} s</title></circle>`);
  }
  let row = 0;
  for (const phase of history.phases) {
    if (phase.kind !== 'action') continue;
    const words = describeAction(phase.action);
    const failed = findings.filter((f) => f.action === words && f.status === 'fail');
    const ax = x(phase.at);
    const why = failed.length ? `; failed: ${failed.flatMap((f) => f.reasons).slice(0, 3).join(' | ')}` : '';
    out.push(
      `<g class="action${failed.length ? ' failed' : ''}"><line x1="${ax}" x2="${ax}" y1="${14 + (row % 3) * 14}" y2="${height - 16}"/>` +
        `<text x="${Number(ax) + 3}" y="${12 + (row % 3) * 14}">${htmlText(words)}${failed.length ? ' ✗' : ''}</text>` +
        `<title>${htmlText(`${words} at ${(phase.at / 1000).toFixed(3)} s${why}`)}</title></g>`,
    );
    row++;
    for (const f of findings) {
      if (f.action !== words) continue;
      for (const d of f.detections ?? []) {
        if (!lanes.includes(d.peer)) continue;
        const dy = y(d.peer);
        out.push(`<g class="detection"><rect x="${ax}" y="${dy - 4}" width="${(Number(x(phase.at + d.ms)) - Number(ax)).toFixed(1)}" height="8"/><title>peer ${d.peer} noticed after ${(d.ms / 1000).toFixed(1)} s</title></g>`);
      }
    }
  }
  out.push(`<text class="axis" x="${LEFT}" y="${height - 2}">${(start / 1000).toFixed(1)} s</text><text class="axis" x="${WIDTH - 10}" y="${height - 2}" text-anchor="end">${(end / 1000).toFixed(1)} s</text>`, '</svg>');
  return out.join('\n');
}
