import { z } from 'zod';
import { identifierLengthProblem, readIdentifier } from './identifier';
import type { EpcisIssueCode, PathSegment } from './issues';
import { dateTimeProblem, offsetProblem } from './time';
import { ACTIONS } from './types';
import { isAbsoluteUri, isNamespacedKey } from './uri';
import { readVocabularyValue, type Vocabulary } from './vocabulary';

type Context = z.core.$RefinementCtx;

/** Reports a rule of ours; `toEpcisIssues` reads the code back from `params`. */
export function report(ctx: Context, code: EpcisIssueCode, problem: string, path: PathSegment[] = []): void {
  ctx.addIssue({ code: 'custom', message: problem, path, params: { epcisCode: code } });
}

const checkedString = (check: (value: string, ctx: Context) => void) => z.string().superRefine(check);

export const uri = checkedString((value, ctx) => {
  if (!isAbsoluteUri(value)) report(ctx, 'invalid_uri', `'${value}' is not an absolute URI`);
});

/**
 * An object, class, parent or place identifier: any absolute URI of at most MAX_IDENTIFIER_LENGTH characters, and
 * a valid one when it is a GS1 key. The length is checked first, so an oversized value costs no further work.
 */
export const identifier = checkedString((value, ctx) => {
  const tooLong = identifierLengthProblem(value);
  if (tooLong !== undefined) return report(ctx, 'too_long', tooLong);
  if (!isAbsoluteUri(value)) return report(ctx, 'invalid_uri', `'${value}' is not an absolute URI`);
  const reading = readIdentifier(value);
  if (!reading.ok) report(ctx, reading.code, reading.problem);
});

export const dateTime = checkedString((value, ctx) => {
  const problem = dateTimeProblem(value);
  if (problem !== undefined) report(ctx, 'invalid_time', problem);
});

export const timeZoneOffset = checkedString((value, ctx) => {
  const problem = offsetProblem(value);
  if (problem !== undefined) report(ctx, 'invalid_time', problem);
});

export const action = checkedString((value, ctx) => {
  if (!(ACTIONS as readonly string[]).includes(value)) report(ctx, 'invalid_action', `'${value}' is not an action; use ADD, OBSERVE or DELETE`);
});

export const vocabularyValue = (vocabulary: Vocabulary) =>
  checkedString((value, ctx) => {
    const reading = readVocabularyValue(vocabulary, value);
    if (reading.kind === 'unknown') report(ctx, 'unknown_vocabulary', reading.problem);
  });

/** UN/ECE Recommendation 20 common codes: two or three upper-case letters or digits. */
export const unitOfMeasure = checkedString((value, ctx) => {
  if (!/^[A-Z0-9]{2,3}$/.test(value)) report(ctx, 'invalid_value', `'${value}' is not a UN/ECE Recommendation 20 unit code`);
});

export const hexBinary = checkedString((value, ctx) => {
  if (!/^(?:[0-9A-Fa-f]{2})*$/.test(value)) report(ctx, 'invalid_value', `'${value}' is not hexadecimal binary (pairs of hex digits)`);
});

/** A list the standard requires to name at least one element when it is present. */
export const nonEmptyList = <T extends z.ZodType>(element: T) =>
  z.array(element).superRefine((list, ctx) => {
    if (list.length === 0) report(ctx, 'required', 'must not be empty');
  });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A standard structure: its own members, plus any namespaced user extension kept as it is. An un-prefixed
 * member the standard does not define is refused, since it is either a typo or data no partner can interpret.
 * `rule` checks what depends on several members; it runs even when a member is wrong, so that one answer
 * lists every problem, and so it must read the members defensively.
 */
export function extensible<Shape extends z.core.$ZodLooseShape>(shape: Shape, rule?: (value: Record<string, unknown>, ctx: Context) => void) {
  const known = new Set(Object.keys(shape));
  return z.looseObject(shape).superRefine(
    (value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!known.has(key) && !isNamespacedKey(key)) {
          report(ctx, 'unknown_field', `'${key}' is not a member here; an extension needs a namespace prefix such as 'example:${key}'`, [key]);
        }
      }
      rule?.(value, ctx);
    },
    { when: (payload) => isObject(payload.value) },
  );
}

/**
 * False when the member is absent or an empty list. A member of the wrong type counts as given: its own
 * schema reports it, and a second issue about the same member would only confuse.
 */
export function isGiven(value: Record<string, unknown>, key: string): boolean {
  const member = value[key];
  return member !== undefined && !(Array.isArray(member) && member.length === 0);
}
