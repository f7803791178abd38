import { type common, peer } from '@hyperledger/fabric-protos';
import type { ChannelLedger } from '../ledger/api';
import { checkAcl, type AclSources } from './acl';
import { error, success, type SystemChaincode, type SystemChaincodeCall } from './api';
import { invokedChaincodeName } from './invoked-name';

const NAME = 'cscc';

/** What cscc reads of a channel the peer has joined. */
export interface JoinedChannel {
  readonly ledger: ChannelLedger;
  /** The channel's current config: the devnet's channels keep their genesis config. */
  readonly config: common.Config;
}

/**
 * Fabric's configuration system chaincode (core/scc/cscc), its read side: the channels a peer has joined and
 * their config. Joining is not offered: devnet peers join the description's channels at start.
 */
export class ConfigurationSystemChaincode implements SystemChaincode {
  readonly name = NAME;

  constructor(
    private readonly channels: () => ReadonlyMap<string, JoinedChannel>,
    private readonly acl: AclSources,
  ) {}

  async invoke(call: SystemChaincodeCall): Promise<peer.Response> {
    const { args } = call;
    if (args.length < 1) return error(`Incorrect number of arguments, ${args.length}`);
    const fname = Buffer.from(args[0]).toString('utf8');
    if (fname !== 'GetChannels' && fname !== 'JoinBySnapshotStatus' && args.length < 2) return error(`Incorrect number of arguments, ${args.length}`);
    const invoked = invokedChaincodeName(call.signedProposal.getProposalBytes_asU8());
    if (invoked !== NAME) return error(`Rejecting invoke of CSCC from another chaincode, original invocation for '${invoked}'`);

    const channelId = args.length > 1 ? Buffer.from(args[1]).toString('utf8') : '';
    const denied = (resource: string, channel: string) =>
      checkAcl(this.acl, `${NAME}/${resource}`, channel, call.peerMspId, {
        creator: call.creator.serialized,
        data: call.signedProposal.getProposalBytes_asU8(),
        signature: call.signedProposal.getSignature_asU8(),
      });
    switch (fname) {
      case 'GetConfigBlock': {
        const refusal = denied(fname, channelId);
        if (refusal !== undefined) return error(`access denied for [${fname}][${channelId}]: ${refusal}`);
        return this.#configBlock(channelId);
      }
      case 'GetChannelConfig': {
        if (channelId === '') return error('empty channel name provided');
        const refusal = denied(fname, channelId);
        if (refusal !== undefined) return error(`access denied for [${fname}][${channelId}]: ${refusal}`);
        const channel = this.channels().get(channelId);
        if (!channel) return error(`unknown channel ID, ${channelId}`);
        return success(channel.config.serializeBinary());
      }
      case 'GetChannels': {
        const refusal = denied(fname, '');
        if (refusal !== undefined) return error(`access denied for [${fname}]: ${refusal}`);
        const response = new peer.ChannelQueryResponse();
        for (const name of this.channels().keys()) {
          const info = new peer.ChannelInfo();
          info.setChannelId(name);
          response.addChannels(info);
        }
        return success(response.serializeBinary());
      }
      default:
        return error(`Requested function ${fname} not found.`);
    }
  }

  /** The channel's last config block: the genesis block, since devnet channels are never reconfigured. */
  async #configBlock(channelId: string): Promise<peer.Response> {
    const channel = this.channels().get(channelId);
    if (!channel) return error(`Unknown channel ID, ${channelId}`);
    const block = await channel.ledger.getBlock(0);
    if (!block) return error(`Unknown channel ID, ${channelId}`);
    return success(block.serializeBinary());
  }
}
