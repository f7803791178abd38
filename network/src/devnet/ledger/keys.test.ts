import { decodeVersionedValue, encodeVersionedValue } from './encoding';
import { decodeExpiryKey, stateKeys } from './keys';

// The layout is what the state database already holds: these spell it out byte by byte.
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const u64 = (n: number) => {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(BigInt(n));
  return buf;
};
const u32 = (n: number) => {
  const buf = Buffer.alloc(4);
  buf.writeUInt32BE(n);
  return buf;
};
const NUL = Buffer.of(0);
const HASH = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7));

describe('stateKeys', () => {
  it('lays out public, hashed and private keys as prefix byte and parts separated by 0x00', () => {
    for (const k of ['', 'k', '\u0000idx\u0000é\u0000', 'emoji 😀', 'lone \uD800', 'ascii\u007f', 'then\u0080', `${'x'.repeat(300)}é`]) {
      expect(stateKeys.public('cc', k)).toEqual(Buffer.concat([Buffer.of(0x64), utf8('cc'), NUL, utf8(k)]));
      expect(stateKeys.private('Org1MSP', 'cc', 'coll', k)).toEqual(
        Buffer.concat([Buffer.of(0x70), utf8('Org1MSP'), NUL, utf8('cc'), NUL, utf8('coll'), NUL, utf8(k)]),
      );
    }
    expect(stateKeys.publicPrefix('cc')).toEqual(Buffer.concat([Buffer.of(0x64), utf8('cc'), NUL]));
    expect(stateKeys.hashed('cc', 'coll', HASH)).toEqual(Buffer.concat([Buffer.of(0x68), utf8('cc'), NUL, utf8('coll'), NUL, HASH]));
    expect(stateKeys.privateKeyByHash('Org1MSP', 'cc', 'coll', HASH.subarray(3))).toEqual(
      Buffer.concat([Buffer.of(0x6b), utf8('Org1MSP'), NUL, utf8('cc'), NUL, utf8('coll'), NUL, HASH.subarray(3)]),
    );
    expect(stateKeys.txId('tx1')).toEqual(Buffer.concat([Buffer.of(0x74), utf8('tx1')]));
    expect(stateKeys.collectionPurgeMarker('cc', 'coll')).toEqual(Buffer.concat([Buffer.of(0x4d), utf8('cc'), NUL, utf8('coll')]));
  });

  it('lays out history keys with the key length before the key, then block and transaction', () => {
    const k = 'key é\u0000x';
    const prefix = Buffer.concat([Buffer.of(0x48), utf8('cc'), NUL, u32(utf8(k).length), utf8(k)]);
    expect(stateKeys.historyPrefix('cc', k)).toEqual(prefix);
    expect(stateKeys.history('cc', k, 2 ** 40 + 3, 17)).toEqual(Buffer.concat([prefix, u64(2 ** 40 + 3), u64(17)]));
  });

  it('lays out expiry keys with the expiring block first, and splits them back', () => {
    const key = stateKeys.expiry(300, 'cc', 'coll', HASH);
    expect(key).toEqual(Buffer.concat([Buffer.of(0x78), u64(300), utf8('cc'), NUL, utf8('coll'), NUL, HASH]));
    expect(decodeExpiryKey(key)).toEqual({ ns: 'cc', coll: 'coll', keyHash: HASH });
  });
});

describe('encodeVersionedValue', () => {
  it('writes version, metadata length, metadata and value', () => {
    const value = utf8('value');
    const metadata = utf8('meta');
    const version = { blockNum: 2 ** 33 + 1, txNum: 5 };
    const encoded = encodeVersionedValue({ value, metadata, version });
    expect(encoded).toEqual(Buffer.concat([u64(2 ** 33 + 1), u64(5), u32(4), metadata, value]));
    expect(decodeVersionedValue(encoded)).toEqual({ value, metadata, version });
    const bare = encodeVersionedValue({ value: new Uint8Array(0), version: { blockNum: 0, txNum: 0 } });
    expect(bare).toEqual(Buffer.alloc(20));
  });
});
