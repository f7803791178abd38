// The module fabric-chaincode-node loads ("main" in package.json): the contracts of the alliance chaincode.
// Each is called by its namespace: "charter:init", "enterprise:register", "event:capture", ...
import { AuditContract } from './contracts/audit-contract';
import { CharterContract } from './contracts/charter-contract';
import { CustomsContract } from './contracts/customs-contract';
import { CreditContract } from './contracts/credit-contract';
import { EnterpriseContract } from './contracts/enterprise-contract';
import { EventContract } from './contracts/event-contract';
import { ProductContract } from './contracts/product-contract';
import { RecallContract } from './contracts/recall-contract';
import { TraceContract } from './contracts/trace-contract';
import { installPeerBatching } from './shim-batching';
import { skipDisabledShimLogging } from './shim-logging';

skipDisabledShimLogging();
installPeerBatching();

export const contracts = [CharterContract, EnterpriseContract, ProductContract, EventContract, TraceContract, RecallContract, AuditContract, CreditContract, CustomsContract];
