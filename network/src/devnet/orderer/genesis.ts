import { common } from '@hyperledger/fabric-protos';
import { addGenesisMetadata } from './block-metadata';
import { computeBlockDataHash, computeTxId, newBlock } from './blocks';
import { createNonce, makeChannelHeader } from './headers';

/** configtxgen writes genesis config transactions with message version 1 and epoch 0. */
const GENESIS_MSG_VERSION = 1;
const GENESIS_EPOCH = 0;

/**
 * Block 0 of a channel as configtxgen writes it (common/genesis Factory.Block): one CONFIG transaction holding the
 * channel's config, with a nonce but no creator and no signature, and unsigned block metadata naming itself as the
 * last config. TRANSACTIONS_FILTER stays empty: the committing peer fills it.
 */
export function createGenesisBlock(channelId: string, config: common.Config): common.Block {
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setNonce(createNonce());
  const channelHeader = makeChannelHeader(common.HeaderType.CONFIG, GENESIS_MSG_VERSION, channelId, GENESIS_EPOCH);
  channelHeader.setTxId(computeTxId(signatureHeader.getNonce_asU8(), new Uint8Array(0)));

  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const configEnvelope = new common.ConfigEnvelope();
  configEnvelope.setConfig(config);
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(configEnvelope.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());

  const block = newBlock(0, new Uint8Array(0));
  const data = new common.BlockData();
  data.setDataList([envelope.serializeBinary()]);
  block.setData(data);
  block.getHeader()!.setDataHash(computeBlockDataHash(data));
  addGenesisMetadata(block);
  return block;
}
