import { createHash } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { blockHeaderHash } from './blocks';
import { BlockWriter } from './blockwriter';
import { createTestUser, expectLinked, lastConfigIndexOf, readBlockSignature, signedEnvelope, txIdOf, txIdsOf, type TestUser } from './test-fakes';

describe('BlockWriter', () => {
  let orderer: TestUser;
  let client: TestUser;
  beforeAll(() => {
    orderer = createTestUser('OrdererMSP');
    client = createTestUser('Org1MSP');
  });

  const tip = { height: 1, lastBlockHeaderHash: createHash('sha256').update('genesis header').digest() };

  it('numbers blocks from the tip and links each to the previous header hash', () => {
    const writer = new BlockWriter(orderer.signer, tip);
    const blocks = [1, 2, 3].map(() => writer.createNextBlock([signedEnvelope(client.signer, { channel: 'ch' })]));
    expect(blocks.map((b) => b.getHeader()!.getNumber())).toEqual([1, 2, 3]);
    expect(() => expectLinked(blocks, tip)).not.toThrow();
    expect(Buffer.from(blocks[2].getHeader()!.getPreviousHash_asU8())).toEqual(Buffer.from(blockHeaderHash(blocks[1].getHeader()!)));
  });

  it('continues a chain from a restart tip', () => {
    const first = new BlockWriter(orderer.signer, tip);
    const before = [first.createNextBlock([signedEnvelope(client.signer, { channel: 'ch' })])];
    const restartTip = { height: 2, lastBlockHeaderHash: blockHeaderHash(before[0].getHeader()!) };
    const restarted = new BlockWriter(orderer.signer, restartTip);
    const after = [restarted.createNextBlock([signedEnvelope(client.signer, { channel: 'ch' })])];
    expect(() => expectLinked([...before, ...after], tip)).not.toThrow();
  });

  it('holds the batch in order with the data hash over its bytes', () => {
    const batch = [1, 2, 3].map(() => signedEnvelope(client.signer, { channel: 'ch' }));
    const block = new BlockWriter(orderer.signer, tip).createNextBlock(batch);
    expect(txIdsOf(block)).toEqual(batch.map(txIdOf));
    expect(block.getData()!.getDataList_asU8().map((bytes) => Buffer.from(bytes))).toEqual(batch.map((e) => Buffer.from(e.serializeBinary())));
    const expected = createHash('sha256').update(Buffer.concat(batch.map((e) => e.serializeBinary()))).digest();
    expect(Buffer.from(block.getHeader()!.getDataHash_asU8())).toEqual(expected);
  });

  it("signs each block with the orderer's key over metadata value, signature header and header bytes", () => {
    const block = new BlockWriter(orderer.signer, tip).createNextBlock([signedEnvelope(client.signer, { channel: 'ch' })]);
    const signature = readBlockSignature(block, orderer.publicKey);
    expect(signature).toEqual({
      signatureCount: 1,
      verifies: true,
      creator: orderer.signer.serialize(),
      nonceLength: 24,
      lastConfigIndex: 0,
    });
    expect(readBlockSignature(block, client.publicKey).verifies).toBe(false);
    expect(lastConfigIndexOf(block)).toBe(0);
  });

  it('leaves TRANSACTIONS_FILTER, ORDERER and COMMIT_HASH to the peer', () => {
    const block = new BlockWriter(orderer.signer, tip).createNextBlock([signedEnvelope(client.signer, { channel: 'ch' })]);
    const slots = block.getMetadata()!.getMetadataList_asU8();
    expect([common.BlockMetadataIndex.TRANSACTIONS_FILTER, common.BlockMetadataIndex.ORDERER, common.BlockMetadataIndex.COMMIT_HASH].map((i) => slots[i].length)).toEqual([0, 0, 0]);
  });

  it('a tampered header no longer verifies', () => {
    const block = new BlockWriter(orderer.signer, tip).createNextBlock([signedEnvelope(client.signer, { channel: 'ch' })]);
    block.getHeader()!.setDataHash(createHash('sha256').update('other data').digest());
    expect(readBlockSignature(block, orderer.publicKey).verifies).toBe(false);
  });

  it('refuses a tip without a genesis block', () => {
    expect(() => new BlockWriter(orderer.signer, { height: 0, lastBlockHeaderHash: new Uint8Array(0) })).toThrow(RangeError);
  });
});
