import { ordererOrgCrypto, orgUsers, peerOrgCrypto } from '../crypto';
import type { Endpoint, NetworkDescription } from '../description';
import type { ConnectionInfo } from './connection-info';
import { dataLayout } from './layout';

export function buildConnectionInfo(description: NetworkDescription, dataDir: string): ConnectionInfo {
  const cryptoRoot = dataLayout.crypto(dataDir);
  const orderer = ordererOrgCrypto(cryptoRoot, description.ordererOrg);
  return {
    kind: 'devnet',
    pid: process.pid,
    channels: description.channels.map((c) => c.name),
    orderer: {
      mspId: description.ordererOrg.mspId,
      endpoint: address(description.ordererOrg.orderer.endpoint),
      hostname: description.ordererOrg.orderer.hostname,
      tlsCaCertPath: orderer.tlsCaCertPath,
    },
    orgs: description.peerOrgs.map((org) => {
      const files = peerOrgCrypto(cryptoRoot, org);
      return {
        name: org.name,
        mspId: org.mspId,
        peer: { endpoint: address(org.peer.endpoint), hostname: org.peer.hostname, tlsCaCertPath: files.tlsCaCertPath },
        admin: { certPath: files.admin.certPath, keyPath: files.admin.keyPath },
        // The description's users and those issued later with `network user add`, found on disk.
        users: orgUsers(cryptoRoot, org),
      };
    }),
    chaincodes: description.chaincodes.map((cc) => ({ name: cc.name, channels: cc.definitions.map((d) => d.channel) })),
  };
}

function address(endpoint: Endpoint): string {
  return `${endpoint.host}:${endpoint.port}`;
}
