export { ChaincodeSupportImpl, type ChaincodeSupportOptions } from './chaincode-support';
export { ChaincodeServerProcess, type ChaincodeServerProcessOptions } from './launcher';
