import { common } from '@hyperledger/fabric-protos';
import type { Signer } from '../msp/api';
import { addBlockSignature, addLastConfig, firstRaftIndexAfter } from './block-metadata';
import { blockHeaderHash, computeBlockDataHash, newBlock } from './blocks';

/** Where a channel's chain stands: the next block number and the hash of the last block's header. */
export interface ChainTip {
  readonly height: number;
  readonly lastBlockHeaderHash: Uint8Array;
  /** The Raft index recorded in the last block (0 for the genesis block). */
  readonly lastRaftIndex?: number;
}

/**
 * Fabric's multichannel BlockWriter for one channel: turns batches into numbered, hash-linked, signed
 * blocks. It starts from a given tip so that a restarted devnet continues its chain.
 */
export class BlockWriter {
  readonly #signer: Signer;
  #height: number;
  #previousHash: Uint8Array;
  #raftIndex: number;
  // Channel config never changes on the devnet (no config updates), so the genesis block stays the last config.
  readonly #lastConfigIndex = 0;

  constructor(signer: Signer, tip: ChainTip) {
    if (!Number.isSafeInteger(tip.height) || tip.height < 1) {
      throw new RangeError(`chain height must be at least 1 (the genesis block), got ${tip.height}`);
    }
    this.#signer = signer;
    this.#height = tip.height;
    this.#previousHash = tip.lastBlockHeaderHash;
    this.#raftIndex = firstRaftIndexAfter(tip.lastRaftIndex ?? 0);
  }

  /** The next block of the chain holding the batch, signed; the tip moves past it. */
  createNextBlock(batch: readonly common.Envelope[]): common.Block {
    const block = newBlock(this.#height, this.#previousHash);
    const data = new common.BlockData();
    data.setDataList(batch.map((envelope) => envelope.serializeBinary()));
    block.setData(data);
    const header = block.getHeader()!;
    header.setDataHash(computeBlockDataHash(data));
    addLastConfig(block, this.#lastConfigIndex);
    // One Raft entry per block on a single consenter.
    addBlockSignature(block, this.#signer, this.#lastConfigIndex, this.#raftIndex);
    this.#raftIndex += 1;
    this.#height += 1;
    this.#previousHash = blockHeaderHash(header);
    return block;
  }
}
