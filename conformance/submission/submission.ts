/** A student's program, ready to start: what `resolveSubmission` returns. */
export type Submission = {
  /** argv prefix to which the assignment's arguments (`init 2 4 5 1`) are appended; absolute paths, so it runs from any working directory. */
  readonly program: readonly string[];
  /** One line for people: how it is run, e.g. "python3 /abs/p2p.py" or "java -cp <build> P2P (compiled from /abs/P2P.java)". */
  readonly description: string;
  /** The language/kind detected. */
  readonly kind: SubmissionKind;
  /** Removes build directories it created. Idempotent. */
  cleanup(): Promise<void>;
};

export type SubmissionKind = 'executable' | 'python' | 'java' | 'make' | 'command';

/** A submission that runs in place and built nothing, so has nothing to clean up. */
export function inPlace(kind: SubmissionKind, program: readonly string[], description: string): Submission {
  return { kind, program, description, cleanup: async () => {} };
}
