import * as grpc from '@grpc/grpc-js';
import { gateway, type peer } from '@hyperledger/fabric-protos';
import type { GatewayDeps } from './deps';
import { processProposal, resultOf } from './endorser-call';
import { endorsersByOrg, type EndorserTarget } from './endorsers';
import { parseProposedTransaction, ProposalParseError, requireChannelAndChaincode, type ProposedTransaction } from './proposal';
import { errorDetail, GatewayRpcError } from './rpc-error';

/**
 * Fabric's gateway Evaluate: the proposal runs on one peer, the gateway's own by preference, and its
 * chaincode response is the answer; nothing is ordered. A peer-side failure (retryable) moves on to the next
 * candidate peer; a chaincode error or a refused proposal is final.
 */
export async function evaluate(deps: GatewayDeps, request: gateway.EvaluateRequest): Promise<gateway.EvaluateResponse> {
  const signedProposal = request.getProposedTransaction();
  const proposed = parseForEvaluate(signedProposal);
  const { channel, chaincodeName } = proposed;
  if (!deps.ledgerFor(channel)) {
    throw new GatewayRpcError(grpc.status.UNAVAILABLE, `failed to get config for channel [${channel}]: could not get last config for channel ${channel}`);
  }

  let targetOrgs = request.getTargetOrganizationsList();
  // Transient data stays inside the gateway's org unless the client names other orgs it trusts.
  const transientProtected = proposed.hasTransientData && targetOrgs.length === 0;
  if (transientProtected) targetOrgs = [deps.localMspId];
  const candidates = evaluators(deps, channel, chaincodeName, targetOrgs);
  if (candidates.length === 0) {
    const reason = `no peers available to evaluate chaincode ${chaincodeName} in channel ${channel}`;
    throw new GatewayRpcError(
      grpc.status.FAILED_PRECONDITION,
      transientProtected
        ? `no endorsers found in the gateway's organization; retry specifying target organization(s) to protect transient data: ${reason}`
        : reason,
    );
  }

  const details: gateway.ErrorDetail[] = [];
  let code: grpc.status = grpc.status.UNAVAILABLE;
  for (const target of candidates) {
    const outcome = await processProposal(target, signedProposal!, target.mspId === deps.localMspId);
    if (outcome.ok) return evaluateResponse(outcome.response);
    details.push(errorDetail(target.address, target.mspId, outcome.message));
    if (!outcome.retry) throw new GatewayRpcError(outcome.code, `evaluate call to endorser returned error: ${outcome.message}`, details);
    code = outcome.code;
  }
  throw new GatewayRpcError(code, 'failed to evaluate transaction, see attached details for more info', details);
}

function parseForEvaluate(signedProposal: peer.SignedProposal | undefined): ProposedTransaction {
  try {
    if (!signedProposal || signedProposal.getProposalBytes_asU8().length === 0) throw new ProposalParseError('a signed proposal is required');
    const proposed = parseProposedTransaction(signedProposal);
    requireChannelAndChaincode(proposed);
    return proposed;
  } catch (err) {
    if (err instanceof ProposalParseError) throw new GatewayRpcError(grpc.status.INVALID_ARGUMENT, `failed to unpack transaction proposal: ${err.message}`);
    throw err;
  }
}

/** Fabric registry.evaluator: the gateway's org first, then the other allowed orgs (all at the same height here). */
function evaluators(deps: GatewayDeps, channel: string, chaincode: string, targetOrgs: readonly string[]): EndorserTarget[] {
  const byOrg = endorsersByOrg(deps, channel, chaincode);
  const allowed = targetOrgs.length > 0 ? [...byOrg.values()].filter((t) => targetOrgs.includes(t.mspId)) : [...byOrg.values()];
  return [...allowed.filter((t) => t.mspId === deps.localMspId), ...allowed.filter((t) => t.mspId !== deps.localMspId)];
}

function evaluateResponse(proposalResponse: peer.ProposalResponse): gateway.EvaluateResponse {
  const response = proposalResponse.getResponse()!;
  // The transaction result is the one in the signed payload; Response.payload need not carry it.
  const result = resultOf(proposalResponse);
  if (result !== undefined) response.setPayload(result);
  const evaluated = new gateway.EvaluateResponse();
  evaluated.setResult(response);
  return evaluated;
}
