import type { TxStatus, TxValidationCode } from './api';
import { decodeVersion, encodeVersion } from './encoding';
import { stateKeys } from './keys';
import type { KeyValueDB } from './kv-db';

/** Layout: height (16 bytes), validation code (1 byte). */
export function encodeTxStatus(status: TxStatus): Buffer {
  return Buffer.concat([encodeVersion(status), Buffer.of(status.validationCode)]);
}

/**
 * Fabric's txid index, loaded whole: the committer's duplicate check asks it synchronously for every
 * transaction. It is persisted with the state, so it is rebuilt with it.
 */
export async function loadTxIndex(db: KeyValueDB): Promise<Map<string, TxStatus>> {
  const index = new Map<string, TxStatus>();
  const prefixLength = stateKeys.txId('').length;
  const it = db.iterate(stateKeys.txIdRange);
  try {
    for (let entry = await it.next(); entry; entry = await it.next()) {
      const { blockNum, txNum } = decodeVersion(entry[1]);
      index.set(entry[0].subarray(prefixLength).toString('utf8'), { blockNum, txNum, validationCode: entry[1][16] as TxValidationCode });
    }
  } finally {
    await it.close();
  }
  return index;
}
