import * as grpc from '@grpc/grpc-js';
import type { peer } from '@hyperledger/fabric-protos';
import type { Endorser } from './api';

/** grpc-js handlers for peer.EndorserService (ProcessProposal). */
export function endorserHandlers(endorser: Endorser): grpc.UntypedServiceImplementation {
  return {
    processProposal(
      call: grpc.ServerUnaryCall<peer.SignedProposal, peer.ProposalResponse>,
      callback: grpc.sendUnaryData<peer.ProposalResponse>,
    ): void {
      endorser.processProposal(call.request).then(
        (response) => callback(null, response),
        // Fabric's peer returns validation failures as a plain gRPC error (code Unknown) with the message.
        (err: Error) => callback({ code: grpc.status.UNKNOWN, details: err.message }),
      );
    },
  };
}
