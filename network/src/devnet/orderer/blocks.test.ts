import { createHash } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { blockHeaderBytes, blockHeaderHash, computeBlockDataHash, computeTxId, newBlock } from './blocks';

describe('newBlock', () => {
  it('has the number, previous hash, an empty data hash and five empty metadata slots', () => {
    const block = newBlock(7, Buffer.from('prev'));
    expect(block.getHeader()!.getNumber()).toBe(7);
    expect(Buffer.from(block.getHeader()!.getPreviousHash_asU8()).toString()).toBe('prev');
    expect(block.getHeader()!.getDataHash_asU8()).toHaveLength(0);
    expect(block.getData()!.getDataList()).toHaveLength(0);
    expect(block.getMetadata()!.getMetadataList_asU8().map((slot) => slot.length)).toEqual([0, 0, 0, 0, 0]);
  });

  it('survives a protobuf round trip with its five metadata slots', () => {
    const again = common.Block.deserializeBinary(newBlock(1, new Uint8Array(32)).serializeBinary());
    expect(again.getMetadata()!.getMetadataList()).toHaveLength(5);
  });
});

describe('computeBlockDataHash', () => {
  it('is SHA-256 over the concatenated transactions, as in Fabric 3', () => {
    const data = new common.BlockData();
    data.setDataList([Buffer.from('tx-one'), Buffer.from('tx-two')]);
    expect(Buffer.from(computeBlockDataHash(data))).toEqual(createHash('sha256').update('tx-onetx-two').digest());
  });

  it('of no transactions is the hash of nothing', () => {
    expect(Buffer.from(computeBlockDataHash(new common.BlockData())).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});

describe('blockHeaderBytes / blockHeaderHash', () => {
  const header = new common.BlockHeader();
  header.setNumber(1);
  header.setPreviousHash(Buffer.from('foo'));
  header.setDataHash(Buffer.from('bar'));

  it('are the DER of (number, previous_hash, data_hash) and its SHA-256, as Go computes them', () => {
    expect(Buffer.from(blockHeaderBytes(header)).toString('hex')).toBe('300d0201010403666f6f0403626172');
    expect(Buffer.from(blockHeaderHash(header)).toString('hex')).toBe('e93c1382cc0ad21a64ae3286fd3ec883e2da582a793eb7b255954370b90a6b5b');
  });

  it('treat unset hashes as empty (genesis has no previous hash)', () => {
    const genesis = new common.BlockHeader();
    expect(Buffer.from(blockHeaderBytes(genesis)).toString('hex')).toBe('300702010004000400');
  });
});

describe('computeTxId', () => {
  it('is the hex SHA-256 of nonce || creator', () => {
    const nonce = Buffer.from('0102030405', 'hex');
    const creator = Buffer.from('creator bytes');
    expect(computeTxId(nonce, creator)).toBe(createHash('sha256').update(Buffer.concat([nonce, creator])).digest('hex'));
    expect(computeTxId(nonce, creator)).toMatch(/^[0-9a-f]{64}$/);
  });
});
