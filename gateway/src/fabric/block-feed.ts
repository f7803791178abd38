import type { Network } from '@hyperledger/fabric-gateway';
import { decodeBlock } from './block-decoder';
import type { BlockFeed, CommittedBlock } from './port';

/**
 * Blocks with private data from the org's peer (Deliver's DeliverWithPrivateData, as fabric-gateway asks it),
 * decoded as they arrive. The request is signed by one of the org's users: the peer hands out the private data
 * of the collections that user's org is a member of.
 */
export function blockFeed(network: Network, namespace: string, fromBlock: bigint): BlockFeed {
  let closed = false;
  let close: (() => void) | undefined;
  return {
    async *[Symbol.asyncIterator](): AsyncGenerator<CommittedBlock> {
      const events = await network.getBlockAndPrivateDataEvents({ startBlock: fromBlock });
      close = () => events.close();
      if (closed) events.close();
      for await (const delivered of events) yield decodeBlock(delivered, namespace);
    },
    close() {
      closed = true;
      close?.();
    },
  };
}
