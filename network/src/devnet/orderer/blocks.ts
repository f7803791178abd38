import { createHash } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { encodeBlockHeaderDer } from './der';

/**
 * Fabric's block functions (protoutil/blockutils.go and ComputeTxID), shared by the orderer, the endorser
 * and the committer.
 */

/** One empty slot per BlockMetadataIndex (SIGNATURES, LAST_CONFIG, TRANSACTIONS_FILTER, ORDERER, COMMIT_HASH). */
const METADATA_SLOTS = Object.keys(common.BlockMetadataIndex).length;

/** A block with the given number and previous hash, an empty data hash, no data and empty metadata slots. */
export function newBlock(number: number, previousHash: Uint8Array): common.Block {
  const header = new common.BlockHeader();
  header.setNumber(number);
  header.setPreviousHash(previousHash);
  header.setDataHash(new Uint8Array(0));
  const metadata = new common.BlockMetadata();
  metadata.setMetadataList(Array.from({ length: METADATA_SLOTS }, () => new Uint8Array(0)));
  const block = new common.Block();
  block.setHeader(header);
  block.setData(new common.BlockData());
  block.setMetadata(metadata);
  return block;
}

/** Fabric 3: SHA-256 over the concatenated transaction bytes (no Merkle tree). */
export function computeBlockDataHash(data: common.BlockData): Uint8Array {
  const hash = createHash('sha256');
  for (const tx of data.getDataList_asU8()) hash.update(tx);
  return hash.digest();
}

/** The DER bytes block signatures are computed over, and whose hash links the next block. */
export function blockHeaderBytes(header: common.BlockHeader): Uint8Array {
  return encodeBlockHeaderDer(BigInt(header.getNumber()), header.getPreviousHash_asU8(), header.getDataHash_asU8());
}

/** The block hash: the next block's previous_hash. */
export function blockHeaderHash(header: common.BlockHeader): Uint8Array {
  return createHash('sha256').update(blockHeaderBytes(header)).digest();
}

/** A transaction id as Fabric derives it: hex SHA-256 of nonce || creator (SerializedIdentity bytes). */
export function computeTxId(nonce: Uint8Array, creator: Uint8Array): string {
  return createHash('sha256').update(nonce).update(creator).digest('hex');
}
