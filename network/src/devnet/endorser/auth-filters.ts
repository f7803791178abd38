import { common, peer } from '@hyperledger/fabric-protos';
import { creatorExpiry } from '../msp/creator-expiry';
import { AuthFilterError } from './api';

/** Fabric's peer.authentication.timewindow default (core.yaml). */
export const DEFAULT_TIME_WINDOW_MS = 15 * 60_000;

/**
 * Fabric's auth filters in core.yaml's order, run on every proposal before the endorser: ExpirationCheck (the
 * creator's certificate has not expired) then TimeWindowCheck (the proposal's timestamp is within the window of
 * the peer's clock). Throws AuthFilterError with Fabric's messages.
 */
export function checkAuthFilters(signedProposal: peer.SignedProposal, timeWindowMs = DEFAULT_TIME_WINDOW_MS, now = Date.now()): void {
  let header: common.Header;
  try {
    header = common.Header.deserializeBinary(peer.Proposal.deserializeBinary(signedProposal.getProposalBytes_asU8()).getHeader_asU8());
  } catch (err) {
    throw new AuthFilterError(`failed parsing proposal: ${(err as Error).message}`);
  }
  const expiresAt = certificateExpiry(header.getSignatureHeader_asU8());
  if (expiresAt !== undefined && now > expiresAt) throw new AuthFilterError('proposal client identity expired');

  const timestamp = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()).getTimestamp();
  const proposalMs = timestamp ? timestamp.getSeconds() * 1000 + Math.floor(timestamp.getNanos() / 1e6) : 0;
  if (proposalMs + timeWindowMs < now || proposalMs - timeWindowMs > now) {
    throw new AuthFilterError(
      `request unauthorized due to incorrect timestamp ${rfc3339(proposalMs)}, peer time ${rfc3339(now)}, peer.authentication.timewindow ${goDuration(timeWindowMs)}`,
    );
  }
}

/** Fabric's crypto.ExpiresAt of the proposal's creator; nothing when the header does not parse. */
function certificateExpiry(signatureHeader: Uint8Array): number | undefined {
  let creator: Uint8Array;
  try {
    creator = common.SignatureHeader.deserializeBinary(signatureHeader).getCreator_asU8();
  } catch {
    return undefined;
  }
  return creatorExpiry(creator);
}

/** Go's time.RFC3339 of a UTC time: whole seconds, "Z". */
function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Go's Duration.String for whole seconds: "15m0s", "1h0m0s", "30s". */
function goDuration(ms: number): string {
  const total = Math.floor(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
