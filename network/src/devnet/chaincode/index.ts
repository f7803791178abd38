export { ChaincodeSupportImpl, type ChaincodeSupportOptions } from './chaincode-support';
export type { ChaincodeServerConnection } from './connection';
export { ChaincodeServerProcess, type ChaincodeServerProcessOptions } from './launcher';
