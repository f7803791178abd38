// The module fabric-chaincode-node loads ("main" in package.json): the contracts of the public chaincode,
// called by namespace: "record:publish", "complaint:file", ...
import { ComplaintContract } from './contracts/complaint-contract';
import { RecordContract } from './contracts/record-contract';

export const contracts = [RecordContract, ComplaintContract];
