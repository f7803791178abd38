import { ledger } from '@hyperledger/fabric-protos';
import type { StateMetadata } from './api';
import { sortedEntries } from './ordering';

const { KVMetadataEntry, KVMetadataWrite } = ledger.rwset.kvrwset;

/** Metadata entries sorted by name, as Fabric's rwset builder writes them. */
export function metadataEntries(metadata: StateMetadata): ledger.rwset.kvrwset.KVMetadataEntry[] {
  return sortedEntries(metadata).map(([name, value]) => {
    const entry = new KVMetadataEntry();
    entry.setName(name);
    entry.setValue(value);
    return entry;
  });
}

/** Stored form of a key's metadata: a KVMetadataWrite holding only entries (Fabric's statemetadata.Serialize). */
export function serializeMetadata(entries: readonly ledger.rwset.kvrwset.KVMetadataEntry[]): Uint8Array {
  const write = new KVMetadataWrite();
  write.setEntriesList([...entries]);
  return write.serializeBinary();
}

export function deserializeMetadata(bytes: Uint8Array | undefined): StateMetadata | undefined {
  if (!bytes) return undefined;
  const entries = KVMetadataWrite.deserializeBinary(bytes).getEntriesList();
  return new Map(entries.map((e) => [e.getName(), e.getValue_asU8()]));
}
