import { EpcisValidationError, type EpcisIssue } from './issues';

/** The issues the call refuses its input with; fails the test when it accepts it. */
export function refusal(call: () => unknown): readonly EpcisIssue[] {
  try {
    call();
  } catch (err) {
    if (err instanceof EpcisValidationError) return err.issues;
    throw err;
  }
  throw new Error('the input was accepted');
}

/** Just the path and code of each issue, the stable part tests compare. */
export function pathsAndCodes(call: () => unknown): { path: string; code: string }[] {
  return refusal(call).map(({ path, code }) => ({ path, code }));
}
