/** What `conform diff` reports between two gradings of a class. */
import test from 'ava';
import { diffClasses } from './class-diff.ts';
import type { ClassRow } from './class-row.ts';

const row = (name: string, state: ClassRow['state'], score: number, max = 11): ClassRow => ({
  name,
  state,
  reason: '',
  steps: state === 'unstartable' ? [] : [{ step: 6, name: 'Data insertion', score, max, status: score === max ? 'pass' : 'fail' }],
  score,
  max: state === 'unstartable' ? 0 : max,
  seconds: 1,
  reports: [],
});

test('changed points, states and submissions that came or went; unchanged rows say nothing', (t) => {
  const before = [row('alice', 'passed', 11), row('bob', 'failed', 6.6), row('carol', 'unstartable', 0), row('dan', 'passed', 11)];
  const after = [row('alice', 'passed', 22, 22), row('bob', 'passed', 11), row('carol', 'unstartable', 0), row('erin', 'failed', 0)];
  t.deepEqual(diffClasses(before, after), [
    { name: 'alice', what: 'step 6 Data insertion', old: '11/11 pass', new: '22/22 pass' },
    { name: 'alice', what: 'total', old: '11/11', new: '22/22' },
    { name: 'bob', what: 'state', old: 'failed', new: 'passed' },
    { name: 'bob', what: 'step 6 Data insertion', old: '6.6/11 fail', new: '11/11 pass' },
    { name: 'bob', what: 'total', old: '6.6/11', new: '11/11' },
    { name: 'dan', what: 'submission', old: 'passed', new: 'absent' },
    { name: 'erin', what: 'submission', old: 'absent', new: 'failed' },
  ]);
  t.deepEqual(diffClasses(before, before), []);
});
