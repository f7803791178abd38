// What the conformance suites share: the chaincode's contracts on a channel and the facts of network/network.yaml
// the assertions rely on.
import type { Contract, Network } from '@hyperledger/fabric-gateway';
import { json } from '../support/bytes';
import type { GatewayConnection } from '../support/gateway';

export const CHAINCODE = 'conformance';
/** The same code deployed under a second name on alliance, for chaincode-to-chaincode calls on one channel. */
export const CALLEE = 'conformance-callee';
export const ALLIANCE = 'alliance';
export const PUBLIC = 'public';

export { ORGS, USER_ROLES, type OrgName } from '../support/orgs';

export interface Contracts {
  readonly network: Network;
  /** The default contract: single-key public and private data. */
  readonly data: Contract;
  readonly query: Contract;
  readonly tx: Contract;
}

export function contractsOf(connection: GatewayConnection, channel: string = ALLIANCE): Contracts {
  const network = connection.gateway.getNetwork(channel);
  return {
    network,
    data: network.getContract(CHAINCODE),
    query: network.getContract(CHAINCODE, 'query'),
    tx: network.getContract(CHAINCODE, 'tx'),
  };
}

export interface StoredValue {
  readonly key: string;
  readonly value: string | null;
}

export async function valueOf(data: Contract, key: string): Promise<StoredValue> {
  return json<StoredValue>(await data.evaluateTransaction('get', key));
}
