import { common } from '@hyperledger/fabric-protos';

/** Fabric's protoutil.IsConfigBlock: a block whose single envelope is a CONFIG transaction. */
export function isConfigBlock(block: common.Block): boolean {
  const data = block.getData()?.getDataList_asU8() ?? [];
  if (data.length !== 1) return false;
  try {
    const envelope = common.Envelope.deserializeBinary(data[0]);
    const header = common.Payload.deserializeBinary(envelope.getPayload_asU8()).getHeader();
    if (!header) return false;
    return common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()).getType() === common.HeaderType.CONFIG;
  } catch {
    return false;
  }
}

/**
 * The block as SeekInfo content type HEADER_WITH_SIG delivers it: header and metadata (with the orderer's
 * signatures) but no transactions. A new message, since committed blocks are shared between streams.
 */
export function headerOnly(block: common.Block): common.Block {
  const result = new common.Block();
  result.setHeader(block.getHeader());
  result.setMetadata(block.getMetadata());
  return result;
}
