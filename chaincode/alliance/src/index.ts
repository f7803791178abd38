// The module fabric-chaincode-node loads ("main" in package.json): the contracts of the alliance chaincode.
// Each is called by its namespace: "enterprise:register", "event:capture", ...
import { EnterpriseContract } from './contracts/enterprise-contract';
import { EventContract } from './contracts/event-contract';
import { ProductContract } from './contracts/product-contract';
import { TraceContract } from './contracts/trace-contract';

export const contracts = [EnterpriseContract, ProductContract, EventContract, TraceContract];
