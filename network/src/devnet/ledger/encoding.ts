import type { Version } from './api';

/** A committed value with its version and, for public and hashed state, its metadata (KVMetadataWrite bytes). */
export interface VersionedValue {
  readonly value: Uint8Array;
  readonly version: Version;
  readonly metadata?: Uint8Array;
}

const TWO_32 = 2 ** 32;

/** Big-endian, so that LevelDB orders encoded numbers numerically. */
export function encodeUint64(n: number): Buffer {
  const buf = Buffer.allocUnsafe(8);
  buf.writeUInt32BE(Math.floor(n / TWO_32), 0);
  buf.writeUInt32BE(n >>> 0, 4);
  return buf;
}

export function readUint64(buf: Uint8Array, offset: number): number {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  return view.readUInt32BE(offset) * TWO_32 + view.readUInt32BE(offset + 4);
}

/** A height as 16 bytes (block, then transaction), ordered as Fabric orders heights. */
export function encodeVersion(v: Version): Buffer {
  return Buffer.concat([encodeUint64(v.blockNum), encodeUint64(v.txNum)]);
}

export function decodeVersion(buf: Uint8Array, offset = 0): Version {
  return { blockNum: readUint64(buf, offset), txNum: readUint64(buf, offset + 8) };
}

/** Layout: version (16 bytes), metadata length (4 bytes), metadata, value. */
export function encodeVersionedValue(vv: VersionedValue): Buffer {
  const metadata = vv.metadata ?? new Uint8Array(0);
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(metadata.length, 0);
  return Buffer.concat([encodeVersion(vv.version), length, metadata, vv.value]);
}

export function decodeVersionedValue(buf: Uint8Array): VersionedValue {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const metadataLength = view.readUInt32BE(16);
  const metadataEnd = 20 + metadataLength;
  return {
    version: decodeVersion(view),
    metadata: metadataLength > 0 ? view.subarray(20, metadataEnd) : undefined,
    value: view.subarray(metadataEnd),
  };
}
