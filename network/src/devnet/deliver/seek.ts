import { common, orderer } from '@hyperledger/fabric-protos';
import type { SignedData } from './access';

/** Fabric's peer.authentication.timewindow and the orderer's General.Authentication.TimeWindow default. */
export const DEFAULT_TIME_WINDOW_MS = 15 * 60 * 1000;

/** A seek envelope Fabric answers with BAD_REQUEST (the reason is only logged there). */
export class BadSeekRequestError extends Error {
  override readonly name = 'BadSeekRequestError';
}

export interface SeekEnvelope {
  readonly channelId: string;
  readonly payload: common.Payload;
  /** Envelope payload, creator and signature: what the read policy is evaluated on. */
  readonly signedData: SignedData;
}

/**
 * Fabric's deliver Handler.parseEnvelope: payload, header, channel and signature header must parse, and the
 * channel header's timestamp must lie within the time window of the server's clock. The header type is not
 * checked, as in Fabric.
 */
export function parseSeekEnvelope(envelope: common.Envelope, timeWindowMs: number, now = Date.now()): SeekEnvelope {
  const payload = decode('payload', () => common.Payload.deserializeBinary(envelope.getPayload_asU8()));
  const header = payload.getHeader();
  if (!header) throw new BadSeekRequestError('envelope has no header');
  const channelHeader = decode('channel header', () => common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()));
  const signatureHeader = decode('signature header', () => common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8()));
  const timestamp = channelHeader.getTimestamp();
  if (!timestamp) throw new BadSeekRequestError('channel header in envelope must contain timestamp');
  const envelopeMs = timestamp.getSeconds() * 1000 + timestamp.getNanos() / 1e6;
  if (Math.abs(now - envelopeMs) > timeWindowMs) {
    throw new BadSeekRequestError(`envelope timestamp ${new Date(envelopeMs).toISOString()} is more than ${timeWindowMs} ms apart from current server time`);
  }
  return {
    channelId: channelHeader.getChannelId(),
    payload,
    signedData: { data: envelope.getPayload_asU8(), identity: signatureHeader.getCreator_asU8(), signature: envelope.getSignature_asU8() },
  };
}

export function parseSeekInfo(payload: common.Payload): orderer.SeekInfo {
  return decode('seekInfo', () => orderer.SeekInfo.deserializeBinary(payload.getData_asU8()));
}

/** What the seek asks for once resolved against the ledger height, or the status Fabric answers instead. */
export type SeekRange =
  | { readonly kind: 'range'; readonly start: number; readonly stop: number }
  | { readonly kind: 'status'; readonly status: common.StatusMap[keyof common.StatusMap] };

/**
 * Fabric's fileledger Iterator plus the deliver handler's stop computation. Quirks kept on purpose: a start
 * past the height is NOT_FOUND while a start at the height waits for the next block; a stop Fabric does not
 * handle (next_commit, unset) leaves the stop at 0, so the stream runs on.
 */
export function resolveSeekRange(seekInfo: orderer.SeekInfo, height: number): SeekRange {
  const start = seekInfo.getStart();
  const stop = seekInfo.getStop();
  if (!start || !stop) return { kind: 'status', status: common.Status.BAD_REQUEST };

  const startNumber = startOf(start, height);
  // Fabric's iterator for an unknown start reports block 0 and fails on its first Next.
  const number = startNumber ?? 0;
  let stopNumber = 0;
  switch (stop.getTypeCase()) {
    case orderer.SeekPosition.TypeCase.OLDEST:
      stopNumber = number;
      break;
    case orderer.SeekPosition.TypeCase.NEWEST:
      // Newest to newest is exactly one block, even if another commits meanwhile.
      stopNumber = sameBytes(start.serializeBinary(), stop.serializeBinary()) ? number : height - 1;
      break;
    case orderer.SeekPosition.TypeCase.SPECIFIED:
      stopNumber = stop.getSpecified()!.getNumber();
      if (stopNumber < number) return { kind: 'status', status: common.Status.BAD_REQUEST };
      break;
    default:
      break;
  }
  if (startNumber === undefined) return { kind: 'status', status: common.Status.NOT_FOUND };
  return { kind: 'range', start: number, stop: stopNumber };
}

function startOf(position: orderer.SeekPosition, height: number): number | undefined {
  switch (position.getTypeCase()) {
    case orderer.SeekPosition.TypeCase.OLDEST:
      return 0;
    case orderer.SeekPosition.TypeCase.NEWEST:
      return height - 1;
    case orderer.SeekPosition.TypeCase.SPECIFIED: {
      const number = position.getSpecified()!.getNumber();
      return number > height ? undefined : number;
    }
    case orderer.SeekPosition.TypeCase.NEXT_COMMIT:
      return height;
    default:
      return undefined;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

function decode<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new BadSeekRequestError(`error unmarshalling ${what}: ${(err as Error).message}`);
  }
}
