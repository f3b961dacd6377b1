/** Every peer's transcript as a plain text file: timed stdout lines, then its stderr. */
import { visibleText } from '../conformance/safe-text.ts';
import type { PeerRecord } from '../conformance/history/history.ts';

// Control characters are shown, never let act on whoever opens the file.
const visible = visibleText;

export function renderTranscript(t: PeerRecord): string {
  const out = [`# peer ${t.peer}: ${t.command}`];
  if (t.exit) out.push(`# exit: ${t.exit.signal ? `signal ${t.exit.signal}` : `status ${t.exit.code}`} at ${(t.exit.at / 1000).toFixed(3)} s`);
  if (t.cut.lines || t.cut.chars) out.push(`# output cut to bound memory: ${t.cut.lines} lines and ${t.cut.chars} characters of long lines left out`);
  out.push('# stdout (seconds since the run started):');
  let last = -1;
  for (const line of t.lines) {
    if (last >= 0 && line.seq > last + 1) out.push(`# ... ${line.seq - last - 1} lines cut ...`);
    out.push(`[${(line.at / 1000).toFixed(3).padStart(8)}] ${visible(line.text)}`);
    last = line.seq;
  }
  out.push('# stderr (last part):', ...t.stderr.map(visible));
  return out.join('\n') + '\n';
}
