import { common } from '@hyperledger/fabric-protos';
import { blockHeaderBytes, computeBlockDataHash, computeTxId } from './blocks';
import { createGenesisBlock } from './genesis';
import { lastConfigIndexOf } from './test-fakes';

function sampleConfig(): common.Config {
  const group = new common.ConfigGroup();
  group.setModPolicy('Admins');
  const config = new common.Config();
  config.setSequence(0);
  config.setChannelGroup(group);
  return config;
}

describe('createGenesisBlock', () => {
  let block: common.Block;
  let envelope: common.Envelope;
  let payload: common.Payload;
  beforeAll(() => {
    block = common.Block.deserializeBinary(createGenesisBlock('alliance', sampleConfig()).serializeBinary());
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

  it('holds a CONFIG transaction for the channel, with no creator and a tx id derived from the nonce alone', () => {
    const channelHeader = common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8());
    const signatureHeader = common.SignatureHeader.deserializeBinary(payload.getHeader()!.getSignatureHeader_asU8());
    expect(channelHeader.getType()).toBe(common.HeaderType.CONFIG);
    expect(channelHeader.getChannelId()).toBe('alliance');
    expect(channelHeader.getVersion()).toBe(1);
    expect(channelHeader.getEpoch()).toBe(0);
    expect(channelHeader.getTimestamp()!.getNanos()).toBe(0);
    expect(Math.abs(channelHeader.getTimestamp()!.getSeconds() - Date.now() / 1000)).toBeLessThan(5);
    expect(signatureHeader.getCreator_asU8()).toHaveLength(0);
    expect(signatureHeader.getNonce_asU8()).toHaveLength(24);
    expect(channelHeader.getTxId()).toBe(computeTxId(signatureHeader.getNonce_asU8(), signatureHeader.getCreator_asU8()));
  });

  it('carries the config in a ConfigEnvelope', () => {
    const configEnvelope = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8());
    expect(configEnvelope.getConfig()!.toObject()).toEqual(sampleConfig().toObject());
    expect(configEnvelope.hasLastUpdate()).toBe(false);
  });

  it("is signed by nobody, as configtxgen's: the SIGNATURES metadata only names block 0 as the last config", () => {
    expect(envelope.getSignature_asU8()).toHaveLength(0);
    const signatures = common.Metadata.deserializeBinary(block.getMetadata()!.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES]);
    expect(signatures.getSignaturesList()).toHaveLength(0);
    expect(common.OrdererBlockMetadata.deserializeBinary(signatures.getValue_asU8()).getLastConfig()!.getIndex()).toBe(0);
    expect(lastConfigIndexOf(block)).toBe(0);
  });

  it('leaves TRANSACTIONS_FILTER empty, as configtxgen does (the committing peer fills it)', () => {
    expect(block.getMetadata()!.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER]).toHaveLength(0);
  });
});
