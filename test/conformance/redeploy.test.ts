// Redeploying changed chaincode: the network compares each chaincode's package with the committed definition on
// start, and a changed package is committed at the next sequence, as `peer lifecycle chaincode approveformyorg` /
// `commit --sequence N+1` do on Fabric; a transaction endorsed under the old definition no longer commits. The chaincode here is a copy of the conformance chaincode in a folder of
// the test's own, so the test can change it; a description of the test's own points the network at it.
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { parse, stringify } from 'yaml';
import { dataLayout } from '@crossborder-trace/network';
import { peerCliEnvironment, runPeer } from '../support/peer-cli';
import { useTestNetwork } from '../support/suite';
import { tempDir } from '../support/temp-dirs';
import { TEST_DESCRIPTION } from '../support/test-description';
import { submitAndWait } from '../support/transactions';
import { ALLIANCE, CHAINCODE, contractsOf, valueOf } from './conformance';

jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '..', '..');
const project = tempDir('redeploy-');
const chaincodeDir = path.join(project, 'conformance');
const description = path.join(project, 'network', 'network.yaml');
prepareProject();
const network = useTestNetwork({ name: __filename, description });

/** The built conformance chaincode copied out, and network.yaml with that copy as its only chaincode. */
function prepareProject(): void {
  const source = path.join(ROOT, 'test', 'chaincode', 'conformance');
  mkdirSync(chaincodeDir);
  cpSync(path.join(source, 'package.json'), path.join(chaincodeDir, 'package.json'));
  cpSync(path.join(source, 'dist'), path.join(chaincodeDir, 'dist'), { recursive: true });
  // Its dependencies (fabric-shim, fabric-contract-api) resolve from the project's installed modules.
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(chaincodeDir, 'node_modules'), 'dir');
  // The project's network, with the copy as its only chaincode: a start deploys nothing else.
  const yaml = parse(readFileSync(path.join(ROOT, 'network', 'network.yaml'), 'utf8')) as { chaincodes: unknown[] };
  const tests = parse(readFileSync(TEST_DESCRIPTION, 'utf8')) as { chaincodes: Array<Record<string, unknown>> };
  const conformance = tests.chaincodes.find((cc) => cc.name === CHAINCODE)!;
  const channels = (conformance.channels as Array<Record<string, unknown>>).map((def) => ({
    ...def,
    ...(def.collections ? { collections: path.resolve(path.dirname(TEST_DESCRIPTION), '..', String(def.collections)) } : {}),
  }));
  yaml.chaincodes = [{ ...conformance, path: chaincodeDir, channels }];
  mkdirSync(path.dirname(description));
  writeFileSync(description, stringify(yaml));
}

function setVersion(version: string): void {
  const file = path.join(chaincodeDir, 'package.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), version }, null, 2));
}

interface Deployment {
  readonly channel: string;
  readonly name: string;
  readonly version: string;
  readonly sequence: number;
  readonly packageId: string;
}

function recorded(): Deployment {
  const all = JSON.parse(readFileSync(dataLayout.deployments(network().dataDir), 'utf8')) as Deployment[];
  return all.find((d) => d.channel === ALLIANCE && d.name === CHAINCODE)!;
}

/** On real Fabric, what the peer itself says is committed: the record must not be the only witness. */
async function committedOnPeer(): Promise<{ sequence: number; version: string } | undefined> {
  const fabricBin = process.env.FABRIC_BIN;
  if (!fabricBin) return undefined;
  const env = peerCliEnvironment(fabricBin, network().org('Regulator'), network().user('Regulator', 'Admin'));
  const result = await runPeer(fabricBin, ['lifecycle', 'chaincode', 'querycommitted', '-C', ALLIANCE, '-n', CHAINCODE, '-O', 'json'], env);
  expect(result).toMatchObject({ code: 0 });
  const { sequence, version } = JSON.parse(result.stdout) as { sequence: number; version: string };
  return { sequence, version };
}

test('changed code is committed at the next sequence and serves the old state; an unchanged restart keeps it', async () => {
  const first = recorded();
  expect(first).toMatchObject({ version: '0.1.0', sequence: 1 });
  const before = await submitAndWait(contractsOf(network().connect('Manufacturer')).data, 'put', { arguments: ['redeployed', 'by the first package'] });
  expect(before.status.code).toBe(StatusCode.VALID);

  // Endorsed under the first definition, submitted under the second: every read-write set reads the definition's
  // sequence in _lifecycle, so this one fails MVCC, as on Fabric.
  const stale = await contractsOf(network().connect('Manufacturer')).data.newProposal('put', { arguments: ['stale-definition', 'sequence 1'] }).endorse();

  // The running network has read its packages already: the change takes effect at the next start.
  setVersion('0.2.0');
  await network().restart();

  const second = recorded();
  expect(second).toMatchObject({ version: '0.2.0', sequence: 2 });
  expect(second.packageId).not.toBe(first.packageId);
  expect(second.packageId.startsWith(`${first.packageId.split(':')[0]}:`)).toBe(true);
  if (process.env.FABRIC_BIN) expect(await committedOnPeer()).toEqual({ sequence: 2, version: '0.2.0' });
  const { data } = contractsOf(network().connect('Platform'));
  expect(await valueOf(data, 'redeployed')).toEqual({ key: 'redeployed', value: 'by the first package' });
  const after = await submitAndWait(data, 'put', { arguments: ['redeployed', 'by the second package'] });
  expect(after.status.code).toBe(StatusCode.VALID);
  const late = await network().connect('Manufacturer').gateway.newTransaction(stale.getBytes()).submit();
  expect((await late.getStatus()).code).toBe(StatusCode.MVCC_READ_CONFLICT);
  expect(await valueOf(data, 'stale-definition')).toEqual({ key: 'stale-definition', value: null });

  await network().restart();
  expect(recorded()).toEqual(second);
  if (process.env.FABRIC_BIN) expect(await committedOnPeer()).toEqual({ sequence: 2, version: '0.2.0' });
  expect(await valueOf(contractsOf(network().connect('Customs')).data, 'redeployed')).toEqual({ key: 'redeployed', value: 'by the second package' });
});
