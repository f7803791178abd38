import { queryIdentifier, TraceError } from '@crossborder-trace/domain';
import { Problem } from './problem';

/** An item named in any identifier form capture takes, as its canonical identifier; a bad one is 400. */
export function itemIdentifier(value: string, what = 'the item'): string {
  try {
    return queryIdentifier(value, what);
  } catch (err) {
    if (err instanceof TraceError) throw new Problem(400, 'INVALID_ITEM', 'The item is not a valid identifier', err.message);
    throw err;
  }
}
