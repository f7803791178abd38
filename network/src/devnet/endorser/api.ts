import type { peer } from '@hyperledger/fabric-protos';

/** One org's peer endorser (Fabric core/endorser): simulates and signs. */
export interface Endorser {
  readonly mspId: string;
  /**
   * As Fabric's ProcessProposal: a proposal that fails validation (malformed, access denied, duplicate tx id,
   * channel or chaincode unknown) rejects with ProposalValidationError — the gRPC service reports it as an
   * error, as Fabric's peer does. A chaincode's error comes back in-band: status >= 500 with the response
   * payload but no endorsement, 400..499 with the response only.
   */
  processProposal(signedProposal: peer.SignedProposal): Promise<peer.ProposalResponse>;
}

export class ProposalValidationError extends Error {
  override readonly name = 'ProposalValidationError';
}

/**
 * A proposal refused by the peer's auth filters (Fabric's ExpirationCheck and TimeWindowCheck), before the
 * endorser sees it. Fabric's gateway gets no proposal response at all for it, as for an unreachable peer, and
 * tries another.
 */
export class AuthFilterError extends Error {
  override readonly name = 'AuthFilterError';
}
