import type * as grpc from '@grpc/grpc-js';
import { common, orderer } from '@hyperledger/fabric-protos';
import type { ChannelLedger } from '../ledger/api';
import type { IdentityDeserializer } from '../msp/api';
import type { ChannelPolicyManager } from '../policies/api';
import { handleDeliver, type ResponseSender } from './handler';

/** The orderer's deliver policy (its SigFilter outside maintenance mode). */
const ORDERER_READERS = '/Channel/Readers';

export interface OrdererDeliverDeps {
  /** The channel's blocks; the devnet's orderer serves them from the shared channel ledger. */
  readonly ledgerFor: (channel: string) => ChannelLedger | undefined;
  readonly policies: (channel: string) => ChannelPolicyManager | undefined;
  readonly deserializer: IdentityDeserializer;
  /** Whether the channel's chain has halted: STRICT seeks then get SERVICE_UNAVAILABLE (Fabric's Chain.Errored). */
  readonly errored?: (channel: string) => boolean;
  /** Accepted clock skew of seek envelopes; Fabric's 15 minutes by default. */
  readonly timeWindowMs?: number;
}

type DeliverCall = grpc.ServerDuplexStream<common.Envelope, orderer.DeliverResponse>;

const sender: ResponseSender<orderer.DeliverResponse> = {
  status(status) {
    const response = new orderer.DeliverResponse();
    response.setStatus(status);
    return response;
  },
  async block(block) {
    const response = new orderer.DeliverResponse();
    response.setBlock(asOrdered(block));
    return response;
  },
};

/**
 * The block as the orderer wrote it: the devnet's orderer reads the peers' ledger, where committing added what no
 * orderer writes (the validation flags and the commit hash).
 */
function asOrdered(block: common.Block): common.Block {
  const copy = block.cloneMessage();
  const list = copy.getMetadata()?.getMetadataList_asU8() ?? [];
  for (const index of [common.BlockMetadataIndex.TRANSACTIONS_FILTER, common.BlockMetadataIndex.COMMIT_HASH]) {
    if (index < list.length) list[index] = new Uint8Array(0);
  }
  copy.getMetadata()?.setMetadataList(list);
  return copy;
}

/** The Deliver handler of orderer.AtomicBroadcastService: full blocks to readers of the channel. */
export function ordererDeliverHandler(deps: OrdererDeliverDeps): grpc.handleBidiStreamingCall<common.Envelope, orderer.DeliverResponse> {
  return (call: DeliverCall) =>
    handleDeliver(call, {
      channel: (channelId) => {
        const ledger = deps.ledgerFor(channelId);
        return ledger && { ledger, readers: deps.policies(channelId)?.get(ORDERER_READERS) };
      },
      deserializer: deps.deserializer,
      sender,
      errored: deps.errored,
      timeWindowMs: deps.timeWindowMs,
    });
}
