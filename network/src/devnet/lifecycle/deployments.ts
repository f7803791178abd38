import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChaincodeDescription } from '../../description';
import { dataLayout } from '../layout';
import { computePackageId } from './package-id';

/** What is committed for one chaincode on one channel: Fabric's sequence, bumped by every new package. */
export interface Deployment {
  readonly channel: string;
  readonly name: string;
  readonly version: string;
  readonly sequence: number;
  readonly packageId: string;
}

export interface DeploymentChange {
  readonly deployment: Deployment;
  /** 'new' on first deploy, 'upgraded' when the package changed (sequence bumped), else 'unchanged'. */
  readonly change: 'new' | 'upgraded' | 'unchanged';
}

/**
 * Deploys the description's chaincodes: the devnet's stand-in for install/approve/commit. Definitions are
 * kept in <dataDir>/deployments.json so that a restart keeps sequences and a changed package bumps them.
 */
export function deployChaincodes(dataDir: string, chaincodes: readonly ChaincodeDescription[]): DeploymentChange[] {
  const file = dataLayout.deployments(dataDir);
  const previous = readDeploymentsFile(file);
  const changes: DeploymentChange[] = [];
  for (const cc of chaincodes) {
    const packageId = computePackageId(cc.label, cc.path);
    const version = chaincodeVersion(cc);
    for (const def of cc.definitions) {
      const before = previous.find((d) => d.channel === def.channel && d.name === cc.name);
      if (!before) {
        changes.push({ change: 'new', deployment: { channel: def.channel, name: cc.name, version, sequence: 1, packageId } });
      } else if (before.packageId !== packageId) {
        changes.push({ change: 'upgraded', deployment: { ...before, version, sequence: before.sequence + 1, packageId } });
      } else {
        changes.push({ change: 'unchanged', deployment: before });
      }
    }
  }
  writeDeploymentsFile(file, changes.map((c) => c.deployment));
  return changes;
}

/** The chaincode definition's version: the package.json version of its code. */
export function chaincodeVersion(cc: ChaincodeDescription): string {
  return (JSON.parse(readFileSync(path.join(cc.path, 'package.json'), 'utf8')) as { version?: string }).version ?? '1.0';
}

/** The deployments recorded in a file, none when it does not exist yet. */
export function readDeploymentsFile(file: string): Deployment[] {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Deployment[]) : [];
}

/** Replaces the file atomically, so a crash leaves the old record or the new one. */
export function writeDeploymentsFile(file: string, deployments: readonly Deployment[]): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(deployments, null, 2));
  renameSync(`${file}.tmp`, file);
}
