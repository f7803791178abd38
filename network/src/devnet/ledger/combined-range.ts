import type { Version } from './api';
import { decodeVersion } from './encoding';
import { stateKeys } from './keys';
import type { KeyValueDB } from './kv-db';
import { compareUtf8 } from './ordering';
import type { UpdateSpace } from './updates';

export interface KeyVersion {
  readonly key: string;
  readonly version: Version;
}

/**
 * Fabric's validation combinedIterator: a public range scan over committed state overlaid with the updates of
 * the block's earlier valid transactions (an update wins over the committed entry, a delete hides it), in key
 * order. With includeEndKey the end key itself is served last: a query that was not exhausted during
 * simulation recorded its last key seen as end key, and that key belongs to the range.
 */
export async function* combinedRange(
  db: KeyValueDB,
  updates: UpdateSpace,
  ns: string,
  startKey: string,
  endKey: string,
  includeEndKey: boolean,
): AsyncGenerator<KeyVersion> {
  const pending = updates.range(ns, startKey, endKey);
  const prefixLength = stateKeys.publicPrefix(ns).length;
  const it = db.iterate(stateKeys.publicRange(ns, startKey, endKey));
  try {
    let committed = await it.next();
    let p = 0;
    for (;;) {
      const committedKey = committed?.[0].subarray(prefixLength).toString('utf8');
      const pendingEntry = pending[p];
      if (committedKey === undefined && !pendingEntry) break;
      const order = committedKey === undefined ? 1 : !pendingEntry ? -1 : compareUtf8(committedKey, pendingEntry[0]);
      if (order < 0) {
        yield { key: committedKey!, version: decodeVersion(committed![1]) };
        committed = await it.next();
        continue;
      }
      if (order === 0) committed = await it.next();
      p++;
      const [key, update] = pendingEntry;
      if (update.value) yield { key, version: update.version };
    }
  } finally {
    await it.close();
  }
  if (!includeEndKey) return;
  const end = updates.get(ns, endKey);
  if (end) {
    if (end.value) yield { key: endKey, version: end.version };
    return;
  }
  const committedEnd = await db.getVersioned(stateKeys.public(ns, endKey));
  if (committedEnd) yield { key: endKey, version: committedEnd.version };
}
