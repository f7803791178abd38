import { common } from '@hyperledger/fabric-protos';
import type { Signer } from '../msp/api';
import { addBlockSignature, addLastConfig } from './block-metadata';
import { computeBlockDataHash, computeTxId, newBlock } from './blocks';
import { makeChannelHeader, newSignatureHeader } from './headers';

/** configtxgen writes genesis config transactions with message version 1 and epoch 0. */
const GENESIS_MSG_VERSION = 1;
const GENESIS_EPOCH = 0;
/** The genesis block is its own last config block. */
const GENESIS_CONFIG_INDEX = 0;

/**
 * Block 0 of a channel: one CONFIG transaction holding the channel's config, as configtxgen lays it out,
 * but signed by the orderer (envelope and block metadata) as an orderer writes config blocks.
 * TRANSACTIONS_FILTER stays empty, as in configtxgen's block: the committing peer fills it.
 */
export function createGenesisBlock(channelId: string, config: common.Config, signer: Signer): common.Block {
  const signatureHeader = newSignatureHeader(signer);
  const channelHeader = makeChannelHeader(common.HeaderType.CONFIG, GENESIS_MSG_VERSION, channelId, GENESIS_EPOCH);
  channelHeader.setTxId(computeTxId(signatureHeader.getNonce_asU8(), signatureHeader.getCreator_asU8()));

  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const configEnvelope = new common.ConfigEnvelope();
  configEnvelope.setConfig(config);
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(configEnvelope.serializeBinary());
  const payloadBytes = payload.serializeBinary();
  const envelope = new common.Envelope();
  envelope.setPayload(payloadBytes);
  envelope.setSignature(signer.sign(payloadBytes));

  const block = newBlock(0, new Uint8Array(0));
  const data = new common.BlockData();
  data.setDataList([envelope.serializeBinary()]);
  block.setData(data);
  block.getHeader()!.setDataHash(computeBlockDataHash(data));
  addLastConfig(block, GENESIS_CONFIG_INDEX);
  addBlockSignature(block, signer, GENESIS_CONFIG_INDEX);
  return block;
}
