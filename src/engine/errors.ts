/**
 * Misuse by code (a programming error) throws SgdError with a stable prefix.
 * Bad data in a workbook is never thrown: it becomes a Flag (see flags.ts).
 */
export class SgdError extends Error {
  constructor(public readonly code: string, message: string) {
    super(`[sgd:${code}] ${message}`);
    this.name = 'SgdError';
  }
}

/** Throws SgdError unless the condition holds; pass a function to build costly messages only on failure. */
export function assert(condition: unknown, code: string, message: string | (() => string)): asserts condition {
  if (!condition) throw new SgdError(code, typeof message === 'function' ? message() : message);
}
