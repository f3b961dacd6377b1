/** What changed between two gradings of a class (a regrade under another rubric or scenarios). */
import type { ClassRow } from './class-row.ts';

export type ClassChange = { readonly name: string; readonly what: string; readonly old: string; readonly new: string };

export function diffClasses(before: readonly ClassRow[], after: readonly ClassRow[]): ClassChange[] {
  const changes: ClassChange[] = [];
  const old = new Map(before.map((r) => [r.name, r]));
  const now = new Map(after.map((r) => [r.name, r]));
  const names = [...new Set([...old.keys(), ...now.keys()])].sort();
  for (const name of names) {
    const a = old.get(name);
    const b = now.get(name);
    if (!a || !b) {
      changes.push({ name, what: 'submission', old: a ? a.state : 'absent', new: b ? b.state : 'absent' });
      continue;
    }
    if (a.state !== b.state) changes.push({ name, what: 'state', old: a.state, new: b.state });
    const steps = [...new Set([...a.steps, ...b.steps].map((s) => s.step))].sort((x, y) => x - y);
    for (const step of steps) {
      const x = a.steps.find((s) => s.step === step);
      const y = b.steps.find((s) => s.step === step);
      const label = `step ${step} ${(y ?? x)!.name}`;
      const show = (s: typeof x) => (s ? `${s.score}/${s.max} ${s.status}` : 'not graded');
      if (x?.score !== y?.score || x?.max !== y?.max || x?.status !== y?.status) changes.push({ name, what: label, old: show(x), new: show(y) });
    }
    if (a.score !== b.score || a.max !== b.max) changes.push({ name, what: 'total', old: `${a.score}/${a.max}`, new: `${b.score}/${b.max}` });
  }
  return changes;
}
