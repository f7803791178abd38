import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { msp } from '@hyperledger/fabric-protos';
import { parse } from 'yaml';
import { firstPemBlock } from '../../crypto';
import { MspError, type NodeOU } from './api';

/** An OU that classifies identities, optionally only when certified by one CA (config.yaml Certificate). */
export interface OUIdentifierConfig {
  /** PEM of the CA certificate; undefined means any certification path of the MSP. */
  readonly certificate?: string;
  readonly organizationalUnitIdentifier: string;
}

/** Fabric's FabricNodeOUs: which subject OU marks a client, peer, admin or orderer. */
export interface NodeOUsConfig {
  readonly enable: boolean;
  readonly identifiers: Readonly<Partial<Record<NodeOU, OUIdentifierConfig>>>;
}

/** What Fabric reads from an MSP folder into FabricMSPConfig (the parts this devnet supports). */
export interface MspConfig {
  readonly mspId: string;
  /** PEM file contents, in folder order. */
  readonly rootCerts: readonly string[];
  readonly intermediateCerts: readonly string[];
  readonly admins: readonly string[];
  readonly tlsRootCerts: readonly string[];
  readonly tlsIntermediateCerts: readonly string[];
  readonly nodeOUs?: NodeOUsConfig;
}

/** config.yaml keys per NodeOU, as Fabric's msp.NodeOUs names them. */
const NODE_OU_KEYS: Readonly<Record<NodeOU, string>> = {
  client: 'ClientOUIdentifier',
  peer: 'PeerOUIdentifier',
  admin: 'AdminOUIdentifier',
  orderer: 'OrdererOUIdentifier',
};

/** Fabric's SHA2 family / SHA256 identity hashing, the values its MSP config loader always writes. */
const SIGNATURE_HASH_FAMILY = 'SHA2';
const IDENTITY_IDENTIFIER_HASH_FUNCTION = 'SHA256';
/** msp.ProviderType FABRIC (X.509). */
const FABRIC_MSP_TYPE = 0;

/** Reads an MSP folder as Fabric's GetVerifyingMspConfig does (cacerts, intermediatecerts, admincerts, TLS CAs, config.yaml). */
export function loadMspConfig(mspId: string, mspDir: string): MspConfig {
  const rootCerts = readPemDir(path.join(mspDir, 'cacerts'));
  if (rootCerts.length === 0) throw new MspError(`no ca certificate found in directory ${path.join(mspDir, 'cacerts')}`);
  if (readPemDir(path.join(mspDir, 'crls')).length > 0) throw new MspError(`MSP ${mspId}: revocation lists (crls) are not supported by the devnet`);
  const tlsRootCerts = readPemDir(path.join(mspDir, 'tlscacerts'));
  return {
    mspId,
    rootCerts,
    intermediateCerts: readPemDir(path.join(mspDir, 'intermediatecerts')),
    admins: readPemDir(path.join(mspDir, 'admincerts')),
    tlsRootCerts,
    // Fabric only looks for TLS intermediates when there are TLS roots.
    tlsIntermediateCerts: tlsRootCerts.length > 0 ? readPemDir(path.join(mspDir, 'tlsintermediatecerts')) : [],
    nodeOUs: readNodeOUs(mspId, mspDir),
  };
}

/** The MSP value of a channel config org group (msp.MSPConfig of type FABRIC). */
export function toFabricMspConfig(config: MspConfig): msp.MSPConfig {
  const fabric = new msp.FabricMSPConfig();
  fabric.setName(config.mspId);
  fabric.setRootCertsList(config.rootCerts.map(bytes));
  fabric.setIntermediateCertsList(config.intermediateCerts.map(bytes));
  fabric.setAdminsList(config.admins.map(bytes));
  const crypto = new msp.FabricCryptoConfig();
  crypto.setSignatureHashFamily(SIGNATURE_HASH_FAMILY);
  crypto.setIdentityIdentifierHashFunction(IDENTITY_IDENTIFIER_HASH_FUNCTION);
  fabric.setCryptoConfig(crypto);
  fabric.setTlsRootCertsList(config.tlsRootCerts.map(bytes));
  fabric.setTlsIntermediateCertsList(config.tlsIntermediateCerts.map(bytes));
  if (config.nodeOUs) {
    const nodeOUs = new msp.FabricNodeOUs();
    nodeOUs.setEnable(config.nodeOUs.enable);
    const { client, peer, admin, orderer } = config.nodeOUs.identifiers;
    if (client) nodeOUs.setClientOuIdentifier(ouIdentifier(client));
    if (peer) nodeOUs.setPeerOuIdentifier(ouIdentifier(peer));
    if (admin) nodeOUs.setAdminOuIdentifier(ouIdentifier(admin));
    if (orderer) nodeOUs.setOrdererOuIdentifier(ouIdentifier(orderer));
    fabric.setFabricNodeOus(nodeOUs);
  }
  const mspConfig = new msp.MSPConfig();
  mspConfig.setType(FABRIC_MSP_TYPE);
  mspConfig.setConfig(fabric.serializeBinary());
  return mspConfig;
}

function ouIdentifier(config: OUIdentifierConfig): msp.FabricOUIdentifier {
  const identifier = new msp.FabricOUIdentifier();
  if (config.certificate !== undefined) identifier.setCertificate(bytes(config.certificate));
  identifier.setOrganizationalUnitIdentifier(config.organizationalUnitIdentifier);
  return identifier;
}

function bytes(pem: string): Uint8Array {
  return Buffer.from(pem, 'utf8');
}

/** PEM files of a folder in name order; files without a PEM block are skipped, as Fabric does. */
function readPemDir(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => readFileSync(file, 'utf8'))
    .filter((content) => firstPemBlock(content) !== undefined);
}

/** NodeOUs from config.yaml; identifiers with an empty OU name are left out, as Fabric does. */
function readNodeOUs(mspId: string, mspDir: string): NodeOUsConfig | undefined {
  const file = path.join(mspDir, 'config.yaml');
  if (!existsSync(file)) return undefined;
  let yaml: unknown;
  try {
    yaml = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new MspError(`failed unmarshalling configuration file at [${file}]: ${(err as Error).message}`);
  }
  const config = (yaml ?? {}) as { NodeOUs?: Record<string, unknown>; OrganizationalUnitIdentifiers?: unknown[] };
  if (Array.isArray(config.OrganizationalUnitIdentifiers) && config.OrganizationalUnitIdentifiers.length > 0) {
    throw new MspError(`MSP ${mspId}: OrganizationalUnitIdentifiers in ${file} are not supported by the devnet`);
  }
  const nodeOUs = config.NodeOUs;
  if (!nodeOUs || nodeOUs.Enable !== true) return undefined;
  const identifiers: Partial<Record<NodeOU, OUIdentifierConfig>> = {};
  for (const [ou, key] of Object.entries(NODE_OU_KEYS) as [NodeOU, string][]) {
    const entry = nodeOUs[key] as { Certificate?: unknown; OrganizationalUnitIdentifier?: unknown } | undefined;
    const name = entry?.OrganizationalUnitIdentifier;
    if (typeof name !== 'string' || name.length === 0) continue;
    const certificateFile = typeof entry?.Certificate === 'string' && entry.Certificate ? path.join(mspDir, entry.Certificate) : undefined;
    identifiers[ou] = {
      organizationalUnitIdentifier: name,
      // Fabric logs and ignores a certificate it cannot read, leaving the OU unrestricted.
      certificate: certificateFile && existsSync(certificateFile) ? readFileSync(certificateFile, 'utf8') : undefined,
    };
  }
  return { enable: true, identifiers };
}
