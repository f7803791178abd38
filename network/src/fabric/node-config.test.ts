import { ordererOrgCrypto, peerOrgCrypto } from '../crypto';
import { loadNetworkDescription } from '../description';
import { getKey, patchTree, setKey } from './config-patch';
import { EXTERNAL_BUILDER_NAME, patchCoreConfig } from './core-config';
import { patchOrdererConfig } from './orderer-config';

const description = loadNetworkDescription(undefined, { portOffset: 1000 });
const root = '/data/organizations';

describe('config patches', () => {
  it('sets dotted keys, creating mappings and keeping the rest', () => {
    const tree = { peer: { id: 'jdoe', keepalive: { interval: '7200s' } }, vm: { endpoint: 'unix:///var/run/docker.sock' } };
    patchTree(tree, { 'peer.id': 'p', 'peer.tls.enabled': true, 'vm.endpoint': '' });
    expect(tree).toEqual({ peer: { id: 'p', keepalive: { interval: '7200s' }, tls: { enabled: true } }, vm: { endpoint: '' } });
    setKey(tree, 'peer.keepalive', 'x');
    expect(getKey(tree, 'peer.keepalive')).toBe('x');
    expect(getKey(tree, 'no.such.key')).toBeUndefined();
  });

  it('core.yaml: the peer on its description ports with our TLS material, no VM endpoint, our external builder', () => {
    const org = description.peerOrgs[1];
    const crypto = peerOrgCrypto(root, org);
    const tree = patchCoreConfig(
      { peer: { id: 'jdoe', gossip: { bootstrap: '127.0.0.1:7051' } }, vm: { endpoint: 'unix:///var/run/docker.sock' }, chaincode: { externalBuilders: [] } },
      { org, crypto, fileSystemPath: '/data/production/p', builderDir: '/builder', networkId: 'n' },
    );
    expect(getKey(tree, 'peer.id')).toBe('peer0.platform.trace.local');
    expect(getKey(tree, 'peer.listenAddress')).toBe('127.0.0.1:8061');
    expect(getKey(tree, 'peer.chaincodeListenAddress')).toBe('127.0.0.1:8062');
    expect(getKey(tree, 'peer.gossip.externalEndpoint')).toBe('127.0.0.1:8061');
    expect(getKey(tree, 'peer.gossip.bootstrap')).toBe('127.0.0.1:8061');
    expect(getKey(tree, 'peer.gossip.reconnectInterval')).toBe('2s');
    expect(getKey(tree, 'peer.localMspId')).toBe('PlatformMSP');
    expect(getKey(tree, 'peer.mspConfigPath')).toBe(crypto.peer.mspDir);
    expect(getKey(tree, 'peer.tls.enabled')).toBe(true);
    expect(getKey(tree, 'peer.tls.cert.file')).toBe(crypto.peer.tls.certPath);
    expect(getKey(tree, 'peer.fileSystemPath')).toBe('/data/production/p');
    expect(getKey(tree, 'ledger.snapshots.rootDir')).toBe('/data/production/p/snapshots');
    expect(getKey(tree, 'vm.endpoint')).toBe('');
    expect(getKey(tree, 'chaincode.externalBuilders')).toEqual([{ name: EXTERNAL_BUILDER_NAME, path: '/builder', propagateEnvironment: ['HOME'] }]);
    expect(getKey(tree, 'operations.listenAddress')).toBe('127.0.0.1:8445');
  });

  it('orderer.yaml: no system channel, channel participation, admin endpoint with mutual TLS', () => {
    const crypto = ordererOrgCrypto(root, description.ordererOrg);
    const tree = patchOrdererConfig({ General: { ListenPort: 7050 } }, { org: description.ordererOrg, crypto, fileSystemPath: '/data/production/o' });
    expect(getKey(tree, 'General.ListenAddress')).toBe('127.0.0.1');
    expect(getKey(tree, 'General.ListenPort')).toBe(8050);
    expect(getKey(tree, 'General.BootstrapMethod')).toBe('none');
    expect(getKey(tree, 'General.TLS.Certificate')).toBe(crypto.orderer.tls.certPath);
    expect(getKey(tree, 'General.LocalMSPDir')).toBe(crypto.orderer.mspDir);
    expect(getKey(tree, 'ChannelParticipation.Enabled')).toBe(true);
    expect(getKey(tree, 'Admin.ListenAddress')).toBe('127.0.0.1:8053');
    expect(getKey(tree, 'Admin.TLS.ClientAuthRequired')).toBe(true);
    expect(getKey(tree, 'Admin.TLS.ClientRootCAs')).toEqual([crypto.tlsCaCertPath]);
    expect(getKey(tree, 'FileLedger.Location')).toBe('/data/production/o');
    expect(getKey(tree, 'Operations.ListenAddress')).toBe('127.0.0.1:8443');
    expect(getKey(tree, 'Metrics.Provider')).toBe('prometheus');
  });
});
