import test from 'ava';
import { gradeSteps } from '../conformance/checkers/grade.ts';
import { DEFAULT_RUBRIC } from '../conformance/checkers/rubric.ts';
import type { Finding, Grade } from '../conformance/checkers/grade-model.ts';
import { renderMarkdown } from './markdown.ts';
import type { PeerRecord, ScenarioHistory } from '../conformance/history/history.ts';
import { loadScenarios } from '../conformance/scenarios/load.ts';
import { timingFor } from '../conformance/runner/timing.ts';

const info = { submission: 'python3 /subs/alice/p2p.py', pingInterval: '1', portBase: 12000, detectSeconds: 60 };

const peer9: PeerRecord = { peer: 9, command: 'x', startedAt: 0, lines: [], cut: { lines: 0, chars: 0 }, stderr: [], stderrCut: 0 };
const scenario = loadScenarios().find((s) => s.name === 'kill-middle')!;
const history: ScenarioHistory = { scenario, timing: timingFor({ interval: 1 }), portBase: 12000, sandbox: 'a cgroup capping tasks at 1024', ms: 4200, peers: [peer9], files: [], phases: [], notes: [], interrupted: false };

function gradeOf(findings: Finding[]): Grade {
  const steps = gradeSteps(findings, DEFAULT_RUBRIC);
  return {
    steps,
    scenarios: [{ scenario: 'kill-middle', findings, notes: ['peer 4 printed so much that 10 lines were left out'], transcripts: [peer9], ms: 4200, sandbox: 'a cgroup capping tasks at 1024', history }],
    score: steps.reduce((n, s) => n + s.score, 0),
    max: steps.reduce((n, s) => n + s.max, 0),
    complete: true,
    ms: 5000,
    sandbox: ['a cgroup capping tasks at 1024'],
    maxLoopDelayMs: 12,
  };
}

const failing: Finding = {
  scenario: 'kill-middle',
  item: 'kill',
  step: 5,
  status: 'fail',
  reasons: ["peer 8 printed no 'Peer 14 is no longer alive' within 60 s; closest line it printed: '<script>alert(1)</script>'"],
  warnings: [],
  detections: [{ peer: 9, ms: 3100 }],
};

test('a failing step lists its reasons, escaped, with notes, detection times and transcript links', (t) => {
  const md = renderMarkdown(gradeOf([failing]), info);
  t.regex(md, /\| 5 \| Abrupt departure \| \*\*FAIL\*\* \| 0\/12 \|/);
  t.regex(md, /## Step 5: Abrupt departure\n\n- peer 8 printed no 'Peer 14 is no longer alive'/);
  t.notRegex(md, /<script>/, 'HTML from a program is shown, not run');
  t.regex(md, /\\<script\\>/);
  t.regex(md, /kill-middle: peer 9 noticed the kill after 3\.1 s/);
  t.regex(md, /\[peer 9\]\(transcripts\/kill-middle\/peer-9\.log\)/);
  t.regex(md, /## Notes\n\n- kill-middle: peer 4 printed so much/);
  t.regex(md, /Sandbox: a cgroup capping tasks at 1024\.\n$/);
});

test('steps no scenario exercised are marked not graded, and a clean run has no step sections', (t) => {
  const md = renderMarkdown(gradeOf([{ ...failing, status: 'pass', reasons: [] }]), info);
  t.regex(md, /\| 3 \| Peer joining \| not graded \| 0\/14 \|/);
  t.notRegex(md, /## Step/);
});

test('a failed check shows the expected line, the closest line, the peer, the time since the action and a rerun command', async (t) => {
  const fixture = await import('./_grade-fixture.ts');
  const md = renderMarkdown(fixture.gradeOf(), fixture.INFO);
  t.regex(md, /\| 3 \| Peer joining \| \*\*FAIL\*\* \| 0\/14 \| peer 9 printed no 'My new second successor is Peer 15'/);
  t.regex(md, /  - expected line \(peer 9\): My new second successor is Peer 15\n  - closest line printed: My new first successor is Peer 14, 0\.3 s after the action/);
  t.regex(md, /```\nnpx conform run \/subs\/alice\/p2p\.py --only join-middle\n```/);
  t.regex(md, /## Wording[\s\S]*## Failed checks/);
  t.notRegex(md, /<script>/);
});
