import { generateKeyPairSync, sign } from 'node:crypto';
import { encodeEcdsaSignature, isLowS, parseEcdsaSignature, signEcdsaSha256, toLowS, verifyEcdsaSha256 } from './ecdsa';
import { firstPemBlock, pemToDer, PemError, toPem } from './pem';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const message = Buffer.from('proposal response payload');

/** Node's signatures are high-S half of the time; find one. */
function highSSignature(): Buffer {
  for (;;) {
    const der = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
    if (!isLowS(parseEcdsaSignature(der)!)) return der;
  }
}

describe('ECDSA signatures as Fabric wants them', () => {
  it('signs low-S DER that verifies', () => {
    for (let i = 0; i < 20; i++) {
      const der = signEcdsaSha256(privateKey, message);
      expect(isLowS(parseEcdsaSignature(der)!)).toBe(true);
      expect(verifyEcdsaSha256(publicKey, message, der)).toBe(true);
      expect(verifyEcdsaSha256(publicKey, Buffer.from('other'), der)).toBe(false);
    }
  });

  it('rejects a high-S signature that is otherwise valid, and accepts its low-S twin', () => {
    const high = highSSignature();
    expect(verifyEcdsaSha256(publicKey, message, high)).toBe(false);
    const low = encodeEcdsaSignature(toLowS(parseEcdsaSignature(high)!));
    expect(verifyEcdsaSha256(publicKey, message, low)).toBe(true);
  });

  it('round-trips DER and refuses malformed encodings', () => {
    const der = signEcdsaSha256(privateKey, message);
    expect(encodeEcdsaSignature(parseEcdsaSignature(der)!)).toEqual(der);
    expect(parseEcdsaSignature(Buffer.alloc(0))).toBeUndefined();
    expect(parseEcdsaSignature(Buffer.from('3006020100020101', 'hex'))).toBeUndefined(); // r = 0
    expect(parseEcdsaSignature(Buffer.from('30060201ff020101', 'hex'))).toBeUndefined(); // negative r
    expect(parseEcdsaSignature(Buffer.from('300702020001020101', 'hex'))).toBeUndefined(); // non-minimal integer
    expect(parseEcdsaSignature(Buffer.from('30060201010201', 'hex'))).toBeUndefined(); // truncated
    expect(verifyEcdsaSha256(publicKey, message, Buffer.from('garbage'))).toBe(false);
    // Like Go's asn1.Unmarshal, bytes after the signature are ignored.
    expect(verifyEcdsaSha256(publicKey, message, Buffer.concat([der, Buffer.from([0])]))).toBe(true);
  });
});

describe('PEM', () => {
  it("writes Go's layout and reads the first block", () => {
    const der = Buffer.alloc(100, 7);
    const pem = toPem('CERTIFICATE', der);
    expect(pem.split('\n').map((line) => line.length)).toEqual([27, 64, 64, 8, 25, 0]);
    expect(pemToDer(`junk\r\n${pem.replace(/\n/g, '\r\n')}`, 'CERTIFICATE')).toEqual(der);
    expect(firstPemBlock('no pem here')).toBeUndefined();
    expect(() => pemToDer(pem, 'PRIVATE KEY')).toThrow(PemError);
  });
});
