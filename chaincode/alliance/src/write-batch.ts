import { bytesSize, FieldWriter, messageSize, repeatedSize, stringSize, uint64Size, writesAlike } from '@crossborder-trace/domain';
import { peer } from '@hyperledger/fabric-protos';

/** One write a transaction holds until its batch is sent: a WriteRecord of Fabric 3.1's chaincode_shim.proto. */
export interface HeldWrite {
  /** WriteRecord.Type, as its number on the wire. */
  readonly type: number;
  readonly collection: string;
  readonly key: string;
  readonly value?: Uint8Array;
  readonly metadata?: { readonly metakey: string; readonly value: Uint8Array };
}

/**
 * The payload of a WRITE_BATCH_STATE message (WriteBatchState: repeated WriteRecord rec = 1): the bytes
 * google-protobuf's serializeBinary writes for it, fields in number order, empty ones left out. Encoded here because
 * google-protobuf turns every string into UTF-8 in script, a character at a time, which made serialising the batch
 * of a hundred events' writes nearly a tenth of the chaincode's CPU. google-protobuf and Buffer spell a lone surrogate
 * differently, and google-protobuf reads a string given for bytes as base64: a batch with text beyond the Basic
 * Multilingual Plane (surrogates, paired or not) or a string for bytes goes through google-protobuf, so that the
 * peer receives the same bytes whatever the writes hold.
 */
export function writeBatchPayload(writes: readonly HeldWrite[]): Uint8Array {
  if (!writes.every(encodesAlike)) return writeBatchMessage(writes).serializeBinary();
  const sizes = writes.map(recordSize);
  const out = new FieldWriter(repeatedSize(sizes, (size) => size));
  writes.forEach((write, i) => {
    // WriteRecord: key = 1, value = 2, collection = 3, metadata = 4, type = 5.
    out.message(1, sizes[i], () => {
      out.string(1, write.key);
      if (write.value) out.bytes(2, write.value);
      out.string(3, write.collection);
      const { metadata } = write;
      if (metadata) {
        // StateMetadata: metakey = 1, value = 2.
        out.message(4, metadataSize(metadata), () => {
          out.string(1, metadata.metakey);
          out.bytes(2, metadata.value);
        });
      }
      out.uint64(5, write.type);
    });
  });
  return out.finish();
}

/** The same batch as google-protobuf's message. */
export function writeBatchMessage(writes: readonly HeldWrite[]): peer.WriteBatchState {
  const batch = new peer.WriteBatchState();
  batch.setRecList(writes.map(writeRecord));
  return batch;
}

function writeRecord(write: HeldWrite): peer.WriteRecord {
  const record = new peer.WriteRecord();
  record.setType(write.type as peer.WriteRecord.TypeMap[keyof peer.WriteRecord.TypeMap]);
  record.setCollection(write.collection);
  record.setKey(write.key);
  if (write.value) record.setValue(write.value);
  if (write.metadata) {
    const metadata = new peer.StateMetadata();
    metadata.setMetakey(write.metadata.metakey);
    metadata.setValue(write.metadata.value);
    record.setMetadata(metadata);
  }
  return record;
}

function encodesAlike({ type, key, collection, value, metadata }: HeldWrite): boolean {
  return (
    Number.isInteger(type) &&
    type >= 0 &&
    type <= 0x7fffffff &&
    writesAlike(key) &&
    writesAlike(collection) &&
    (value === undefined || value instanceof Uint8Array) &&
    (metadata === undefined || (writesAlike(metadata.metakey) && metadata.value instanceof Uint8Array))
  );
}

function recordSize(write: HeldWrite): number {
  const metadata = write.metadata ? messageSize(metadataSize(write.metadata)) : 0;
  return stringSize(write.key) + (write.value ? bytesSize(write.value) : 0) + stringSize(write.collection) + metadata + uint64Size(write.type);
}

function metadataSize(metadata: NonNullable<HeldWrite['metadata']>): number {
  return stringSize(metadata.metakey) + bytesSize(metadata.value);
}
