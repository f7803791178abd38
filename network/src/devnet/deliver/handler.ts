import * as grpc from '@grpc/grpc-js';
import { common, orderer } from '@hyperledger/fabric-protos';
import type { ChannelLedger } from '../ledger/api';
import type { Identity, IdentityDeserializer } from '../msp/api';
import type { Policy } from '../policies/api';
import { AccessDeniedError, authorize } from './access';
import { headerOnly, isConfigBlock } from './block-content';
import { blockAt, WaitAbortedError } from './block-source';
import { BadSeekRequestError, DEFAULT_TIME_WINDOW_MS, parseSeekEnvelope, parseSeekInfo, resolveSeekRange, type SeekEnvelope } from './seek';
import { cancellationSignal, MessageReader, send } from './stream';

const Status = common.Status;
type Status = common.StatusMap[keyof common.StatusMap];

/** A channel as a deliver service serves it. */
export interface DeliverChannel {
  readonly ledger: ChannelLedger;
  /** The read policy: /Channel/Application/Readers on a peer, /Channel/Readers on the orderer. */
  readonly readers: Policy | undefined;
}

/** What a response sender knows about the request a block is sent for. */
export interface BlockContext {
  readonly channelId: string;
  readonly ledger: ChannelLedger;
  /** The seek envelope's creator, signature and read access already verified. */
  readonly requester: Identity;
}

/** Fabric's deliver.ResponseSender: how one flavour of Deliver wraps statuses and blocks. */
export interface ResponseSender<R> {
  status(status: Status): R;
  /** The response for one block; a flavour that cannot convert a block may answer a status instead. */
  block(block: common.Block, context: BlockContext): Promise<R>;
}

export interface DeliverHandlerOptions<R> {
  channel(channelId: string): DeliverChannel | undefined;
  readonly deserializer: IdentityDeserializer;
  readonly sender: ResponseSender<R>;
  /**
   * Whether the channel's consenter has failed (Fabric's Chain.Errored): STRICT seeks are then refused with
   * SERVICE_UNAVAILABLE, BEST_EFFORT ones carry on. A peer never reports this.
   */
  errored?(channelId: string): boolean;
  readonly timeWindowMs?: number;
}

/**
 * Fabric's common/deliver Handler.Handle for one gRPC stream: seek envelopes are served one after the other;
 * each gets its blocks followed by a status. SUCCESS waits for the next envelope, any other status ends the
 * stream, as does the client's half-close. A cancelled client stops the wait for blocks at once.
 */
export function handleDeliver<R>(call: grpc.ServerDuplexStream<common.Envelope, R>, options: DeliverHandlerOptions<R>): void {
  const signal = cancellationSignal(call);
  const reader = new MessageReader(call, signal);
  const run = async (): Promise<void> => {
    for (;;) {
      const envelope = await reader.next();
      if (!envelope || signal.aborted) break;
      const status = await deliverBlocks(call, envelope, options, signal);
      await send(call, options.sender.status(status), signal);
      if (status !== Status.SUCCESS) break;
    }
    if (!signal.aborted) call.end();
  };
  run().catch((err: unknown) => {
    if (err instanceof WaitAbortedError || signal.aborted) return;
    // Fabric returns the error from Handle: the stream fails with code Unknown and the error text.
    call.emit('error', { code: grpc.status.UNKNOWN, details: (err as Error).message });
  });
}

/** Fabric's Handler.deliverBlocks: the checks in Fabric's order, then the blocks; resolves with the final status. */
async function deliverBlocks<R>(
  call: grpc.ServerDuplexStream<common.Envelope, R>,
  envelope: common.Envelope,
  options: DeliverHandlerOptions<R>,
  signal: AbortSignal,
): Promise<Status> {
  let seek: SeekEnvelope;
  let seekInfo: orderer.SeekInfo;
  try {
    seek = parseSeekEnvelope(envelope, options.timeWindowMs ?? DEFAULT_TIME_WINDOW_MS);
  } catch (err) {
    if (err instanceof BadSeekRequestError) return Status.BAD_REQUEST;
    throw err;
  }
  const channel = options.channel(seek.channelId);
  if (!channel) return Status.NOT_FOUND;
  try {
    seekInfo = parseSeekInfo(seek.payload);
  } catch (err) {
    if (err instanceof BadSeekRequestError) return Status.BAD_REQUEST;
    throw err;
  }
  const strict = seekInfo.getErrorResponse() === orderer.SeekInfo.SeekErrorResponse.STRICT;
  const errored = (): boolean => strict && (options.errored?.(seek.channelId) ?? false);
  if (errored()) return Status.SERVICE_UNAVAILABLE;

  let requester: Identity;
  try {
    requester = authorize(seek.signedData, channel.readers, options.deserializer);
  } catch (err) {
    if (err instanceof AccessDeniedError) return Status.FORBIDDEN;
    throw err;
  }

  const { ledger } = channel;
  const range = resolveSeekRange(seekInfo, ledger.height());
  if (range.kind === 'status') return range.status;
  const failIfNotReady = seekInfo.getBehavior() === orderer.SeekInfo.SeekBehavior.FAIL_IF_NOT_READY;
  const headersOnly = seekInfo.getContentType() === orderer.SeekInfo.SeekContentType.HEADER_WITH_SIG;
  const context: BlockContext = { channelId: seek.channelId, ledger, requester };

  for (let number = range.start; ; number++) {
    // Fabric's SessionAccessControl: the session ends once the requester's certificate has expired.
    if (requester.expiresAt !== undefined && Date.now() > requester.expiresAt) return Status.FORBIDDEN;
    if (failIfNotReady && number > ledger.height() - 1) return Status.NOT_FOUND;
    let block: common.Block;
    try {
      block = await blockAt(ledger, number, signal);
    } catch (err) {
      if (err instanceof WaitAbortedError) throw err;
      // Fabric's ledger iterator answers a block it cannot read with SERVICE_UNAVAILABLE.
      return Status.SERVICE_UNAVAILABLE;
    }
    if (errored()) return Status.SERVICE_UNAVAILABLE;
    const content = headersOnly && !isConfigBlock(block) ? headerOnly(block) : block;
    await send(call, await options.sender.block(content, context), signal);
    if (block.getHeader()?.getNumber() === range.stop) return Status.SUCCESS;
  }
}
