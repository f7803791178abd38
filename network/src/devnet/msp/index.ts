// The devnet's MSP: Fabric's X.509 MSP validation, principals and signing.
export { loadMspConfig, toFabricMspConfig, type MspConfig, type NodeOUsConfig, type OUIdentifierConfig } from './config';
export { X509Identity } from './identity';
export { MspManager, type MspManagerOptions } from './manager';
export { loadSigner } from './signer';
