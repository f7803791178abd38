import type { z } from 'zod';
import { issueAt, type EpcisIssue, type EpcisIssueCode, type PathSegment } from './issues';

/** The input's value at a path of the parse, to tell a missing member from one of the wrong type. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

const EXPECTED: Readonly<Record<string, string>> = { array: 'a list', object: 'an object', string: 'a string', number: 'a number', boolean: 'true or false' };

function epcisCodeOf(issue: z.core.$ZodIssue): EpcisIssueCode | undefined {
  return issue.code === 'custom' ? (issue.params?.['epcisCode'] as EpcisIssueCode | undefined) : undefined;
}

/** The failure of a value at the root of its branch: of the wrong JSON type altogether. */
const isRootTypeMismatch = (issue: z.core.$ZodIssue): boolean => issue.path.length === 0 && issue.code === 'invalid_type';

/**
 * The one branch of a union the value's own JSON type selects (a list for the list branch of `uri | uri[]`),
 * or undefined when no branch, or more than one, accepts that type.
 */
function matchingBranch(issue: z.core.$ZodIssue): readonly z.core.$ZodIssue[] | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const candidates = issue.errors.filter((branch) => !branch.some(isRootTypeMismatch));
  return candidates.length === 1 ? candidates[0] : undefined;
}

function toIssues(issue: z.core.$ZodIssue, input: unknown, base: readonly PropertyKey[], at: readonly PathSegment[]): EpcisIssue[] {
  const fullPath = [...base, ...issue.path];
  const branch = matchingBranch(issue);
  // The value has the type of one branch but fails inside it: report what is wrong there (an item of a list
  // that is an object, say), not that the value as a whole is of no allowed type.
  if (branch !== undefined) return branch.flatMap((inner) => toIssues(inner, input, fullPath, at));
  const path = [...at, ...fullPath.map((segment) => (typeof segment === 'number' ? segment : String(segment)))];
  const code = epcisCodeOf(issue);
  if (code !== undefined) return [issueAt(path, code, issue.message)];
  if (issue.code !== 'invalid_type' && issue.code !== 'invalid_union') return [issueAt(path, 'invalid_value', issue.message)];
  const value = valueAt(input, fullPath);
  if (value === undefined) return [issueAt(path, 'required', 'is required')];
  if (issue.code === 'invalid_union') return [issueAt(path, 'invalid_type', `${describe(value)} is not of an allowed type here`)];
  return [issueAt(path, 'invalid_type', `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describe(value)}`)];
}

/** The issues of a failed parse in our terms, their paths prefixed with where the parsed value sits. */
export function toEpcisIssues(error: z.ZodError, input: unknown, at: readonly PathSegment[]): EpcisIssue[] {
  return error.issues.flatMap((issue) => toIssues(issue, input, [], at));
}
