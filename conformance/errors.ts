/**
 * The one error type of the tool itself. What a submission does is data (a verdict), never an
 * exception; a ConformError is something wrong with how conform was called or with its machine.
 * Its message is one line: what failed, the offending value, what to do.
 */

/** `unreadable`: a saved run (`history.json`) that is corrupt or of another schema. */
export type ErrorCode = 'usage' | 'unstartable' | 'unreadable' | 'internal';

/**
 * Exit statuses (README): 0 all passed, 1 a step failed, 2 bad usage, 3 not buildable/startable,
 * 4 conform's own fault, 5 a saved run that cannot be read.
 */
export const EXIT = { passed: 0, failed: 1, usage: 2, unstartable: 3, internal: 4, unreadable: 5, sigint: 130, sigterm: 143 } as const;

export class ConformError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  /** Extra lines shown under the message (e.g. a compiler's first errors). */
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'ConformError';
    this.code = code;
    this.details = details;
    this.exitCode = EXIT[code];
  }
}

export function usageError(message: string): ConformError {
  return new ConformError('usage', message);
}
