/**
 * A literal graded run for the renderers' tests: `join-middle` where peer 9 printed a wrong
 * second successor and a line of HTML, plus a hostile transcript line, judged under the default
 * rubric. No ring runs: the history is written out here.
 */
import { gradeResults } from '../conformance/checkers/grade-run.ts';
import type { Finding, Grade } from '../conformance/checkers/grade-model.ts';
import { DEFAULT_RUBRIC } from '../conformance/checkers/rubric.ts';
import type { PeerRecord, ScenarioHistory } from '../conformance/history/history.ts';
import { afterJoin } from '../conformance/protocol/ring.ts';
import { timingFor } from '../conformance/runner/timing.ts';
import { loadScenarios } from '../conformance/scenarios/load.ts';

export const INFO = { submission: 'python3 /subs/alice/p2p.py', pingInterval: '1', portBase: 12000, detectSeconds: 60 };

/** What a hostile program may print: markup, a script, a NUL, an escape, a lone surrogate. */
export const HOSTILE = 'My second successor is Peer 15 <script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> \u0000\u001b[2J\ud800 ]]>';

const scenario = loadScenarios().find((s) => s.name === 'join-middle')!;
const ring = scenario.ring;
const line = (seq: number, at: number, text: string) => ({ seq, at, text });

const peers: PeerRecord[] = ring.map((peer) => ({ peer, command: `python3 p2p.py init ${peer}`, startedAt: 100, lines: [], cut: { lines: 0, chars: 0 }, stderr: [], stderrCut: 0 }));
const peer9 = peers.find((p) => p.peer === 9)!;
const wrong: PeerRecord = {
  ...peer9,
  lines: [line(0, 900, 'Ping requests sent to Peers 14 and 19'), line(1, 5200, 'Successor Change request received'), line(2, 5300, 'My new first successor is Peer 14'), line(3, 5400, HOSTILE)],
  cut: { lines: 12, chars: 300 },
};
const joiner: PeerRecord = { peer: 15, command: 'python3 p2p.py join 15 4', startedAt: 5000, lines: [line(0, 5100, 'Join request has been accepted'), line(1, 5150, 'My first successor is Peer 19'), line(2, 5160, 'My second successor is Peer 2')], cut: { lines: 0, chars: 0 }, stderr: ['Traceback <b>bold</b>'], stderrCut: 0 };

export const HISTORY: ScenarioHistory = {
  scenario,
  timing: timingFor({ interval: 1 }),
  portBase: 12000,
  sandbox: 'a cgroup capping tasks at 1024',
  ms: 8000,
  peers: [...peers.map((p) => (p.peer === 9 ? wrong : p)), joiner],
  files: [],
  phases: [
    { kind: 'start', at: 0, end: 4000, settle: { from: {}, to: {}, waitedMs: 3000, missing: [] }, memoryKills: 0 },
    { kind: 'action', action: { type: 'join', peer: 15, known: 4 }, at: 5000, end: 7000, before: ring, after: afterJoin(ring, 15), from: {}, to: {}, waitedMs: 2000, unconfirmed: false, left: [], memoryKills: 0 },
  ],
  notes: ['peer 9 printed so much that 12 lines were left out'],
  interrupted: false,
};

export const FAILED: Finding = {
  scenario: 'join-middle',
  item: 'join',
  step: 3,
  status: 'fail',
  action: 'join 15 4',
  reasons: [`peer 9 printed no 'My new second successor is Peer 15' within 2 s after \`join 15 4\` (spec §3 step 3); closest line it printed: 'My new first successor is Peer 14'`],
  warnings: ["peer 15 printed 'Join request has been accepted' as 'Join request accepted'"],
};

export function gradeOf(findings: readonly Finding[] = [FAILED]): Grade {
  const result = { scenario: 'join-middle', findings, notes: HISTORY.notes, transcripts: HISTORY.peers, ms: HISTORY.ms, sandbox: HISTORY.sandbox, history: HISTORY };
  return gradeResults([result], { complete: true, ms: 8000 }, DEFAULT_RUBRIC);
}
