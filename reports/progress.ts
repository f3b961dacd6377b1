/**
 * Live progress while a run goes on: plain lines when stderr is not a terminal or CI is set, one
 * rewritten status line on a terminal. Writes to stderr so stdout keeps only the result.
 */
import type { ScenarioEvent } from '../conformance/runner/run-scenario.ts';

export type Progress = { readonly onEvent: (event: ScenarioEvent) => void; readonly done: () => void };

export function createProgress(options: { total: number; stream?: NodeJS.WriteStream; plain?: boolean }): Progress {
  const stream = options.stream ?? process.stderr;
  const plain = options.plain ?? (!stream.isTTY || Boolean(process.env.CI));
  const running = new Map<string, string>();
  let finished = 0;
  let failures = 0;
  const status = () => {
    const names = [...running.keys()].slice(0, 3).join(', ') + (running.size > 3 ? ', ...' : '');
    stream.write(`\r\x1b[K${finished}/${options.total} scenarios done, ${failures} findings failed; running: ${names}`);
  };
  return {
    onEvent(event) {
      if (event.type === 'scenario-start') running.set(event.scenario, 'starting');
      if (event.type === 'action') running.set(event.scenario, event.action);
      if (event.type === 'scenario-end') {
        running.delete(event.scenario);
        finished++;
      }
      if (event.type === 'finding' && event.finding.status !== 'pass' && !event.finding.followsFrom) failures++;
      if (plain) {
        if (event.type === 'scenario-start') stream.write(`scenario ${event.scenario}: started\n`);
        if (event.type === 'action') stream.write(`scenario ${event.scenario}: ${event.action}\n`);
        if (event.type === 'finding') {
          const f = event.finding;
          stream.write(`scenario ${f.scenario}: ${f.item} ${f.status}${f.status === 'pass' ? '' : `: ${f.reasons[0] ?? ''}`}\n`);
        }
        if (event.type === 'scenario-end') stream.write(`scenario ${event.scenario}: done in ${(event.ms / 1000).toFixed(1)} s\n`);
      } else status();
    },
    done() {
      if (!plain) stream.write('\r\x1b[K');
    },
  };
}
