/** For tests: literal histories of one action on the standard ring, as the driver records them. */
import type { ActionPhase, PeerRecord, ScenarioHistory } from '../history/history.ts';
import { ACTIONS, type Action } from '../protocol/actions.ts';
import { sentenceOf } from '../protocol/matcher.ts';
import { STANDARD_RING } from '../protocol/ring.ts';
import { timingFor } from '../runner/timing.ts';

const timing = timingFor({ interval: 1 });

/** One action on the standard ring, each peer printing `printed(peer)` (default: what the spec expects). */
export function historyOf(action: Action, printed: (peer: number, expected: string[]) => string[] = (_, e) => e, extra: Partial<ActionPhase> = {}): ScenarioHistory {
  const before = STANDARD_RING;
  const rule = ACTIONS[action.type];
  const after = rule.after(before, action as never);
  const expectations = rule.expect(before, action as never);
  const peers: PeerRecord[] = [...new Set([...before, ...after])].map((peer) => {
    const texts = printed(peer, (expectations.get(peer) ?? []).map(sentenceOf));
    return { peer, command: 'p2p', startedAt: 0, lines: texts.map((text, seq) => ({ seq, at: 1000 + seq * 100, text })), cut: { lines: 0, chars: 0 }, stderr: [], stderrCut: 0 };
  });
  const end = Object.fromEntries(peers.map((p) => [String(p.peer), p.lines.length]));
  const phase: ActionPhase = {
    kind: 'action', action, at: 1000, end: 9000, before, after, from: {}, to: end, waitedMs: 8000, unconfirmed: false, left: [], memoryKills: 0,
    ...(action.type === 'quit' ? { exited: true } : {}),
    ...extra,
  };
  return {
    scenario: { name: 'literal', description: 'literal', ring: before, actions: [action] },
    timing, portBase: 12000, sandbox: 'test', ms: 9000, peers, files: [], phases: [phase], notes: [], interrupted: false,
  };
}

