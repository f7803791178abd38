import { sign, type KeyObject } from 'node:crypto';

/** The group order n of each curve a Fabric identity may use, by OpenSSL's name for it. */
const CURVE_ORDERS: Readonly<Record<string, bigint>> = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp384r1: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

/**
 * ECDSA with SHA-256 in Node's own crypto (OpenSSL), as Fabric verifies it: a DER signature with a low S (Fabric
 * refuses the other of the two valid S values). The gateway signs every proposal, transaction and commit-status
 * request of every user of the org, and fabric-gateway's own signer, in JavaScript, costs it far more CPU. It takes
 * the message whole (fabric-gateway's hash.none) and OpenSSL hashes it: the digest signed is the same SHA-256.
 * Undefined for a key that is not on one of those curves.
 */
export function nativeSigner(key: KeyObject): ((message: Uint8Array) => Promise<Uint8Array>) | undefined {
  const order = key.asymmetricKeyType === 'ec' ? CURVE_ORDERS[key.asymmetricKeyDetails?.namedCurve ?? ''] : undefined;
  if (order === undefined) return undefined;
  return (message) => Promise.resolve(lowSDer(sign('sha256', message, { key, dsaEncoding: 'ieee-p1363' }), order));
}

/** An IEEE P1363 signature (r and s, each the curve's size) as DER, its S replaced by n - S when above n/2. */
export function lowSDer(p1363: Uint8Array, order: bigint): Uint8Array {
  const size = p1363.length / 2;
  const r = bigIntOf(p1363.subarray(0, size));
  let s = bigIntOf(p1363.subarray(size));
  if (s > order >> 1n) s = order - s;
  const body = [...derInteger(r), ...derInteger(s)];
  // At most 2 x (2 + 49) bytes for P-384: the short length form always fits.
  return Uint8Array.from([0x30, body.length, ...body]);
}

function bigIntOf(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
}

/** A DER INTEGER of a positive value: minimal big-endian bytes, with a leading zero when the top bit is set. */
function derInteger(value: bigint): number[] {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  const bytes = [...Buffer.from(hex, 'hex')];
  if (bytes[0] >= 0x80) bytes.unshift(0);
  return [0x02, bytes.length, ...bytes];
}
