import { queryIdentifier, TraceError } from '@crossborder-trace/domain';
import { Problem } from './problem';

/** An item named in any identifier form capture takes, as its canonical identifier; a malformed one (a bad check digit...) is 400 INVALID_IDENTIFIER. */
export function itemIdentifier(value: string, what = 'the item'): string {
  try {
    return queryIdentifier(value, what);
  } catch (err) {
    if (err instanceof TraceError) throw new Problem(400, 'INVALID_IDENTIFIER', 'The item identifier is not valid', err.message);
    throw err;
  }
}
