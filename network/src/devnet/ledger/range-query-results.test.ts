import { ledger } from '@hyperledger/fabric-protos';
import { sha256 } from './ordering';
import { RangeQueryResultsHelper } from './range-query-results';
import { newKVRead } from './rwset-builder';

const reads = (n: number) => Array.from({ length: n }, (_, i) => newKVRead(`key${i}`, { blockNum: 1, txNum: i }));

function leaf(kvReads: ledger.rwset.kvrwset.KVRead[]): Buffer {
  const q = new ledger.rwset.kvrwset.QueryReads();
  q.setKvReadsList(kvReads);
  return sha256(q.serializeBinary());
}

const node = (...hashes: Buffer[]) => sha256(Buffer.concat(hashes));

function run(maxDegree: number, kvReads: ledger.rwset.kvrwset.KVRead[]) {
  const helper = new RangeQueryResultsHelper(maxDegree);
  kvReads.forEach((r) => helper.add(r));
  return helper.done();
}

describe('RangeQueryResultsHelper', () => {
  it('keeps up to maxDegree results raw', () => {
    const r = reads(3);
    expect(run(3, r)).toEqual({ rawReads: r });
    expect(run(3, [])).toEqual({ rawReads: [] });
  });

  it('hashes groups of maxDegree + 1 reads into one level', () => {
    const r = reads(9);
    const { rawReads, summary } = run(3, r);
    expect(rawReads).toBeUndefined();
    expect(summary!.getMaxLevel()).toBe(1);
    expect(summary!.getMaxLevelHashesList_asU8().map((h) => Buffer.from(h))).toEqual([leaf(r.slice(0, 4)), leaf(r.slice(4, 8)), leaf(r.slice(8))]);
  });

  it('carries a lone lower-level hash up to the top level when done', () => {
    const r = reads(65);
    const l1 = Array.from({ length: 16 }, (_, i) => leaf(r.slice(i * 4, i * 4 + 4)));
    const l2 = [0, 1, 2, 3].map((i) => node(...l1.slice(i * 4, i * 4 + 4)));
    const { summary } = run(3, r);
    expect(summary!.getMaxLevel()).toBe(3);
    expect(summary!.getMaxLevelHashesList_asU8().map((h) => Buffer.from(h))).toEqual([node(...l2), leaf(r.slice(64))]);
  });

  it('adds a level when the top ends with more than maxDegree hashes', () => {
    const r = reads(24);
    const l1 = Array.from({ length: 8 }, (_, i) => leaf(r.slice(i * 3, i * 3 + 3)));
    const l2 = [node(l1[0], l1[1], l1[2]), node(l1[3], l1[4], l1[5]), node(l1[6], l1[7])];
    const { summary } = run(2, r);
    expect(summary!.getMaxLevel()).toBe(3);
    expect(summary!.getMaxLevelHashesList_asU8().map((h) => Buffer.from(h))).toEqual([node(...l2)]);
  });
});
