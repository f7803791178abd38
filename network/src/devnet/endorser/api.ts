import type { peer } from '@hyperledger/fabric-protos';

/** One org's peer endorser (Fabric core/endorser): simulates and signs. */
export interface Endorser {
  readonly mspId: string;
  /**
   * As Fabric: failures are reported in-band (ProposalResponse.response.status 500 and a message; a
   * chaincode's own error status >= 400 comes back with no endorsement), never as a thrown error.
   */
  processProposal(signedProposal: peer.SignedProposal): Promise<peer.ProposalResponse>;
}
