import { ledger } from '@hyperledger/fabric-protos';
import { encodeHashedRwset, encodeKvRwset } from './rwset-encoding';

const { kvrwset } = ledger.rwset;

function version(blockNum: number, txNum: number): ledger.rwset.kvrwset.Version {
  const v = new kvrwset.Version();
  v.setBlockNum(blockNum);
  v.setTxNum(txNum);
  return v;
}

function read(key: string, v?: ledger.rwset.kvrwset.Version): ledger.rwset.kvrwset.KVRead {
  const r = new kvrwset.KVRead();
  r.setKey(key);
  r.setVersion(v);
  return r;
}

function write(key: string, value: Uint8Array, isDelete = false): ledger.rwset.kvrwset.KVWrite {
  const w = new kvrwset.KVWrite();
  w.setKey(key);
  w.setIsDelete(isDelete);
  w.setValue(value);
  return w;
}

function entry(name: string, value: Uint8Array): ledger.rwset.kvrwset.KVMetadataEntry {
  const e = new kvrwset.KVMetadataEntry();
  e.setName(name);
  e.setValue(value);
  return e;
}

function metadataWrite(key: string, entries: ledger.rwset.kvrwset.KVMetadataEntry[]): ledger.rwset.kvrwset.KVMetadataWrite {
  const m = new kvrwset.KVMetadataWrite();
  m.setKey(key);
  m.setEntriesList(entries);
  return m;
}

function filled(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);
}

function expectSameKv(kv: ledger.rwset.kvrwset.KVRWSet): void {
  expect(Buffer.from(encodeKvRwset(kv))).toEqual(Buffer.from(kv.serializeBinary()));
}

function expectSameHashed(hashed: ledger.rwset.kvrwset.HashedRWSet): void {
  expect(Buffer.from(encodeHashedRwset(hashed))).toEqual(Buffer.from(hashed.serializeBinary()));
}

const KEYS = ['', 'a', 'key\u0000with\u0000nul', '\u0000idx\u0000é\u0000', '中文键', 'emoji 😀 pair', 'x'.repeat(200)];

