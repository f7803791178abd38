import { mspFolderOf, ordererFlags, peerCliEnvironment } from './peer-cli';
import type { ConnectionInfo, OrgConnection } from './connection-info';

const org: OrgConnection = {
  name: 'Manufacturer',
  mspId: 'ManufacturerMSP',
  peer: { endpoint: '127.0.0.1:17051', hostname: 'peer0.manufacturer.trace.local', tlsCaCertPath: '/net/m/tlsca.pem' },
  admin: { certPath: '/net/m/users/Admin@m/msp/signcerts/cert.pem', keyPath: '/net/m/users/Admin@m/msp/keystore/priv_sk' },
  users: [],
};

test('the MSP folder is two levels above the certificate', () => {
  expect(mspFolderOf(org.admin)).toBe('/net/m/users/Admin@m/msp');
});

test('the peer CLI environment names the org, its peer, its TLS root and the identity', () => {
  expect(peerCliEnvironment('/opt/fabric/bin', org, org.admin)).toEqual({
    FABRIC_CFG_PATH: '/opt/fabric/config',
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_LOCALMSPID: 'ManufacturerMSP',
    CORE_PEER_MSPCONFIGPATH: '/net/m/users/Admin@m/msp',
    CORE_PEER_ADDRESS: '127.0.0.1:17051',
    CORE_PEER_TLS_ROOTCERT_FILE: '/net/m/tlsca.pem',
    CORE_PEER_TLS_SERVERHOSTOVERRIDE: 'peer0.manufacturer.trace.local',
  });
});

test('the orderer flags carry TLS, its CA and its host name', () => {
  const info = { orderer: { mspId: 'OrdererMSP', endpoint: '127.0.0.1:17050', hostname: 'orderer0.orderer.trace.local', tlsCaCertPath: '/net/o/ca.pem' } };
  expect(ordererFlags(info as ConnectionInfo)).toEqual([
    '-o', '127.0.0.1:17050', '--ordererTLSHostnameOverride', 'orderer0.orderer.trace.local', '--tls', '--cafile', '/net/o/ca.pem',
  ]);
});
