/**
 * The one ASN.1 structure Fabric hashes: a block header as
 * SEQUENCE { number INTEGER, previousHash OCTET STRING, dataHash OCTET STRING }, in DER.
 * A block's hash, and so the whole chain, depends on these bytes being exactly what Go's encoding/asn1
 * produces, hence a small, strict encoder instead of a general ASN.1 library.
 */

const TAG_INTEGER = 0x02;
const TAG_OCTET_STRING = 0x04;
const TAG_SEQUENCE = 0x30;
const MAX_UINT64 = (1n << 64n) - 1n;

export function encodeBlockHeaderDer(number: bigint, previousHash: Uint8Array, dataHash: Uint8Array): Uint8Array {
  if (number < 0n || number > MAX_UINT64) throw new RangeError(`block number ${number} is not a uint64`);
  return tlv(
    TAG_SEQUENCE,
    Buffer.concat([tlv(TAG_INTEGER, unsignedIntegerContent(number)), tlv(TAG_OCTET_STRING, previousHash), tlv(TAG_OCTET_STRING, dataHash)]),
  );
}

/** One DER element: tag, definite length, content. */
export function tlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Uint8Array.of(tag), lengthOctets(content.length), content]);
}

/** Short form below 128, else long form: 0x80 | count, then the length big-endian in count bytes. */
function lengthOctets(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** Minimal two's complement: big-endian bytes, with a leading 0x00 when the top bit would read as a sign. */
function unsignedIntegerContent(value: bigint): Uint8Array {
  const bytes: number[] = [];
  for (let rest = value; rest > 0n; rest >>= 8n) bytes.unshift(Number(rest & 0xffn));
  if (bytes.length === 0 || bytes[0] >= 0x80) bytes.unshift(0);
  return Uint8Array.from(bytes);
}
