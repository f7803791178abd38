import type * as grpc from '@grpc/grpc-js';
import { common, peer } from '@hyperledger/fabric-protos';
import type { ChannelLedger } from '../ledger/api';
import type { ChaincodeRegistry } from '../lifecycle/api';
import type { IdentityDeserializer } from '../msp/api';
import type { ChannelPolicyManager } from '../policies/api';
import { FilteredBlockError, toFilteredBlock } from './filtered-block';
import { handleDeliver, type DeliverChannel, type ResponseSender } from './handler';
import { eligiblePrivateData } from './private-data';

/** The ACL of event/Block and event/FilteredBlock in Fabric's default channel configuration. */
const PEER_READERS = '/Channel/Application/Readers';

export interface PeerDeliverDeps {
  /** The org of this peer: DeliverWithPrivateData serves the private data this org's peer holds. */
  readonly localMspId: string;
  readonly ledgerFor: (channel: string) => ChannelLedger | undefined;
  readonly policies: (channel: string) => ChannelPolicyManager | undefined;
  readonly registry: ChaincodeRegistry;
  readonly deserializer: IdentityDeserializer;
  /** Accepted clock skew of seek envelopes; Fabric's 15 minutes by default. */
  readonly timeWindowMs?: number;
}

type DeliverCall = grpc.ServerDuplexStream<common.Envelope, peer.DeliverResponse>;

/** grpc-js handlers for peer.DeliverService (Fabric core/peer/deliverevents): full, filtered, and with private data. */
export function peerDeliverHandlers(deps: PeerDeliverDeps): grpc.UntypedServiceImplementation {
  const channel = (channelId: string): DeliverChannel | undefined => {
    const ledger = deps.ledgerFor(channelId);
    return ledger && { ledger, readers: deps.policies(channelId)?.get(PEER_READERS) };
  };
  const serve = (call: DeliverCall, sender: ResponseSender<peer.DeliverResponse>): void =>
    handleDeliver(call, { channel, deserializer: deps.deserializer, sender, timeWindowMs: deps.timeWindowMs });
  return {
    deliver: (call: DeliverCall) => serve(call, blockSender),
    deliverFiltered: (call: DeliverCall) => serve(call, filteredBlockSender),
    deliverWithPrivateData: (call: DeliverCall) => serve(call, blockAndPrivateDataSender(deps)),
  };
}

function statusResponse(status: common.StatusMap[keyof common.StatusMap]): peer.DeliverResponse {
  const response = new peer.DeliverResponse();
  response.setStatus(status);
  return response;
}

const blockSender: ResponseSender<peer.DeliverResponse> = {
  status: statusResponse,
  async block(block) {
    const response = new peer.DeliverResponse();
    response.setBlock(block);
    return response;
  },
};

const filteredBlockSender: ResponseSender<peer.DeliverResponse> = {
  status: statusResponse,
  async block(block) {
    let filtered: peer.FilteredBlock;
    try {
      filtered = toFilteredBlock(block);
    } catch (err) {
      // Fabric answers the damaged block with BAD_REQUEST and carries on with the next one.
      if (err instanceof FilteredBlockError) return statusResponse(common.Status.BAD_REQUEST);
      throw err;
    }
    const response = new peer.DeliverResponse();
    response.setFilteredBlock(filtered);
    return response;
  },
};

function blockAndPrivateDataSender(deps: PeerDeliverDeps): ResponseSender<peer.DeliverResponse> {
  return {
    status: statusResponse,
    async block(block, { channelId, ledger, requester }) {
      const number = block.getHeader()?.getNumber() ?? 0;
      const held = await ledger.getPrivateData(number, deps.localMspId);
      const blockAndPrivateData = new peer.BlockAndPrivateData();
      blockAndPrivateData.setBlock(block);
      const map = blockAndPrivateData.getPrivateDataMapMap();
      for (const [txNum, txPvt] of eligiblePrivateData(held, channelId, deps.registry, requester)) map.set(txNum, txPvt);
      const response = new peer.DeliverResponse();
      response.setBlockAndPrivateData(blockAndPrivateData);
      return response;
    },
  };
}
