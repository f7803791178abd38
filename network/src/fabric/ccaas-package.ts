// Chaincode-as-a-service packages as `peer lifecycle chaincode install` takes them: a tar.gz holding
// metadata.json ({type: "ccaas", label}) and code.tar.gz, whose connection.json tells the peer where the
// chaincode server listens and how to dial it over TLS. A digest of the chaincode's built code rides along, so
// changed code gets a new package id (and a deploy bumps the sequence) although the server's address stays the same.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readChaincodeClientTls, type ChaincodeClientTls } from '../crypto';
import type { ChaincodeDescription } from '../description';
import { computePackageId } from '../devnet/lifecycle/package-id';
import { tarGz } from './tar';

export interface CcaasPackage {
  readonly file: string;
  readonly label: string;
  /** label:sha256(archive), as Fabric computes it. */
  readonly packageId: string;
}

/** The fields of Fabric's ChaincodeServerUserData that we set; certificates and key are PEM text. */
export interface ConnectionJson {
  readonly address: string;
  /** The name the server's certificate must carry (Fabric checks it instead of the address's host). */
  readonly domain: string;
  readonly dial_timeout: string;
  readonly tls_required: true;
  readonly client_auth_required: true;
  readonly root_cert: string;
  readonly client_cert: string;
  readonly client_key: string;
}

/**
 * TLS with client authentication: the peer checks that the server's certificate chains to the chaincode TLS CA and
 * names the domain, and shows the peers' client certificate, the only one the server admits. The PEM text is part of the archive, so the
 * package id stays the same as long as the crypto material does.
 */
export function connectionJson(chaincode: ChaincodeDescription, tls: ChaincodeClientTls): ConnectionJson {
  return {
    address: `${chaincode.endpoint.host}:${chaincode.endpoint.port}`,
    domain: tls.serverName,
    dial_timeout: '10s',
    tls_required: true,
    client_auth_required: true,
    root_cert: tls.rootCert,
    client_cert: tls.clientCert,
    client_key: tls.clientKey,
  };
}

export function ccaasArchive(chaincode: ChaincodeDescription, tls: ChaincodeClientTls, codeDigest: string): Buffer {
  const code = tarGz([
    { name: 'connection.json', content: Buffer.from(JSON.stringify(connectionJson(chaincode, tls), null, 2)) },
    { name: 'code-digest', content: Buffer.from(`${codeDigest}\n`) },
  ]);
  return tarGz([
    { name: 'metadata.json', content: Buffer.from(JSON.stringify({ type: 'ccaas', label: chaincode.label })) },
    { name: 'code.tar.gz', content: code },
  ]);
}

export function packageIdOf(label: string, archive: Buffer): string {
  return `${label}:${createHash('sha256').update(archive).digest('hex')}`;
}

/** Writes <dir>/<label>.tar.gz for the chaincode's current build and the TLS material under cryptoRoot. */
export function writeCcaasPackage(chaincode: ChaincodeDescription, cryptoRoot: string, dir: string): CcaasPackage {
  const codeDigest = computePackageId(chaincode.label, chaincode.path).split(':')[1];
  const archive = ccaasArchive(chaincode, readChaincodeClientTls(cryptoRoot, chaincode.name), codeDigest);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${chaincode.label}.tar.gz`);
  writeFileSync(file, archive);
  return { file, label: chaincode.label, packageId: packageIdOf(chaincode.label, archive) };
}
