/**
 * The CustomFunctions global as Excel provides it, reduced to what the
 * adapters use: Error with a code and a message.
 */
class CustomFunctionsError extends Error {
  constructor(
    public readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

export function stubCustomFunctions(): void {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
    Error: CustomFunctionsError,
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!' },
    associate: () => undefined,
  };
}

export function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    const err = e as { code: string; message: string };
    return { code: err.code, message: err.message };
  }
  throw new Error('expected the function to return an error');
}
