import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadNetworkDescription, NetworkDescriptionError } from './load';

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
    const dir = mkdtempSync(path.join(tmpdir(), 'description-'));
    const file = path.join(dir, 'network.yaml');
    writeFileSync(file, 'name: x\nportBase: 7000\npeerOrgs: []\nchannels: []\n');
    expect(() => loadNetworkDescription(file)).toThrow(NetworkDescriptionError);
    expect(() => loadNetworkDescription(file)).toThrow(/ordererOrg/);
  });

  it('refuses a channel that names an unknown org', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'description-'));
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
});