describe('encodeKvRwset', () => {
  it('writes the bytes google-protobuf writes for an empty set', () => {
    expectSameKv(new kvrwset.KVRWSet());
  });

  it('writes reads with and without versions, zero and large heights included', () => {
    const kv = new kvrwset.KVRWSet();
    kv.setReadsList([
      read('absent'),
      read('zero', version(0, 0)),
      read('block only', version(7, 0)),
      read('tx only', version(0, 300)),
      read('large', version(2 ** 32 + 5, 2 ** 31)),
      read('largest', version(Number.MAX_SAFE_INTEGER, 127)),
      ...KEYS.map((key, i) => read(key, version(i, i * 128))),
    ]);
    expectSameKv(kv);
  });

  it('writes values, deletes, empty values and values whose lengths take several varint bytes', () => {
    const kv = new kvrwset.KVRWSet();
    kv.setWritesList([
      write('del', new Uint8Array(0), true),
      write('empty', new Uint8Array(0)),
      write('delete with value', filled(3, 1), true),
      write('v127', filled(127, 2)),
      write('v128', filled(128, 3)),
      write('v16384', filled(16384, 4)),
      write('v20000', filled(20000, 5)),
      write('buffer', Buffer.from('a Buffer value')),
      ...KEYS.map((key, i) => write(key, filled(i * 40, i))),
    ]);
    expectSameKv(kv);
  });

  it('writes metadata writes, with and without entries, and range queries', () => {
    const kv = new kvrwset.KVRWSet();
    kv.setMetadataWritesList([
      metadataWrite('none', []),
      metadataWrite('some', [entry('VALIDATION_PARAMETER', filled(20, 6)), entry('', filled(2, 7)), entry('empty', new Uint8Array(0))]),
      metadataWrite('', [entry('名前', filled(200, 8))]),
    ]);
    const raw = new kvrwset.RangeQueryInfo();
    raw.setStartKey('a');
    raw.setEndKey('z');
    raw.setItrExhausted(true);
    const reads = new kvrwset.QueryReads();
    reads.setKvReadsList([read('b', version(1, 2)), read('c')]);
    raw.setRawReads(reads);
    const merkle = new kvrwset.RangeQueryInfo();
    const summary = new kvrwset.QueryReadsMerkleSummary();
    summary.setMaxDegree(50);
    summary.setMaxLevel(1);
    summary.setMaxLevelHashesList([filled(32, 9), filled(32, 10)]);
    merkle.setReadsMerkleHashes(summary);
    kv.setRangeQueriesInfoList([raw, merkle, new kvrwset.RangeQueryInfo()]);
    kv.setReadsList([read('r', version(3, 4))]);
    kv.setWritesList([write('w', filled(5, 11))]);
    expectSameKv(kv);
  });

  it('leaves strings with unpaired surrogates to google-protobuf, whose bytes for them are not UTF-8', () => {
    for (const key of ['lone \uD800 high', 'lone \uDC00 low', 'high at end \uD83D']) {
      const kv = new kvrwset.KVRWSet();
      kv.setWritesList([write(key, filled(3, 12))]);
      kv.setReadsList([read(key)]);
      expectSameKv(kv);
      const withName = new kvrwset.KVRWSet();
      withName.setMetadataWritesList([metadataWrite('k', [entry(key, filled(1, 13))])]);
      expectSameKv(withName);
    }
  });

  it('answers a Uint8Array of its own, as serializeBinary does', () => {
    const kv = new kvrwset.KVRWSet();
    kv.setWritesList([write('k', filled(4, 14))]);
    const bytes = encodeKvRwset(kv);
    expect(Buffer.isBuffer(bytes)).toBe(false);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  });
});

describe('encodeHashedRwset', () => {
  it('writes the bytes google-protobuf writes', () => {
    expectSameHashed(new kvrwset.HashedRWSet());
    const hashed = new kvrwset.HashedRWSet();
    const readHash = (keyHash: Uint8Array, v?: ledger.rwset.kvrwset.Version) => {
      const r = new kvrwset.KVReadHash();
      r.setKeyHash(keyHash);
      r.setVersion(v);
      return r;
    };
    const writeHash = (keyHash: Uint8Array, valueHash: Uint8Array, isDelete: boolean, isPurge: boolean) => {
      const w = new kvrwset.KVWriteHash();
      w.setKeyHash(keyHash);
      w.setValueHash(valueHash);
      w.setIsDelete(isDelete);
      w.setIsPurge(isPurge);
      return w;
    };
    const metadataHash = (keyHash: Uint8Array, entries: ledger.rwset.kvrwset.KVMetadataEntry[]) => {
      const m = new kvrwset.KVMetadataWriteHash();
      m.setKeyHash(keyHash);
      m.setEntriesList(entries);
      return m;
    };
    hashed.setHashedReadsList([readHash(filled(32, 1)), readHash(filled(32, 2), version(0, 0)), readHash(new Uint8Array(0), version(9, 130))]);
    hashed.setHashedWritesList([
      writeHash(filled(32, 3), filled(32, 4), false, false),
      writeHash(filled(32, 5), new Uint8Array(0), true, false),
      writeHash(filled(32, 6), new Uint8Array(0), true, true),
    ]);
    hashed.setMetadataWritesList([metadataHash(filled(32, 7), []), metadataHash(filled(32, 8), [entry('VALIDATION_PARAMETER', filled(9, 9))])]);
    expectSameHashed(hashed);
    const lone = new kvrwset.HashedRWSet();
    lone.setMetadataWritesList([metadataHash(filled(32, 10), [entry('\uDFFF', filled(1, 11))])]);
    expectSameHashed(lone);
  });
});
