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

/** Protobuf wire types, and the tags of the fields written here (all numbered below 16: one byte each). */
const VARINT = 0;
const LENGTH_DELIMITED = 2;
const tag = (field: number, wireType: number): number => (field << 3) | wireType;
const BATCH_RECORD = tag(1, LENGTH_DELIMITED);
const RECORD = { key: tag(1, LENGTH_DELIMITED), value: tag(2, LENGTH_DELIMITED), collection: tag(3, LENGTH_DELIMITED), metadata: tag(4, LENGTH_DELIMITED), type: tag(5, VARINT) };
const METADATA = { metakey: tag(1, LENGTH_DELIMITED), value: tag(2, LENGTH_DELIMITED) };

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
  const total = sizes.reduce((sum, size) => sum + 1 + varintSize(size) + size, 0);
  const out = new Encoder(total);
  writes.forEach((write, index) => {
    out.byte(BATCH_RECORD);
    out.varint(sizes[index]);
    out.text(RECORD.key, write.key);
    out.bytes(RECORD.value, write.value);
    out.text(RECORD.collection, write.collection);
    if (write.metadata) {
      out.byte(RECORD.metadata);
      out.varint(metadataSize(write.metadata));
      out.text(METADATA.metakey, write.metadata.metakey);
      out.bytes(METADATA.value, write.metadata.value);
    }
    if (write.type !== 0) {
      out.byte(RECORD.type);
      out.varint(write.type);
    }
  });
  return out.buffer;
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

/** Half of a surrogate pair, or a lone one. Text without any is encoded alike by both, whatever else it holds. */
const SURROGATE = /[\uD800-\uDFFF]/;
const basicText = (text: unknown): boolean => typeof text === 'string' && !SURROGATE.test(text);

function encodesAlike({ type, key, collection, value, metadata }: HeldWrite): boolean {
  return (
    Number.isInteger(type) &&
    type >= 0 &&
    basicText(key) &&
    basicText(collection) &&
    (value === undefined || value instanceof Uint8Array) &&
    (metadata === undefined || (basicText(metadata.metakey) && metadata.value instanceof Uint8Array))
  );
}

function recordSize(write: HeldWrite): number {
  const metadata = write.metadata ? fieldSize(metadataSize(write.metadata)) : 0;
  return textSize(write.key) + bytesSize(write.value) + textSize(write.collection) + metadata + (write.type === 0 ? 0 : 1 + varintSize(write.type));
}

function metadataSize(metadata: NonNullable<HeldWrite['metadata']>): number {
  return textSize(metadata.metakey) + bytesSize(metadata.value);
}

/** A length-delimited field of this many bytes, with its tag and length; an empty one is left out. */
const fieldSize = (length: number): number => 1 + varintSize(length) + length;
const textSize = (text: string): number => (text.length === 0 ? 0 : fieldSize(Buffer.byteLength(text, 'utf8')));
const bytesSize = (value: Uint8Array | undefined): number => (value === undefined || value.length === 0 ? 0 : fieldSize(value.length));

function varintSize(value: number): number {
  let size = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) size += 1;
  return size;
}

/** Writes fields into a buffer of the size computed beforehand. */
class Encoder {
  readonly buffer: Buffer;
  #at = 0;

  constructor(size: number) {
    this.buffer = Buffer.alloc(size);
  }

  byte(value: number): void {
    this.buffer[this.#at++] = value;
  }

  varint(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.byte((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.byte(rest);
  }

  text(fieldTag: number, text: string): void {
    if (text.length === 0) return;
    this.byte(fieldTag);
    this.varint(Buffer.byteLength(text, 'utf8'));
    this.#at += this.buffer.write(text, this.#at, 'utf8');
  }

  bytes(fieldTag: number, value: Uint8Array | undefined): void {
    if (value === undefined || value.length === 0) return;
    this.byte(fieldTag);
    this.varint(value.length);
    this.buffer.set(value, this.#at);
    this.#at += value.length;
  }
}
