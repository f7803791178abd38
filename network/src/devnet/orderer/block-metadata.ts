import { common } from '@hyperledger/fabric-protos';
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
export function addBlockSignature(block: common.Block, signer: Signer, lastConfigIndex: number): void {
  const header = block.getHeader();
  if (!header) throw new TypeError('block has no header');
  const ordererMetadata = new common.OrdererBlockMetadata();
  ordererMetadata.setLastConfig(lastConfig(lastConfigIndex));
  // No consensus metadata: the devnet orders alone. Fabric writes a marshalled empty Metadata, i.e. no bytes.
  ordererMetadata.setConsenterMetadata(new common.Metadata().serializeBinary());
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
