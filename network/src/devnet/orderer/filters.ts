import { common } from '@hyperledger/fabric-protos';
import { creatorExpiry } from '../msp/creator-expiry';
import { MspError, type Identity, type IdentityDeserializer } from '../msp/api';
import type { ChannelPolicyManager } from '../policies/api';
import { messageSizeBytes } from './blockcutter';
import { BroadcastError, errorMessage } from './errors';

/** Fabric's policies.ChannelWriters: who may submit to a channel. */
const CHANNEL_WRITERS = '/Channel/Writers';

export interface FilterSupport {
  readonly absoluteMaxBytes: number;
  readonly policies: ChannelPolicyManager;
  readonly deserializer: IdentityDeserializer;
}

/**
 * The standard channel's rule set (msgprocessor.CreateStandardChannelFilters), in Fabric's order: size,
 * creator certificate expiry (before the costlier signature check), then signature and /Channel/Writers.
 * Throws BroadcastError.
 */
export function applyStandardChannelFilters(envelope: common.Envelope, header: common.Header, support: FilterSupport): void {
  checkSize(envelope, support.absoluteMaxBytes);
  const creator = signatureHeader(header).getCreator_asU8();
  checkExpiration(creator);
  checkWriters(envelope, creator, support);
}

function checkSize(envelope: common.Envelope, absoluteMaxBytes: number): void {
  const size = messageSizeBytes(envelope);
  if (size > absoluteMaxBytes) {
    throw new BroadcastError(common.Status.BAD_REQUEST, `message payload is ${size} bytes and exceeds maximum allowed ${absoluteMaxBytes} bytes`);
  }
}

function signatureHeader(header: common.Header): common.SignatureHeader {
  try {
    return common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
  } catch (err) {
    throw new BroadcastError(
      common.Status.BAD_REQUEST,
      `could not convert message to signedData: GetSignatureHeaderFromBytes failed, err ${errorMessage(err)}`,
    );
  }
}

/** As Fabric's: a creator whose certificate cannot be read is left to the signature check. */
function checkExpiration(creator: Uint8Array): void {
  const notAfter = creatorExpiry(creator);
  if (notAfter !== undefined && Date.now() > notAfter) {
    throw new BroadcastError(common.Status.BAD_REQUEST, 'broadcast client identity expired');
  }
}

/**
 * The SigFilter: the creator must be a valid identity, have signed the payload, and satisfy the channel's
 * Writers policy. Every failure reads as Fabric reports the configtxgen policy "ANY Writers" failing.
 */
function checkWriters(envelope: common.Envelope, creator: Uint8Array, support: FilterSupport): void {
  const policy = support.policies.get(CHANNEL_WRITERS);
  if (!policy) throw new BroadcastError(common.Status.BAD_REQUEST, `could not find policy ${CHANNEL_WRITERS}`);
  const signer = verifiedCreator(envelope, creator, support.deserializer);
  if (!signer || !policy.evaluate([signer])) {
    throw new BroadcastError(
      common.Status.FORBIDDEN,
      "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied: permission denied",
    );
  }
}

/** Fabric drops identities that fail to deserialize or whose signature does not verify before evaluating. */
function verifiedCreator(envelope: common.Envelope, creator: Uint8Array, deserializer: IdentityDeserializer): Identity | undefined {
  let identity: Identity;
  try {
    identity = deserializer.deserializeIdentity(creator);
  } catch (err) {
    if (err instanceof MspError) return undefined;
    throw err;
  }
  return identity.verify(envelope.getPayload_asU8(), envelope.getSignature_asU8()) ? identity : undefined;
}
