import { common, orderer } from '@hyperledger/fabric-protos';
import type { BatchSettings } from '../../description/model';
import type { IdentityDeserializer, Signer } from '../msp/api';
import type { ChannelPolicyManager } from '../policies/api';
import type { BlockSink, OrderingService } from './api';
import { Chain } from './chain';
import { BroadcastError, type Status } from './errors';
import { applyStandardChannelFilters, type FilterSupport } from './filters';
import { parseBroadcastHeader } from './parse';

/** Default bound of cut blocks a channel may have waiting for the sink before broadcasts are refused. */
const DEFAULT_MAX_PENDING_BLOCKS = 100;

export interface OrderingChannel {
  readonly name: string;
  readonly batch: BatchSettings;
  readonly policies: ChannelPolicyManager;
  /** Blocks already in the channel's chain (at least the genesis block). */
  readonly height: number;
  /** Header hash of block height - 1: the next block links to it. */
  readonly lastBlockHeaderHash: Uint8Array;
  /** The Raft index in the last block's consenter metadata: the chain's log continues from it. */
  readonly lastRaftIndex?: number;
}

export interface OrderingServiceOptions {
  readonly channels: readonly OrderingChannel[];
  readonly deserializer: IdentityDeserializer;
  /** The orderer's identity: it signs every block. */
  readonly signer: Signer;
  readonly sink: BlockSink;
  /** One block per envelope, whatever the batch settings (fast tests). */
  readonly cutPerTransaction?: boolean;
  readonly maxPendingBlocks?: number;
}

interface ChannelSupport {
  readonly chain: Chain;
  readonly absoluteMaxBytes: number;
  readonly policies: ChannelPolicyManager;
}

/**
 * The devnet's single ordering node: Fabric's broadcast handler, multichannel registrar and standard
 * channel message processor in front of one chain per channel.
 */
export class OrderingServiceImpl implements OrderingService {
  readonly #deserializer: IdentityDeserializer;
  readonly #channels = new Map<string, ChannelSupport>();

  constructor(options: OrderingServiceOptions) {
    this.#deserializer = options.deserializer;
    for (const channel of options.channels) {
      if (this.#channels.has(channel.name)) throw new RangeError(`channel ${channel.name} is listed twice`);
      const batch = options.cutPerTransaction ? { ...channel.batch, maxMessageCount: 1 } : channel.batch;
      const chain = new Chain({
        channel: channel.name,
        batch,
        tip: { height: channel.height, lastBlockHeaderHash: channel.lastBlockHeaderHash, lastRaftIndex: channel.lastRaftIndex },
        signer: options.signer,
        sink: options.sink,
        maxPendingBlocks: options.maxPendingBlocks ?? DEFAULT_MAX_PENDING_BLOCKS,
      });
      this.#channels.set(channel.name, { chain, absoluteMaxBytes: channel.batch.absoluteMaxBytes, policies: channel.policies });
    }
  }

  async broadcast(envelope: common.Envelope): Promise<orderer.BroadcastResponse> {
    try {
      this.#processMessage(envelope);
      return response(common.Status.SUCCESS, '');
    } catch (err) {
      if (err instanceof BroadcastError) return response(err.status, err.message);
      throw err;
    }
  }

  /** Stops every chain: pending batches are dropped, blocks already cut are delivered first. */
  async close(): Promise<void> {
    await Promise.all([...this.#channels.values()].map(({ chain }) => chain.stop()));
  }

  /** Validates and enqueues one message, or throws BroadcastError (broadcast.Handler.ProcessMessage). */
  #processMessage(envelope: common.Envelope): void {
    const { header, channelHeader } = parseBroadcastHeader(envelope);
    const support = this.#channels.get(channelHeader.getChannelId());
    // Fabric 3 answers an unknown channel with BAD_REQUEST (no system channel to create it any more).
    if (!support) throw new BroadcastError(common.Status.BAD_REQUEST, 'channel does not exist');
    const filterSupport = { absoluteMaxBytes: support.absoluteMaxBytes, policies: support.policies, deserializer: this.#deserializer };
    switch (channelHeader.getType()) {
      case common.HeaderType.CONFIG:
        throw new BroadcastError(common.Status.BAD_REQUEST, 'message is of type that cannot be processed directly');
      case common.HeaderType.ORDERER_TRANSACTION:
        throw new BroadcastError(common.Status.BAD_REQUEST, 'message is of type that is no longer supported');
      case common.HeaderType.CONFIG_UPDATE:
        refuseConfigUpdate(envelope, header, channelHeader.getChannelId(), filterSupport);
        break;
      default:
        applyStandardChannelFilters(envelope, header, filterSupport);
        support.chain.order(envelope);
    }
  }
}

/**
 * ProcessConfigUpdateMsg up to where the devnet stops: the update must pass the same initial checks, then
 * is refused, since the devnet's channel config is fixed by the network description.
 */
function refuseConfigUpdate(envelope: common.Envelope, header: common.Header, channelId: string, support: FilterSupport): never {
  try {
    applyStandardChannelFilters(envelope, header, support);
  } catch (err) {
    if (err instanceof BroadcastError) {
      throw new BroadcastError(err.status, `config update for existing channel did not pass initial checks: ${err.message}`);
    }
    throw err;
  }
  throw new BroadcastError(
    common.Status.BAD_REQUEST,
    `error applying config update to existing channel '${channelId}': channel configuration updates are not supported by the devnet orderer`,
  );
}

function response(status: Status, info: string): orderer.BroadcastResponse {
  const result = new orderer.BroadcastResponse();
  result.setStatus(status);
  result.setInfo(info);
  return result;
}
