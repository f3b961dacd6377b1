/**
 * A scenario's ring as inline SVG: every peer it started on a circle, the model's successor
 * arrows on the ring after the last action (ring.ts) against the successors each peer printed
 * last (its last first/second successor line, read with the matcher); a departed peer crossed
 * out, a joined one ringed, every disagreement a red dashed arrow. Pure: history in, SVG out.
 */
import type { ScenarioHistory } from '../conformance/history/history.ts';
import { findEvents } from '../conformance/protocol/matcher.ts';
import { successorsOf, type Ring } from '../conformance/protocol/ring.ts';
import { htmlText } from '../conformance/safe-text.ts';

export type PrintedSuccessors = { first?: number; second?: number };

/** The ring the model says the scenario ended on. */
export function finalRing(history: ScenarioHistory): Ring {
  const last = history.phases.at(-1);
  return last?.kind === 'action' ? last.after : history.scenario.ring;
}

/** The successors each peer printed last, by peer (a peer that printed none is absent). */
export function printedSuccessors(history: ScenarioHistory): Map<number, PrintedSuccessors> {
  const printed = new Map<number, PrintedSuccessors>();
  for (const record of history.peers) {
    const mine: PrintedSuccessors = {};
    for (const line of record.lines) {
      for (const event of findEvents(line.text)) {
        if (event.id === 'first-successor') mine.first = event.values[0];
        if (event.id === 'second-successor') mine.second = event.values[0];
      }
    }
    if (mine.first !== undefined || mine.second !== undefined) printed.set(record.peer, mine);
  }
  return printed;
}

export type RingMismatch = { peer: number; which: 'first' | 'second'; expected: number; printed?: number };

/** Where a peer still in the ring printed other successors than the model's (or none). */
export function ringMismatches(history: ScenarioHistory): RingMismatch[] {
  const ring = finalRing(history);
  const printed = printedSuccessors(history);
  const out: RingMismatch[] = [];
  if (ring.length < 3) return out;
  for (const peer of ring) {
    const [first, second] = successorsOf(ring, peer);
    // A peer of the starting ring that never printed a successor line still has the successors
    // its command line gave it (spec §2).
    const told = history.scenario.ring.includes(peer) ? successorsOf(history.scenario.ring, peer) : [];
    const mine = { first: told[0], second: told[1], ...printed.get(peer) };
    if (mine.first !== first) out.push({ peer, which: 'first', expected: first, printed: mine.first });
    if (mine.second !== second) out.push({ peer, which: 'second', expected: second, printed: mine.second });
  }
  return out;
}

const SIZE = 320;
const CENTRE = SIZE / 2;
const RADIUS = 120;

function arrow(from: { x: number; y: number }, to: { x: number; y: number }, bend: number, cls: string, title: string): string {
  // A chord bent towards the centre, so first and second successors (and the printed ones) part.
  const mx = (from.x + to.x) / 2;
  const my = (from.y + to.y) / 2;
  const cx = mx + (CENTRE - mx) * bend;
  const cy = my + (CENTRE - my) * bend;
  // Stop short of the node's circle so the arrowhead shows.
  const dx = to.x - cx;
  const dy = to.y - cy;
  const length = Math.hypot(dx, dy) || 1;
  const ex = to.x - (dx / length) * 13;
  const ey = to.y - (dy / length) * 13;
  const f = (n: number) => n.toFixed(1);
  return `<path class="${cls}" d="M${f(from.x)},${f(from.y)} Q${f(cx)},${f(cy)} ${f(ex)},${f(ey)}" marker-end="url(#head-${cls})"><title>${htmlText(title)}</title></path>`;
}

