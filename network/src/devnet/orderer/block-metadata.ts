import { common, orderer } from '@hyperledger/fabric-protos';
import type { Signer } from '../msp/api';
import { blockHeaderBytes } from './blocks';
import { newSignatureHeader } from './headers';

/**
 * The metadata an orderer writes into each block (multichannel BlockWriter): LAST_CONFIG, still filled for
 * older readers, and SIGNATURES, which since Fabric 1.4.1 also carries the last config index.
 */

export function addLastConfig(block: common.Block, lastConfigIndex: number): void {
  const metadata = new common.Metadata();
  metadata.setValue(lastConfig(lastConfigIndex).serializeBinary());
  setSlot(block, common.BlockMetadataIndex.LAST_CONFIG, metadata);
}

/**
 * Signs the block as its orderer: the signature covers the metadata value, the signature header and the
 * header's DER bytes, so the header (hence the data hash) and the last config index are both attested.
 */
export function addBlockSignature(block: common.Block, signer: Signer, lastConfigIndex: number, raftIndex: number): void {
  const header = block.getHeader();
  if (!header) throw new TypeError('block has no header');
  const ordererMetadata = new common.OrdererBlockMetadata();
  ordererMetadata.setLastConfig(lastConfig(lastConfigIndex));
  const consenterMetadata = new common.Metadata();
  consenterMetadata.setValue(raftBlockMetadata(raftIndex).serializeBinary());
  ordererMetadata.setConsenterMetadata(consenterMetadata.serializeBinary());
  const value = ordererMetadata.serializeBinary();

  const signatureHeader = newSignatureHeader(signer).serializeBinary();
  const signature = new common.MetadataSignature();
  signature.setSignatureHeader(signatureHeader);
  signature.setSignature(signer.sign(Buffer.concat([value, signatureHeader, blockHeaderBytes(header)])));

  const metadata = new common.Metadata();
  metadata.setValue(value);
  metadata.setSignaturesList([signature]);
  setSlot(block, common.BlockMetadataIndex.SIGNATURES, metadata);
}

/**
 * What Fabric's etcdraft chain hands its block writer: the channel's consenters (the devnet's single orderer is
 * consenter 1, as the first of a channel's consenters is numbered) and the Raft log index of the block's entry.
 */
function raftBlockMetadata(raftIndex: number): orderer.etcdraft.BlockMetadata {
  const metadata = new orderer.etcdraft.BlockMetadata();
  metadata.setConsenterIdsList([1]);
  metadata.setNextConsenterId(2);
  metadata.setRaftIndex(raftIndex);
  return metadata;
}

/** The Raft index a block's consenter metadata records; 0 for a block without (the genesis block). */
export function raftIndexOf(block: common.Block): number {
  try {
    const signatures = common.Metadata.deserializeBinary(block.getMetadata()!.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES]);
    const consenter = common.OrdererBlockMetadata.deserializeBinary(signatures.getValue_asU8()).getConsenterMetadata_asU8();
    return orderer.etcdraft.BlockMetadata.deserializeBinary(common.Metadata.deserializeBinary(consenter).getValue_asU8()).getRaftIndex();
  } catch {
    return 0;
  }
}

/**
 * The first Raft index a starting orderer writes a block at. A Raft log begins with the consenters' ConfChange
 * (index 1), and each time the node starts and wins an election the leader appends an empty entry; blocks follow.
 */
export function firstRaftIndexAfter(lastRaftIndex: number): number {
  const logStart = Math.max(lastRaftIndex, 1);
  return logStart + 2;
}

/**
 * configtxgen's genesis metadata: LAST_CONFIG and SIGNATURES both say the block is its own last config, and nobody
 * signs it.
 */
export function addGenesisMetadata(block: common.Block): void {
  addLastConfig(block, 0);
  const ordererMetadata = new common.OrdererBlockMetadata();
  ordererMetadata.setLastConfig(lastConfig(0));
  const metadata = new common.Metadata();
  metadata.setValue(ordererMetadata.serializeBinary());
  setSlot(block, common.BlockMetadataIndex.SIGNATURES, metadata);
}

function lastConfig(index: number): common.LastConfig {
  const value = new common.LastConfig();
  value.setIndex(index);
  return value;
}

function setSlot(block: common.Block, index: number, metadata: common.Metadata): void {
  const slots = block.getMetadata()?.getMetadataList_asU8();
  if (!slots || slots.length <= index) throw new TypeError(`block has no metadata slot ${index}`);
  slots[index] = metadata.serializeBinary();
  block.getMetadata()!.setMetadataList(slots);
}
