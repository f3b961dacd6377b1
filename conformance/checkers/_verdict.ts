/** For tests: a verdict's status, reasons and warnings, without its facts. */
import type { Verdict } from './grade-model.ts';

export const plainVerdict = ({ status, reasons, warnings }: Verdict): Verdict => ({ status, reasons, warnings });
