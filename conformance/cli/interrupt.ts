/**
 * SIGINT and SIGTERM during a command: the first says once on stderr what conform is doing about
 * it and aborts the command's work (every ring is stopped and cleaned up); the exit status is then
 * 130 or 143 (README).
 */
import { EXIT } from '../errors.ts';

export type Interrupt = {
  readonly signal: AbortSignal;
  /** 130 or 143 once interrupted, else undefined. */
  readonly status: () => number | undefined;
  /** Stops listening for the signals. */
  readonly done: () => void;
};

/** Listens for SIGINT and SIGTERM; `doing` says what conform does then, e.g. "stopping every scenario". */
export function onInterrupt(doing: string): Interrupt {
  const controller = new AbortController();
  let status: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    status ??= signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
    process.stderr.write(`\nconform: ${signal}: ${doing}\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  return { signal: controller.signal, status: () => status, done: () => process.off('SIGINT', onSignal).off('SIGTERM', onSignal) };
}
