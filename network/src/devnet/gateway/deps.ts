import type { Endorser } from '../endorser/api';
import type { ChannelLedger } from '../ledger/api';
import type { ChaincodeRegistry } from '../lifecycle/api';
import type { Identity, IdentityDeserializer } from '../msp/api';
import type { OrderingService } from '../orderer/api';
import type { ChannelPolicyManager } from '../policies/api';

/** One org's peer as the gateway reaches it (each org of the devnet runs one peer). */
export interface GatewayEndorser {
  readonly endorser: Endorser;
  /** host:port of the peer, reported in ErrorDetail.address. */
  readonly address: string;
  /** The peer's own identity: endorsement policies are evaluated against it when planning. */
  readonly peerIdentity: Identity;
}

export interface GatewayOrderer {
  readonly service: OrderingService;
  /** host:port of the orderer, reported in ErrorDetail.address. */
  readonly address: string;
  readonly mspId: string;
}

/** What the Gateway service of one org's peer works with. */
export interface GatewayDeps {
  /** The gateway peer's org: it endorses first and evaluates by preference. */
  readonly localMspId: string;
  /** Every peer org of the network, by MSP id. */
  readonly endorsers: ReadonlyMap<string, GatewayEndorser>;
  /** MSP ids of the peer orgs that are members of the channel, in configuration order. */
  readonly channelMembers: (channel: string) => readonly string[];
  readonly orderer: GatewayOrderer;
  readonly ledgerFor: (channel: string) => ChannelLedger | undefined;
  readonly registry: ChaincodeRegistry;
  readonly policies: (channel: string) => ChannelPolicyManager | undefined;
  readonly deserializer: IdentityDeserializer;
}
