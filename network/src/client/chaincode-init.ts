import { GatewayError, type Contract } from '@hyperledger/fabric-gateway';
import type { ConnectionInfo } from '../devnet/connection-info';
import type { ChaincodeInit, NetworkDescription } from '../description';
import { connectGateway } from './connect';

/**
 * Submits each chaincode's init transaction (see ChaincodeInit) that has not been committed yet: as an admin
 * of the channel's first org, endorsed by every member org, so that no org's peer is left out of the first
 * word on the ledger. A network started again finds it done and submits nothing.
 */
export async function initialiseChaincodes(description: NetworkDescription, info: ConnectionInfo, log: (line: string) => void): Promise<void> {
  for (const chaincode of description.chaincodes) {
    for (const definition of chaincode.definitions) {
      if (!definition.init) continue;
      const channel = description.channels.find((c) => c.name === definition.channel)!;
      const connection = connectGateway(info, channel.orgs[0].name, 'Admin');
      try {
        const contract = connection.gateway.getNetwork(channel.name).getContract(chaincode.name);
        if (await isDone(() => contract.evaluateTransaction(definition.init!.done))) continue;
        await submitInit(contract, definition.init, channel.orgs.map((org) => org.mspId));
        log(`${chaincode.name} on ${channel.name}: ${definition.init.transaction} committed`);
      } finally {
        connection.close();
      }
    }
  }
}

async function isDone(query: () => Promise<Uint8Array>): Promise<boolean> {
  try {
    await query();
    return true;
  } catch (err) {
    if (err instanceof GatewayError) return false;
    throw err;
  }
}

async function submitInit(contract: Contract, init: ChaincodeInit, endorsingOrganizations: string[]): Promise<void> {
  try {
    const submitted = await contract.submitAsync(init.transaction, { arguments: [init.argument], endorsingOrganizations });
    const status = await submitted.getStatus();
    if (!status.successful) throw new Error(`${init.transaction} was not committed: validation code ${status.code} (transaction ${status.transactionId})`);
  } catch (err) {
    const details = err instanceof GatewayError ? err.details.map((d) => `${d.mspId}: ${d.message}`).join('; ') : '';
    throw new Error(`${init.transaction} failed: ${(err as Error).message}${details ? ` (${details})` : ''}`, { cause: err });
  }
}
