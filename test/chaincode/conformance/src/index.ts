// The module fabric-chaincode-node loads ("main" in package.json): it serves the contracts listed here, the first
// being the default one that answers transaction names without a "contract:" prefix.
import { DataContract } from './data-contract';
import { QueryContract } from './query-contract';
import { TxContract } from './tx-contract';

export const contracts = [DataContract, QueryContract, TxContract];
