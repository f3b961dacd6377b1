import test from 'ava';
import { rerunCommand } from './evidence.ts';

test('the rerun command names the path a submission came from, or runs its command', (t) => {
  const table: [string, string][] = [
    ['python3 /subs/alice/p2p.py', 'npx conform run /subs/alice/p2p.py --only pings'],
    ['python3 /subs/alice/p2p.py (Python 3.11.7)', 'npx conform run /subs/alice/p2p.py --only pings'],
    ['java -cp <build> P2P (compiled from /subs/bob/P2P.java)', 'npx conform run /subs/bob/P2P.java --only pings'],
    ['/subs/carol/p2p', 'npx conform run /subs/carol/p2p --only pings'],
    ["python3 -u '/subs/my dir/p2p.py'", `npx conform run --cmd 'python3 -u '\\''/subs/my dir/p2p.py'\\''' --only pings`],
  ];
  for (const [submission, command] of table) t.is(rerunCommand(submission, 'pings'), command, submission);
});
