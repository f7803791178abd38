import * as grpc from '@grpc/grpc-js';
import { gateway, peer } from '@hyperledger/fabric-protos';
import type { GatewayDeps } from './deps';
import { processProposal } from './endorser-call';
import { endorsersByOrg, type EndorserTarget } from './endorsers';
import { DiscoveryError, endorsementLayouts } from './layouts';
import { EndorsementPlan } from './plan';
import { prepareTransaction } from './prepare';
import { parseProposedTransaction, ProposalParseError, type ProposedTransaction } from './proposal';
import { errorDetail, GatewayRpcError } from './rpc-error';

/**
 * Fabric's gateway Endorse: collects enough endorsements for the transaction and returns the prepared,
 * unsigned transaction. Without endorsing_organizations, the gateway's own peer endorses first and what it
 * reports (the chaincode interest: a call per chaincode policy, collection written or read, and key-level
 * policies) decides through discovery which other orgs must endorse; discovery finding no set of orgs is
 * FAILED_PRECONDITION. With them, exactly those orgs endorse, the client taking responsibility for the policy
 * (commit validation then judges it).
 */
export async function endorse(deps: GatewayDeps, request: gateway.EndorseRequest): Promise<gateway.EndorseResponse> {
  const signedProposal = request.getProposedTransaction();
  if (!signedProposal || signedProposal.getProposalBytes_asU8().length === 0) {
    throw new GatewayRpcError(grpc.status.INVALID_ARGUMENT, 'the proposed transaction must contain a signed proposal');
  }
  let proposed: ProposedTransaction;
  try {
    proposed = parseProposedTransaction(signedProposal);
  } catch (err) {
    if (err instanceof ProposalParseError) throw new GatewayRpcError(grpc.status.INVALID_ARGUMENT, err.message);
    throw err;
  }

  const endorsingOrgs = request.getEndorsingOrganizationsList();
  const plan = endorsingOrgs.length > 0 ? planForOrgs(deps, proposed, endorsingOrgs) : await planFromFirstEndorser(deps, proposed, signedProposal);
  const collected = await plan.collect((target) => processProposal(target, signedProposal, target.mspId === deps.localMspId));
  if (!collected) {
    throw new GatewayRpcError(grpc.status.ABORTED, 'failed to collect enough transaction endorsements, see attached details for more info', plan.errorDetails);
  }
  const response = new gateway.EndorseResponse();
  response.setPreparedTransaction(prepareTransaction(proposed, collected));
  return response;
}

/** Fabric registry.planForOrgs: one layout, one peer of each named org. */
function planForOrgs(deps: GatewayDeps, proposed: ProposedTransaction, orgs: readonly string[]): EndorsementPlan {
  const byOrg = endorsersByOrg(deps, proposed.channel, proposed.chaincodeName);
  const missing = orgs.filter((mspId) => !byOrg.has(mspId));
  if (missing.length > 0) {
    throw new GatewayRpcError(grpc.status.UNAVAILABLE, `failed to find any endorsing peers for org(s): ${missing.join(', ')}`);
  }
  return new EndorsementPlan([[...new Set(orgs)]], byOrg);
}

/**
 * Fabric's planFromFirstEndorser: endorse on the gateway's org (or, if it cannot run the chaincode and no
 * transient data is at stake, on an org discovery picks), then plan the rest from the chaincode interest.
 */
async function planFromFirstEndorser(deps: GatewayDeps, proposed: ProposedTransaction, signedProposal: peer.SignedProposal): Promise<EndorsementPlan> {
  const { channel, chaincodeName, hasTransientData } = proposed;
  const byOrg = endorsersByOrg(deps, channel, chaincodeName);
  const defaultInterest = interestIn(chaincodeName);
  let first = byOrg.get(deps.localMspId);
  if (!first) {
    if (hasTransientData) {
      throw new GatewayRpcError(
        grpc.status.FAILED_PRECONDITION,
        "no endorsers found in the gateway's organization; retry specifying endorsing organization(s) to protect transient data",
      );
    }
    first = byOrg.get(discover(deps, channel, defaultInterest, byOrg)[0][0])!;
  }

  const outcome = await processProposal(first, signedProposal, first.mspId === deps.localMspId);
  if (!outcome.ok) {
    throw new GatewayRpcError(grpc.status.ABORTED, 'failed to endorse transaction, see attached details for more info', [
      errorDetail(first.address, first.mspId, outcome.message),
    ]);
  }

  // Interest may be empty when the chaincode touched no state; the chaincode's own policy then applies.
  const reported = outcome.response.getInterest();
  const interest = reported && reported.getChaincodesList().length > 0 ? reported : defaultInterest;
  const plan = new EndorsementPlan(layoutsProtectingTransientData(deps, proposed, interest, byOrg), byOrg, first.mspId);
  plan.record(first, outcome);
  return plan;
}

/**
 * With transient data, only members of the collections involved may endorse, even where the chaincode
 * only wrote them: as Fabric's gateway, every call that does not read its collection (NoPrivateReads) is
 * made to read it, and those collections are the protected ones. If that leaves no possible set but the
 * interest as reported has one, the client is told to name the orgs it trusts; otherwise discovery's own error.
 */
function layoutsProtectingTransientData(
  deps: GatewayDeps,
  proposed: ProposedTransaction,
  interest: peer.ChaincodeInterest,
  byOrg: ReadonlyMap<string, EndorserTarget>,
): string[][] {
  if (!proposed.hasTransientData) return discover(deps, proposed.channel, interest, byOrg);
  const cautious = interest.cloneMessage();
  const protectedCollections: string[] = [];
  for (const call of cautious.getChaincodesList()) {
    if (!call.getNoPrivateReads()) continue;
    call.setNoPrivateReads(false);
    protectedCollections.push(...call.getCollectionNamesList());
  }
  try {
    return discover(deps, proposed.channel, cautious, byOrg);
  } catch (err) {
    if (protectedCollections.length > 0 && err instanceof GatewayRpcError && canDiscover(deps, proposed.channel, interest, byOrg)) {
      throw new GatewayRpcError(
        grpc.status.FAILED_PRECONDITION,
        `requires endorsement from organisation(s) that are not in the distribution policy of the private data collection(s): [${protectedCollections.join(' ')}]; retry specifying trusted endorsing organizations to protect transient data`,
      );
    }
    throw err;
  }
}

function discover(deps: GatewayDeps, channel: string, interest: peer.ChaincodeInterest, byOrg: ReadonlyMap<string, EndorserTarget>): string[][] {
  try {
    return endorsementLayouts(deps.registry, channel, interest, byOrg);
  } catch (err) {
    if (err instanceof DiscoveryError) {
      throw new GatewayRpcError(grpc.status.FAILED_PRECONDITION, `no combination of peers can be derived which satisfy the endorsement policy: ${err.message}`);
    }
    throw err;
  }
}

function canDiscover(deps: GatewayDeps, channel: string, interest: peer.ChaincodeInterest, byOrg: ReadonlyMap<string, EndorserTarget>): boolean {
  try {
    discover(deps, channel, interest, byOrg);
    return true;
  } catch {
    return false;
  }
}

function interestIn(chaincodeName: string): peer.ChaincodeInterest {
  const call = new peer.ChaincodeCall();
  call.setName(chaincodeName);
  const interest = new peer.ChaincodeInterest();
  interest.addChaincodes(call);
  return interest;
}