export function renderRingSvg(history: ScenarioHistory): string {
  const ring = finalRing(history);
  const ids = [...new Set([...history.scenario.ring, ...ring, ...history.peers.map((p) => p.peer)])].sort((a, b) => a - b);
  const joined = new Set<number>();
  const departed = new Set<number>();
  for (const phase of history.phases) {
    if (phase.kind !== 'action') continue;
    if (phase.action.type === 'join') joined.add(phase.action.peer);
    if (phase.action.type === 'quit' || phase.action.type === 'kill') departed.add(phase.action.peer);
  }
  const at = new Map(ids.map((id, i) => {
    const angle = (2 * Math.PI * i) / ids.length - Math.PI / 2;
    return [id, { x: CENTRE + RADIUS * Math.cos(angle), y: CENTRE + RADIUS * Math.sin(angle) }];
  }));
  const printed = printedSuccessors(history);
  const mismatches = ringMismatches(history);
  const arrows: string[] = [];
  if (ring.length >= 3) {
    for (const peer of ring) {
      const [first, second] = successorsOf(ring, peer);
      arrows.push(arrow(at.get(peer)!, at.get(first)!, 0.1, 'model1', `model: peer ${peer}'s first successor is ${first}`));
      arrows.push(arrow(at.get(peer)!, at.get(second)!, 0.35, 'model2', `model: peer ${peer}'s second successor is ${second}`));
    }
  }
  for (const m of mismatches) {
    if (m.printed === undefined || !at.has(m.printed)) continue;
    arrows.push(arrow(at.get(m.peer)!, at.get(m.printed)!, m.which === 'first' ? -0.25 : 0.6, 'wrong', `peer ${m.peer} printed ${m.which} successor ${m.printed}; the model's is ${m.expected}`));
  }
  const nodes = ids.map((id) => {
    const { x, y } = at.get(id)!;
    const mine = printed.get(id);
    const cls = departed.has(id) ? 'departed' : joined.has(id) ? 'joined' : mismatches.some((m) => m.peer === id) ? 'bad' : 'peer';
    const what = departed.has(id) ? ' (left the ring)' : joined.has(id) ? ' (joined)' : '';
    const said = mine ? `; printed last: first successor ${mine.first ?? '?'}, second ${mine.second ?? '?'}` : '';
    const cross = departed.has(id) ? `<path class="cross" d="M${(x - 8).toFixed(1)},${(y - 8).toFixed(1)} l16,16 m0,-16 l-16,16"/>` : '';
    return `<g class="node ${cls}"><circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="12"/><text x="${x.toFixed(1)}" y="${(y + 4).toFixed(1)}">${id}</text>${cross}<title>peer ${id}${what}${said}</title></g>`;
  });
  const markers = ['model1', 'model2', 'wrong']
    .map((c) => `<marker id="head-${c}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path class="head-${c}" d="M0,0 L10,5 L0,10 z"/></marker>`)
    .join('');
  const missing = mismatches.filter((m) => m.printed === undefined || !at.has(m.printed));
  const legend = [
    '<g class="legend" transform="translate(330,20)">',
    '<path class="model1" d="M0,0 h30"/><text x="38" y="4">first successor (model)</text>',
    '<path class="model2" d="M0,20 h30"/><text x="38" y="24">second successor (model)</text>',
    '<path class="wrong" d="M0,40 h30"/><text x="38" y="44">successor the peer printed, wrong</text>',
    '<circle class="joined-key" cx="15" cy="62" r="7"/><text x="38" y="66">joined</text>',
    '<circle class="departed-key" cx="15" cy="82" r="7"/><text x="38" y="86">quit or killed</text>',
    `<text x="0" y="112">${mismatches.length === 0 ? 'every peer printed the model\'s successors' : `${mismatches.length} successor${mismatches.length === 1 ? '' : 's'} printed wrong`}</text>`,
    ...missing.slice(0, 6).map((m, i) => `<text class="wrong-text" x="0" y="${132 + i * 18}">peer ${m.peer}: ${m.which} successor ${m.printed ?? 'never printed'}, model ${m.expected}</text>`),
    '</g>',
  ];
  return [
    `<svg class="ring" role="img" viewBox="0 0 600 ${SIZE}" width="600" height="${SIZE}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>the ring of ${htmlText(history.scenario.name)} after its last action</title>`,
    `<defs>${markers}</defs>`,
    `<circle class="track" cx="${CENTRE}" cy="${CENTRE}" r="${RADIUS}"/>`,
    ...arrows,
    ...nodes,
    ...legend,
    '</svg>',
  ].join('\n');
}
