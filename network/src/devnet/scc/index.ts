// Fabric's system chaincodes as the devnet serves them: qscc, cscc and _lifecycle's queries.
import type { peer } from '@hyperledger/fabric-protos';
import type { SystemChaincode, SystemChaincodeCall } from './api';

export { SYSTEM_CHAINCODE_VERSION, type SystemChaincode, type SystemChaincodeCall } from './api';
export type { AclSources } from './acl';
export { ConfigurationSystemChaincode, type JoinedChannel } from './cscc';
export { LifecycleSystemChaincode, type InstalledPackage, type LifecycleSources } from './lifecycle';
export { QuerySystemChaincode } from './qscc';

/** The system chaincodes every peer runs in process (Fabric's scc.BuiltinSCCs). */
export class SystemChaincodes {
  readonly #byName: ReadonlyMap<string, SystemChaincode>;

  constructor(chaincodes: readonly SystemChaincode[]) {
    this.#byName = new Map(chaincodes.map((cc) => [cc.name, cc]));
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  /** Fabric runs qscc and cscc without a transaction simulator (endorser's acquireTxSimulator). */
  needsSimulator(name: string): boolean {
    return name !== 'qscc' && name !== 'cscc';
  }

  invoke(name: string, call: SystemChaincodeCall): Promise<peer.Response> {
    const chaincode = this.#byName.get(name);
    if (!chaincode) throw new Error(`${name} is not a system chaincode`);
    return chaincode.invoke(call);
  }
}
