// The gateway's signer: ECDSA over SHA-256 in Node's crypto, encoded as Fabric takes it (DER, low S).
import { generateKeyPairSync, randomBytes, sign as ecdsaSign, verify, type KeyObject } from 'node:crypto';
import { lowSDer, nativeSigner } from '@crossborder-trace/gateway/dist/fabric/signing';

const ORDERS = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp384r1: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
} as const;

/** r and s of a DER ECDSA signature, refusing anything but the minimal encoding Fabric's Go verifier expects. */
function derParts(der: Uint8Array): { r: bigint; s: bigint } {
  expect(der[0]).toBe(0x30);
  expect(der[1]).toBe(der.length - 2);
  const integers: bigint[] = [];
  let at = 2;
  while (at < der.length) {
    expect(der[at]).toBe(0x02);
    const length = der[at + 1];
    const bytes = der.subarray(at + 2, at + 2 + length);
    // Minimal: no leading zero unless the next byte has its top bit set.
    if (bytes[0] === 0) expect(bytes[1]).toBeGreaterThanOrEqual(0x80);
    expect(bytes[0] & 0x80).toBe(0);
    integers.push(BigInt(`0x${Buffer.from(bytes).toString('hex')}`));
    at += 2 + length;
  }
  expect(integers).toHaveLength(2);
  return { r: integers[0], s: integers[1] };
}

describe.each(Object.entries(ORDERS))('on %s', (curve, order) => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve }) as { privateKey: KeyObject; publicKey: KeyObject };

  test('every signature verifies over SHA-256 of the message, in minimal DER, with S in the lower half', async () => {
    const sign = nativeSigner(privateKey)!;
    expect(sign).toBeDefined();
    for (let i = 0; i < 200; i++) {
      const message = randomBytes(1 + (i % 300));
      const signature = await sign(message);
      expect(verify('sha256', message, publicKey, signature)).toBe(true);
      expect(verify('sha256', Buffer.concat([message, Buffer.from([0])]), publicKey, signature)).toBe(false);
      expect(derParts(signature).s <= order >> 1n).toBe(true);
    }
  });

  test('a high S becomes n - S, which verifies too; a low S is kept', () => {
    const size = curve === 'prime256v1' ? 32 : 48;
    const message = randomBytes(64);
    const p1363 = (r: bigint, s: bigint) => Buffer.from(r.toString(16).padStart(size * 2, '0') + s.toString(16).padStart(size * 2, '0'), 'hex');
    const low = derParts(lowSDer(p1363(5n, 7n), order));
    expect(low).toEqual({ r: 5n, s: 7n });
    const high = derParts(lowSDer(p1363(5n, order - 7n), order));
    expect(high).toEqual({ r: 5n, s: 7n });
    // Both S values of a real signature verify; the encoder hands back the low one.
    const real = derParts(lowSDer(ecdsaSign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' }), order));
    const flipped = lowSDer(p1363(real.r, order - real.s), order);
    expect(derParts(flipped)).toEqual(real);
    expect(verify('sha256', message, publicKey, flipped)).toBe(true);
  });
});

test('a key on another curve, or not an EC key, is left to fabric-gateway\'s own signer', () => {
  expect(nativeSigner(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey)).toBeUndefined();
  expect(nativeSigner(generateKeyPairSync('ed25519').privateKey)).toBeUndefined();
});
