import type { z } from 'zod';
import { TraceError, type TraceErrorCode } from './errors';

/**
 * A JSON argument of a transaction, parsed and checked against its schema; any fault is refused with the given
 * code and where it is (`path: message`, '; ' between them).
 */
export function parseJsonInput<S extends z.ZodType>(schema: S, json: string, code: TraceErrorCode, what: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new TraceError(code, `${what} is not JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new TraceError(code, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  return parsed.data;
}
