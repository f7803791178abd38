import { createHash } from 'node:crypto';
import { encodeBlockHeaderDer } from './der';

const hex = (s: string) => Buffer.from(s, 'hex');
const ascii = (s: string) => Buffer.from(s);
const abcHash = createHash('sha256').update('abc').digest();

// Vectors produced by Go's encoding/asn1 with Fabric's asn1Header struct (Number *big.Int, PreviousHash, DataHash []byte).
const GO_VECTORS: Array<[bigint, Uint8Array, Uint8Array, string]> = [
  [0n, new Uint8Array(0), new Uint8Array(0), '300702010004000400'],
  [1n, ascii('foo'), ascii('bar'), '300d0201010403666f6f0403626172'],
  [127n, new Uint8Array(0), abcHash, '302702017f04000420ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    128n,
    abcHash,
    abcHash,
    '3048020200800420ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad0420ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  ],
  [255n, new Uint8Array(0), new Uint8Array(0), '3008020200ff04000400'],
  [256n, ascii('x'.repeat(200)), new Uint8Array(0), '3081d1020201000481c8' + '78'.repeat(200) + '0400'],
  [9007199254740991n, new Uint8Array(0), new Uint8Array(0), '300d02071fffffffffffff04000400'],
  [18446744073709551615n, ascii('foo'), ascii('bar'), '3015020900ffffffffffffffff0403666f6f0403626172'],
];

describe('encodeBlockHeaderDer', () => {
  it.each(GO_VECTORS)('encodes block %s as Go does', (number, previousHash, dataHash, expected) => {
    expect(Buffer.from(encodeBlockHeaderDer(number, previousHash, dataHash)).toString('hex')).toBe(expected);
  });

  it('gives the hash Go gives for block 1 (foo, bar)', () => {
    const der = encodeBlockHeaderDer(1n, ascii('foo'), ascii('bar'));
    expect(createHash('sha256').update(der).digest('hex')).toBe('e93c1382cc0ad21a64ae3286fd3ec883e2da582a793eb7b255954370b90a6b5b');
  });

  it('encodes lengths above 255 in two length octets', () => {
    const der = encodeBlockHeaderDer(0n, new Uint8Array(300), new Uint8Array(0));
    expect(Buffer.from(der.subarray(0, 4)).toString('hex')).toBe('30820135');
    expect(Buffer.from(der.subarray(7, 11))).toEqual(hex('0482012c'));
  });

  it('refuses numbers outside uint64', () => {
    expect(() => encodeBlockHeaderDer(-1n, new Uint8Array(0), new Uint8Array(0))).toThrow(RangeError);
    expect(() => encodeBlockHeaderDer(1n << 64n, new Uint8Array(0), new Uint8Array(0))).toThrow(RangeError);
  });
});
