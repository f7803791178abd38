import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChaincodeDescription } from '../../description';
import { tempDir } from '../../test-temp-dirs';
import { deployChaincodes } from './deployments';


function chaincodeIn(dir: string): ChaincodeDescription {
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'cc', version: '1.2.0' }));
  writeFileSync(path.join(dir, 'dist', 'index.js'), 'module.exports = 1;');
  return {
    name: 'cc',
    label: 'cc_1',
    path: dir,
    endpoint: { host: '127.0.0.1', port: 1 },
    definitions: [{ channel: 'alliance' }, { channel: 'public' }],
  };
}

describe('deployChaincodes', () => {
  it('deploys at sequence 1, keeps it for the same package, bumps it when the package changes', () => {
    const dataDir = tempDir('deploy-');
    const cc = chaincodeIn(tempDir('cc-'));

    const first = deployChaincodes(dataDir, [cc]);
    expect(first.map((c) => [c.deployment.channel, c.deployment.sequence, c.change])).toEqual([
      ['alliance', 1, 'new'],
      ['public', 1, 'new'],
    ]);
    expect(first[0].deployment.packageId).toMatch(/^cc_1:[0-9a-f]{64}$/);
    expect(first[0].deployment.version).toBe('1.2.0');

    const again = deployChaincodes(dataDir, [cc]);
    expect(again.map((c) => c.change)).toEqual(['unchanged', 'unchanged']);
    expect(again[0].deployment.packageId).toBe(first[0].deployment.packageId);

    writeFileSync(path.join(cc.path, 'dist', 'index.js'), 'module.exports = 2;');
    const changed = deployChaincodes(dataDir, [cc]);
    expect(changed.map((c) => [c.deployment.sequence, c.change])).toEqual([
      [2, 'upgraded'],
      [2, 'upgraded'],
    ]);
    expect(changed[0].deployment.packageId).not.toBe(first[0].deployment.packageId);
  });

  it('refuses a chaincode that is not built', () => {
    const dataDir = tempDir('deploy-');
    const dir = tempDir('cc-');
    writeFileSync(path.join(dir, 'package.json'), '{}');
    const cc: ChaincodeDescription = { name: 'x', label: 'x_1', path: dir, endpoint: { host: '127.0.0.1', port: 1 }, definitions: [{ channel: 'c' }] };
    expect(() => deployChaincodes(dataDir, [cc])).toThrow(/not built/);
  });
});
