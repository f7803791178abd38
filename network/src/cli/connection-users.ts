import { renameSync, writeFileSync } from 'node:fs';
import { orgUsers } from '../crypto';
import type { NetworkDescription } from '../description';
import type { ConnectionInfo } from '../devnet/connection-info';
import { relistGatewayUsers } from '../gateways';
import { connectionFile } from './paths';
import { readConnectionInfo } from './process-control';

/**
 * Lists every org's users anew in connection.json, if there is one, from the crypto material on disk: a user issued
 * with `network user add` is then where clients look for identities at once, without a restart (a network reads the
 * same material when it starts, and Fabric's MSPs accept any user its org's CA signed). Also run after start-up, so
 * a user issued while the network was starting is not left out by the file the network wrote. Returns the file's
 * new content, or undefined when there is no file yet.
 */
export function relistUsers(dataDir: string, description: NetworkDescription, cryptoRoot: string): ConnectionInfo | undefined {
  const info = readConnectionInfo(dataDir);
  if (!info) return undefined;
  const updated: ConnectionInfo = {
    ...info,
    orgs: info.orgs.map((org) => {
      const described = description.peerOrgs.find((o) => o.name === org.name);
      return described ? { ...org, users: orgUsers(cryptoRoot, described) } : org;
    }),
  };
  const file = connectionFile(dataDir);
  // Readers never see half a file: written beside it, then renamed over it.
  writeFileSync(`${file}.tmp`, JSON.stringify(updated, null, 2));
  renameSync(`${file}.tmp`, file);
  // The gateways' configurations list the same users; a running gateway reads its file again when it changes.
  relistGatewayUsers(updated, dataDir);
  return updated;
}
