export type { BlockSink, OrderingService } from './api';
export { blockHeaderBytes, blockHeaderHash, computeBlockDataHash, computeTxId, newBlock } from './blocks';
export { OrderingServiceImpl, type OrderingChannel, type OrderingServiceOptions } from './broadcast';
export { raftIndexOf } from './block-metadata';
export { createGenesisBlock } from './genesis';
export { atomicBroadcastHandlers } from './grpc';
