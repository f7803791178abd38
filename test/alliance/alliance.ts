// What the alliance chaincode suites share: its contracts for an org's user or admin, and reading its refusals.
import { GatewayError, type Contract, type Network } from '@hyperledger/fabric-gateway';
import type { ClientIdentity } from '../support/gateway';
import { randomBytes } from 'node:crypto';
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
  readonly charter: Contract;
}

export function traceContracts(network: TestNetwork, org: string, user = 'User1'): TraceContracts {
  return contractsOf(network.connect(org, user).gateway.getNetwork(CHANNEL));
}

/** The contracts for any identity at an org's peer: a user the org's own CA issued with attributes of its choice. */
export function traceContractsAs(network: TestNetwork, org: string, identity: ClientIdentity): TraceContracts {
  return contractsOf(network.connectAs(org, identity).gateway.getNetwork(CHANNEL));
}

function contractsOf(chaincode: Network): TraceContracts {
  return {
    enterprise: chaincode.getContract(CHAINCODE, 'enterprise'),
    product: chaincode.getContract(CHAINCODE, 'product'),
    event: chaincode.getContract(CHAINCODE, 'event'),
    trace: chaincode.getContract(CHAINCODE, 'trace'),
    charter: chaincode.getContract(CHAINCODE, 'charter'),
  };
}

/** Each org's admin registers its enterprise with the org's own role. */
export async function registerEnterprises(network: TestNetwork, orgs: readonly OrgName[] = ORGS): Promise<void> {
  for (const org of orgs) {
    const registration = { name: `${org} Co.`, country: org === 'Manufacturer' || org === 'Logistics' ? 'DE' : 'CN', roles: [USER_ROLES[org]] };
    await traceContracts(network, org, 'Admin').enterprise.submitTransaction('register', JSON.stringify(registration));
  }
}

/** An EPCIS 2.0 document of these events, with the standard context, as capture takes it in transient data. */
export function epcisDocument(...events: Record<string, unknown>[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2026-03-04T11:00:00Z',
      epcisBody: { eventList: events },
    }),
  );
}

/** Captures the document as the contract's caller, with a fresh salt; answers the alliance ids. */
export async function captureWith(contracts: TraceContracts, epcis: Buffer): Promise<string[]> {
  return json<{ ids: string[] }>(await contracts.event.submit('capture', { transientData: { epcis, salt: randomBytes(16) } })).ids;
}

/**
 * The regulator reads an event's detail as its gateway does: the read recorded on the ledger first
 * (audit:recordRead), without which event:detail refuses it (READ_NOT_RECORDED).
 */
export async function regulatorDetail(network: TestNetwork, id: string): Promise<Uint8Array> {
  const alliance = network.connect('Regulator', 'User1').gateway.getNetwork(CHANNEL);
  await alliance.getContract(CHAINCODE, 'audit').submitTransaction('recordRead', id, '');
  return alliance.getContract(CHAINCODE, 'event').evaluateTransaction('detail', id);
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
