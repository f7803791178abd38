// connection.json: what a running network (the devnet, later real Fabric) tells its clients. The suite reads it
// through this module only, and checks it on load so a malformed file fails with the field named, not deep in a test.
import { readFileSync } from 'node:fs';

export interface IdentityPaths {
  readonly certPath: string;
  readonly keyPath: string;
}

export interface UserPaths extends IdentityPaths {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
}

export interface PeerEndpoint {
  readonly endpoint: string;
  readonly hostname: string;
  readonly tlsCaCertPath: string;
}

export interface OrgConnection {
  readonly name: string;
  readonly mspId: string;
  readonly peer: PeerEndpoint;
  readonly admin: IdentityPaths;
  readonly users: readonly UserPaths[];
}

export interface ConnectionInfo {
  readonly kind: 'devnet' | 'fabric';
  readonly pid: number;
  readonly channels: readonly string[];
  readonly orderer: PeerEndpoint & { readonly mspId: string };
  readonly orgs: readonly OrgConnection[];
  readonly chaincodes: ReadonlyArray<{ readonly name: string; readonly channels: readonly string[] }>;
}

export function readConnectionInfo(file: string): ConnectionInfo {
  return parseConnectionInfo(JSON.parse(readFileSync(file, 'utf8')), file);
}

export function parseConnectionInfo(json: unknown, source: string): ConnectionInfo {
  const at = (path: string) => `${source}: ${path}`;
  const root = record(json, at('the document'));
  const kind = root.kind;
  if (kind !== 'devnet' && kind !== 'fabric') throw new Error(`${at('kind')} must be "devnet" or "fabric"`);
  if (!Number.isInteger(root.pid)) throw new Error(`${at('pid')} must be an integer`);
  strings(root.channels, at('channels'));
  const orderer = record(root.orderer, at('orderer'));
  for (const field of ['mspId', 'endpoint', 'hostname', 'tlsCaCertPath']) string(orderer[field], at(`orderer.${field}`));
  list(root.orgs, at('orgs')).forEach((value, i) => checkOrg(value, (path) => at(`orgs[${i}].${path}`)));
  list(root.chaincodes, at('chaincodes')).forEach((value, i) => {
    const chaincode = record(value, at(`chaincodes[${i}]`));
    string(chaincode.name, at(`chaincodes[${i}].name`));
    strings(chaincode.channels, at(`chaincodes[${i}].channels`));
  });
  return json as ConnectionInfo;
}

function checkOrg(value: unknown, at: (path: string) => string): void {
  const org = record(value, at('(org)'));
  string(org.name, at('name'));
  string(org.mspId, at('mspId'));
  const peer = record(org.peer, at('peer'));
  for (const field of ['endpoint', 'hostname', 'tlsCaCertPath']) string(peer[field], at(`peer.${field}`));
  checkIdentity(org.admin, (path) => at(`admin.${path}`));
  list(org.users, at('users')).forEach((user, i) => {
    checkIdentity(user, (path) => at(`users[${i}].${path}`));
    const fields = record(user, at(`users[${i}]`));
    string(fields.name, at(`users[${i}].name`));
    const attrs = record(fields.attrs, at(`users[${i}].attrs`));
    for (const [name, attr] of Object.entries(attrs)) string(attr, at(`users[${i}].attrs.${name}`));
  });
}

function checkIdentity(value: unknown, at: (path: string) => string): void {
  const identity = record(value, at('(identity)'));
  string(identity.certPath, at('certPath'));
  string(identity.keyPath, at('keyPath'));
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} must be an object`);
  return value as Record<string, unknown>;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} must be an array`);
  return value;
}

function string(value: unknown, what: string): void {
  if (typeof value !== 'string' || value === '') throw new Error(`${what} must be a non-empty string`);
}

function strings(value: unknown, what: string): void {
  list(value, what).forEach((item, i) => string(item, `${what}[${i}]`));
}
