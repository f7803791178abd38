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
  writeUint64(buf, n, 0);
  return buf;
}

export function writeUint64(buf: Buffer, n: number, offset: number): void {
  buf.writeUInt32BE(Math.floor(n / TWO_32), offset);
  buf.writeUInt32BE(n >>> 0, offset + 4);
}

export function readUint64(buf: Uint8Array, offset: number): number {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  return view.readUInt32BE(offset) * TWO_32 + view.readUInt32BE(offset + 4);
}

/** A height as 16 bytes (block, then transaction), ordered as Fabric orders heights. */
export function encodeVersion(v: Version): Buffer {
  const buf = Buffer.allocUnsafe(16);
  writeVersion(buf, v);
  return buf;
}

function writeVersion(buf: Buffer, v: Version): void {
  writeUint64(buf, v.blockNum, 0);
  writeUint64(buf, v.txNum, 8);
}

export function decodeVersion(buf: Uint8Array, offset = 0): Version {
  return { blockNum: readUint64(buf, offset), txNum: readUint64(buf, offset + 8) };
}

/** Layout: version (16 bytes), metadata length (4 bytes), metadata, value; written into one buffer. */
export function encodeVersionedValue(vv: VersionedValue): Buffer {
  const metadataLength = vv.metadata?.length ?? 0;
  const buf = Buffer.allocUnsafe(20 + metadataLength + vv.value.length);
  writeVersion(buf, vv.version);
  buf.writeUInt32BE(metadataLength, 16);
  if (vv.metadata) buf.set(vv.metadata, 20);
  buf.set(vv.value, 20 + metadataLength);
  return buf;
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
