import type { common, orderer } from '@hyperledger/fabric-protos';

/** The ordering service of the devnet (one orderer node): Broadcast in, blocks out per channel. */
export interface OrderingService {
  /**
   * Validates the envelope (signature, channel /Channel/Writers, size) and queues it for the channel's next
   * block. Resolves with SUCCESS once queued, or with the status Fabric 3.1's broadcast handler gives and
   * its info text: BAD_REQUEST (malformed, unknown channel, over AbsoluteMaxBytes), FORBIDDEN (signature or
   * Writers policy), SERVICE_UNAVAILABLE (overloaded or halted).
   */
  broadcast(envelope: common.Envelope): Promise<orderer.BroadcastResponse>;
}

/** Receives each block as the orderer cuts it, in order, one channel at a time. */
export type BlockSink = (channel: string, block: common.Block) => Promise<void>;
