// Chaincode-as-a-service packages as `peer lifecycle chaincode install` takes them: a tar.gz holding
// metadata.json ({type: "ccaas", label}) and code.tar.gz, whose connection.json tells the peer where the
// chaincode server listens. A digest of the chaincode's built code rides along, so changed code gets a new
// package id (and a deploy bumps the sequence) although the server's address stays the same.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChaincodeDescription } from '../description';
import { computePackageId } from '../devnet/lifecycle/package-id';
import { tarGz } from './tar';

export interface CcaasPackage {
  readonly file: string;
  readonly label: string;
  /** label:sha256(archive), as Fabric computes it. */
  readonly packageId: string;
}

export interface ConnectionJson {
  readonly address: string;
  readonly dial_timeout: string;
  readonly tls_required: boolean;
}

export function connectionJson(chaincode: ChaincodeDescription): ConnectionJson {
  return { address: `${chaincode.endpoint.host}:${chaincode.endpoint.port}`, dial_timeout: '10s', tls_required: false };
}

export function ccaasArchive(chaincode: ChaincodeDescription, codeDigest: string): Buffer {
  const code = tarGz([
    { name: 'connection.json', content: Buffer.from(JSON.stringify(connectionJson(chaincode), null, 2)) },
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

/** Writes <dir>/<label>.tar.gz for the chaincode's current build. */
export function writeCcaasPackage(chaincode: ChaincodeDescription, dir: string): CcaasPackage {
  const codeDigest = computePackageId(chaincode.label, chaincode.path).split(':')[1];
  const archive = ccaasArchive(chaincode, codeDigest);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${chaincode.label}.tar.gz`);
  writeFileSync(file, archive);
  return { file, label: chaincode.label, packageId: packageIdOf(chaincode.label, archive) };
}
