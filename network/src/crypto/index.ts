// Crypto material in Fabric's MSP folder layout: what the devnet uses, and what real Fabric binaries accept.
export { addUser } from './add-user';
export { FABRIC_ATTRIBUTES_OID, decodeAttributes, type CertificateAttributes } from './attributes';
export { ensureChaincodeTls, readChaincodeClientTls, type ChaincodeClientTls } from './chaincode-tls';
export { encodeEcdsaSignature, isLowS, parseEcdsaSignature, signEcdsaSha256, toLowS, verifyEcdsaSha256, type EcdsaSignature } from './ecdsa';
export { CryptoMaterialError } from './errors';
export { generateCryptoMaterial } from './generate';
export { orgUsers, type OrgUser } from './org-users';
export {
  chaincodeTlsCrypto,
  ordererOrgCrypto,
  peerOrgCrypto,
  type CaFiles,
  type ChaincodeTlsCrypto,
  type IdentityFiles,
  type OrdererOrgCrypto,
  type OrgCryptoBase,
  type PeerOrgCrypto,
  type TlsFiles,
} from './layout';
export { spkiOf } from './keys';
export { firstPemBlock, pemToDer, PemError, toPem } from './pem';
/** @peculiar/x509, loaded after its reflect polyfill and wired to Node's webcrypto. */
export { x509 } from './x509';
