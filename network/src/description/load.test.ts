import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../test-temp-dirs';
import { defaultDescriptionPath, loadNetworkDescription, NetworkDescriptionError } from './load';

/** A description in a project of its own (<root>/network/network.yaml) extending the project's, with these chaincodes. */
function extendingDescription(chaincodeLines: readonly string[]): { root: string; file: string } {
  const root = tempDir('description-');
  mkdirSync(path.join(root, 'network'));
  const file = path.join(root, 'network', 'network.yaml');
  writeFileSync(file, [`extends: ${defaultDescriptionPath()}`, 'chaincodes:', ...chaincodeLines].join('\n'));
  return { root, file };
}

describe('loadNetworkDescription', () => {
  it('resolves the project description: five peer orgs, two channels, ports with the offset', () => {
    const description = loadNetworkDescription(undefined, { portOffset: 1000 });
    expect(description.peerOrgs.map((o) => o.mspId)).toEqual([
      'ManufacturerMSP',
      'PlatformMSP',
      'LogisticsMSP',
      'CustomsMSP',
      'RegulatorMSP',
    ]);
    expect(description.channels.map((c) => c.name)).toEqual(['alliance', 'public']);
    expect(description.peerOrgs[0].peer.endpoint).toEqual({ host: '127.0.0.1', port: 8051 });
    expect(description.peerOrgs[0].peer.hostname).toBe('peer0.manufacturer.trace.local');
    expect(description.channels[0].batch).toEqual({
      timeoutMs: 2000,
      maxMessageCount: 10,
      absoluteMaxBytes: 99 * 1024 * 1024,
      preferredMaxBytes: 512 * 1024,
    });
    expect(description.channels[0].policies.Endorsement).toBe('MAJORITY Endorsement');
    const trace = description.chaincodes.find((c) => c.name === 'trace')!;
    expect(trace.definitions[0].collectionsPath).toBe(path.join(description.projectRoot, 'chaincode/alliance/collections.json'));
    expect(trace.endpoint).toEqual({ host: '127.0.0.1', port: 8102 });
  });

  it('says what is wrong and where', () => {
    const dir = tempDir('description-');
    const file = path.join(dir, 'network.yaml');
    writeFileSync(file, 'name: x\nportBase: 7000\npeerOrgs: []\nchannels: []\n');
    expect(() => loadNetworkDescription(file)).toThrow(NetworkDescriptionError);
    expect(() => loadNetworkDescription(file)).toThrow(/ordererOrg/);
  });

  it('refuses a channel that names an unknown org', () => {
    const dir = tempDir('description-');
    const file = path.join(dir, 'network.yaml');
    writeFileSync(
      file,
      [
        'name: x',
        'portBase: 7000',
        'ordererOrg: { name: O, mspId: OMSP, domain: o.test, orderer: { name: o0, port: 50, adminPort: 53, operationsPort: 443 } }',
        'peerOrgs: [ { name: A, mspId: AMSP, domain: a.test, peer: { name: p0, port: 51, chaincodePort: 52, operationsPort: 444 } } ]',
        'channelDefaults:',
        '  batch: { timeout: 2s, maxMessageCount: 10, absoluteMaxBytes: 99 MB, preferredMaxBytes: 512 KB }',
        '  policies: { Readers: ANY Readers, Writers: ANY Writers, Admins: MAJORITY Admins, Endorsement: MAJORITY Endorsement, LifecycleEndorsement: MAJORITY Endorsement }',
        'channels: [ { name: c, orgs: [A, B] } ]',
      ].join('\n'),
    );
    expect(() => loadNetworkDescription(file)).toThrow('channel c names unknown org B');
  });

  it('lets a description extend another with chaincodes whose paths are relative to its own project root', () => {
    const base = loadNetworkDescription();
    const { root, file } = extendingDescription([
      '  - { name: extra, label: extra_1, path: chaincode/extra, port: 200, channels: [ { name: alliance, collections: chaincode/extra/collections.json } ] }',
    ]);
    const extended = loadNetworkDescription(file, { portOffset: 1000 });
    expect(extended.chaincodes.map((cc) => cc.name)).toEqual([...base.chaincodes.map((cc) => cc.name), 'extra']);
    const extra = extended.chaincodes.find((cc) => cc.name === 'extra')!;
    expect(extra.path).toBe(path.join(root, 'chaincode/extra'));
    expect(extra.definitions[0].collectionsPath).toBe(path.join(root, 'chaincode/extra/collections.json'));
    expect(extra.endpoint).toEqual({ host: '127.0.0.1', port: 8200 });
    // The base's own chaincodes keep their paths, relative to the base's project root.
    expect(extended.chaincodes[0]).toEqual(loadNetworkDescription(undefined, { portOffset: 1000 }).chaincodes[0]);
    expect(extended.peerOrgs).toEqual(loadNetworkDescription(undefined, { portOffset: 1000 }).peerOrgs);
  });

  it("replaces a base chaincode of the same name, with its init argument as JSON text", () => {
    const { root, file } = extendingDescription([
      '  - name: trace',
      '    label: trace_1',
      '    path: chaincode/other',
      '    port: 102',
      '    channels: [ { name: alliance, init: { transaction: "charter:init", done: "charter:get", argument: { regulator: R } } } ]',
    ]);
    const [trace, ...others] = loadNetworkDescription(file).chaincodes.filter((cc) => cc.name === 'trace');
    expect(others).toEqual([]);
    expect(trace.path).toBe(path.join(root, 'chaincode/other'));
    expect(trace.definitions[0].init).toEqual({ transaction: 'charter:init', done: 'charter:get', argument: '{"regulator":"R"}' });
  });

  it('refuses a description that extends itself', () => {
    const dir = tempDir('description-');
    const first = path.join(dir, 'first.yaml');
    writeFileSync(first, 'extends: second.yaml\nchaincodes: [ { name: a, label: a_1, path: a, port: 1, channels: [ { name: c } ] } ]\n');
    writeFileSync(path.join(dir, 'second.yaml'), 'extends: first.yaml\nchaincodes: [ { name: b, label: b_1, path: b, port: 2, channels: [ { name: c } ] } ]\n');
    expect(() => loadNetworkDescription(first)).toThrow(/extends itself/);
  });
});
