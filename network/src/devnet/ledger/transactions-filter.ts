import { common } from '@hyperledger/fabric-protos';
import type { TxValidationCode } from './api';

const TRANSACTIONS_FILTER = common.BlockMetadataIndex.TRANSACTIONS_FILTER;

/** One byte per transaction in the block's TRANSACTIONS_FILTER metadata, as Fabric's committer writes it. */
export function setTransactionsFilter(block: common.Block, codes: readonly TxValidationCode[]): void {
  let metadata = block.getMetadata();
  if (!metadata) {
    metadata = new common.BlockMetadata();
    block.setMetadata(metadata);
  }
  const list = metadata.getMetadataList_asU8();
  while (list.length <= TRANSACTIONS_FILTER) list.push(new Uint8Array(0));
  list[TRANSACTIONS_FILTER] = Uint8Array.from(codes);
  metadata.setMetadataList(list);
}

/** The codes a committed block carries. */
export function transactionsFilter(block: common.Block): TxValidationCode[] {
  return [...(block.getMetadata()?.getMetadataList_asU8()[TRANSACTIONS_FILTER] ?? [])] as TxValidationCode[];
}
