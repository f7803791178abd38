import { sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';

/**
 * ECDSA P-256 with SHA-256 as Fabric's bccsp does it: DER signatures, and S must be in the lower half of
 * the curve order ("low-S"), because otherwise (r, n-s) would be a second valid signature over the same
 * message and a transaction could be replayed under a different id.
 */

const SCALAR_BYTES = 32;
/** Order n of the P-256 group. */
const CURVE_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const HALF_ORDER = Buffer.from((CURVE_ORDER >> 1n).toString(16).padStart(SCALAR_BYTES * 2, '0'), 'hex');

/** r and s as 32-byte big-endian magnitudes. */
export interface EcdsaSignature {
  readonly r: Buffer;
  readonly s: Buffer;
}

/**
 * Reads a DER ECDSA-Sig-Value the way Go's asn1.Unmarshal does for Fabric: minimal encodings required,
 * bytes after the integers (inside or after the SEQUENCE) ignored, r and s must be positive.
 * Returns undefined for anything malformed or out of range for P-256.
 */
export function parseEcdsaSignature(der: Uint8Array): EcdsaSignature | undefined {
  const outer = readElement(der, 0, 0x30);
  if (!outer) return undefined;
  const r = readElement(der, outer.start, 0x02, outer.end);
  if (!r) return undefined;
  const s = readElement(der, r.end, 0x02, outer.end);
  if (!s) return undefined;
  const rValue = positiveInteger(der.subarray(r.start, r.end));
  const sValue = positiveInteger(der.subarray(s.start, s.end));
  if (!rValue || !sValue) return undefined;
  return { r: rValue, s: sValue };
}

export function encodeEcdsaSignature(signature: EcdsaSignature): Buffer {
  const r = derInteger(signature.r);
  const s = derInteger(signature.s);
  const body = Buffer.concat([r, s]);
  return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
}

export function isLowS(signature: EcdsaSignature): boolean {
  return Buffer.compare(signature.s, HALF_ORDER) <= 0;
}

/** Replaces a high S by n - S, which verifies equally (Fabric's signers always emit this form). */
export function toLowS(signature: EcdsaSignature): EcdsaSignature {
  if (isLowS(signature)) return signature;
  const s = CURVE_ORDER - BigInt(`0x${signature.s.toString('hex')}`);
  return { r: signature.r, s: Buffer.from(s.toString(16).padStart(SCALAR_BYTES * 2, '0'), 'hex') };
}

/** ECDSA-SHA256 over message; DER, low-S. */
export function signEcdsaSha256(privateKey: KeyObject, message: Uint8Array): Buffer {
  const raw = nodeSign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const signature = { r: raw.subarray(0, SCALAR_BYTES), s: raw.subarray(SCALAR_BYTES) };
  return encodeEcdsaSignature(toLowS(signature));
}

/** Verifies a DER ECDSA-SHA256 signature; high-S signatures are rejected as Fabric's bccsp rejects them. */
export function verifyEcdsaSha256(publicKey: KeyObject, message: Uint8Array, der: Uint8Array): boolean {
  const signature = parseEcdsaSignature(der);
  if (!signature || !isLowS(signature)) return false;
  try {
    const raw = Buffer.concat([signature.r, signature.s]);
    return nodeVerify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw);
  } catch {
    return false;
  }
}

interface Element {
  readonly start: number;
  readonly end: number;
}

/** One DER TLV with the expected tag at offset; content bounds, or undefined. */
function readElement(der: Uint8Array, offset: number, tag: number, limit = der.length): Element | undefined {
  if (offset + 2 > limit || der[offset] !== tag) return undefined;
  let length = der[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 2 || start + count > limit || der[start] === 0) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = (length << 8) | der[start + i];
    if (length < 0x80) return undefined; // long form where the short one fits is not DER
    start += count;
  }
  const end = start + length;
  return end > limit ? undefined : { start, end };
}

/** Magnitude of a minimal, positive DER INTEGER as 32 bytes; undefined if not in [1, 2^256). */
function positiveInteger(content: Uint8Array): Buffer | undefined {
  if (content.length === 0 || content[0] & 0x80) return undefined;
  if (content.length > 1 && content[0] === 0 && !(content[1] & 0x80)) return undefined;
  let magnitude = Buffer.from(content);
  while (magnitude.length > 0 && magnitude[0] === 0) magnitude = magnitude.subarray(1);
  if (magnitude.length === 0 || magnitude.length > SCALAR_BYTES) return undefined;
  return Buffer.concat([Buffer.alloc(SCALAR_BYTES - magnitude.length), magnitude]);
}

function derInteger(magnitude: Buffer): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  let content = magnitude.subarray(start);
  if (content[0] & 0x80) content = Buffer.concat([Buffer.from([0]), content]);
  return Buffer.concat([Buffer.from([0x02]), derLength(content.length), content]);
}

function derLength(length: number): Buffer {
  return length < 0x80 ? Buffer.from([length]) : Buffer.from([0x81, length]);
}
