import { common } from '@hyperledger/fabric-protos';
import { blockHeaderBytes, computeBlockDataHash, computeTxId } from './blocks';
import { createGenesisBlock } from './genesis';
import { createTestUser, lastConfigIndexOf, readBlockSignature, type TestUser } from './test-fakes';
import { verify } from 'node:crypto';

function sampleConfig(): common.Config {
  const group = new common.ConfigGroup();
  group.setModPolicy('Admins');
  const config = new common.Config();
  config.setSequence(0);
  config.setChannelGroup(group);
  return config;
}

describe('createGenesisBlock', () => {
  let orderer: TestUser;
  let block: common.Block;
  let envelope: common.Envelope;
  let payload: common.Payload;
  beforeAll(() => {
    orderer = createTestUser('OrdererMSP');
    block = common.Block.deserializeBinary(createGenesisBlock('alliance', sampleConfig(), orderer.signer).serializeBinary());
    envelope = common.Envelope.deserializeBinary(block.getData()!.getDataList_asU8()[0]);
    payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  });

  it('is block 0 with no previous hash and the data hash of its one transaction', () => {
    const header = block.getHeader()!;
    expect(header.getNumber()).toBe(0);
    expect(header.getPreviousHash_asU8()).toHaveLength(0);
    expect(block.getData()!.getDataList()).toHaveLength(1);
    expect(Buffer.from(header.getDataHash_asU8())).toEqual(Buffer.from(computeBlockDataHash(block.getData()!)));
    expect(blockHeaderBytes(header).length).toBeGreaterThan(0);
  });

  it('holds a CONFIG transaction for the channel, with a tx id derived from nonce and creator', () => {
    const channelHeader = common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8());
    const signatureHeader = common.SignatureHeader.deserializeBinary(payload.getHeader()!.getSignatureHeader_asU8());
    expect(channelHeader.getType()).toBe(common.HeaderType.CONFIG);
    expect(channelHeader.getChannelId()).toBe('alliance');
    expect(channelHeader.getVersion()).toBe(1);
    expect(channelHeader.getEpoch()).toBe(0);
    expect(channelHeader.getTimestamp()!.getNanos()).toBe(0);
    expect(Math.abs(channelHeader.getTimestamp()!.getSeconds() - Date.now() / 1000)).toBeLessThan(5);
    expect(Buffer.from(signatureHeader.getCreator_asU8())).toEqual(Buffer.from(orderer.signer.serialize()));
    expect(signatureHeader.getNonce_asU8()).toHaveLength(24);
    expect(channelHeader.getTxId()).toBe(computeTxId(signatureHeader.getNonce_asU8(), signatureHeader.getCreator_asU8()));
  });

  it('carries the config in a ConfigEnvelope', () => {
    const configEnvelope = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8());
    expect(configEnvelope.getConfig()!.toObject()).toEqual(sampleConfig().toObject());
    expect(configEnvelope.hasLastUpdate()).toBe(false);
  });

  it("is signed by the orderer: the envelope and the block's SIGNATURES metadata", () => {
    expect(verify('sha256', envelope.getPayload_asU8(), orderer.publicKey, envelope.getSignature_asU8())).toBe(true);
    expect(readBlockSignature(block, orderer.publicKey)).toMatchObject({ signatureCount: 1, verifies: true, lastConfigIndex: 0 });
    expect(lastConfigIndexOf(block)).toBe(0);
  });

  it('leaves TRANSACTIONS_FILTER empty, as configtxgen does (the committing peer fills it)', () => {
    expect(block.getMetadata()!.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER]).toHaveLength(0);
  });
});
