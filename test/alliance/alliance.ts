// What the alliance chaincode suites share: its contracts for an org's user or admin, and reading its refusals.
import { GatewayError, type Contract } from '@hyperledger/fabric-gateway';
import { json } from '../support/bytes';
import type { TestNetwork } from '../support/test-network';
import { ORGS, USER_ROLES, type OrgName } from '../support/orgs';
import { rejectionOf } from '../support/transactions';

export const CHANNEL = 'alliance';
export const CHAINCODE = 'trace';

export { ORGS, USER_ROLES, type OrgName };

export interface TraceContracts {
  readonly enterprise: Contract;
  readonly product: Contract;
  readonly event: Contract;
  readonly trace: Contract;
}

export function traceContracts(network: TestNetwork, org: OrgName, user = 'User1'): TraceContracts {
  const chaincode = network.connect(org, user).gateway.getNetwork(CHANNEL);
  return {
    enterprise: chaincode.getContract(CHAINCODE, 'enterprise'),
    product: chaincode.getContract(CHAINCODE, 'product'),
    event: chaincode.getContract(CHAINCODE, 'event'),
    trace: chaincode.getContract(CHAINCODE, 'trace'),
  };
}

/** Each org's admin registers its enterprise with the org's own role. */
export async function registerEnterprises(network: TestNetwork): Promise<void> {
  for (const org of ORGS) {
    const registration = { name: `${org} Co.`, country: org === 'Manufacturer' || org === 'Logistics' ? 'DE' : 'CN', roles: [USER_ROLES[org]] };
    await traceContracts(network, org, 'Admin').enterprise.submitTransaction('register', JSON.stringify(registration));
  }
}

/** The chaincode's message for a refused call (evaluate, endorse or submit), as the peers reported it. */
export async function refusalOf(call: Promise<unknown>): Promise<string> {
  const error = await rejectionOf(call);
  if (!(error instanceof GatewayError)) throw error;
  const messages = error.details.map((d) => d.message);
  if (messages.length === 0) throw error;
  return messages[0];
}

export { json };
