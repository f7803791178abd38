import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NetworkDescription } from '../description';
import type { ConnectionInfo, OrgConnection } from '../devnet/connection-info';

/** The channel and chaincode an org's gateway serves. */
const CHANNEL = 'alliance';
const CHAINCODE = 'trace';

/** One org's gateway as the network runs it: its configuration file, and where it listens. */
export interface OrgGatewayConfig {
  readonly org: string;
  readonly file: string;
  readonly url: string;
}

export const gatewayLayout = {
  configs: (dataDir: string) => path.join(dataDir, 'gateways'),
  config: (dataDir: string, org: string) => path.join(dataDir, 'gateways', `${org}.json`),
  store: (dataDir: string, org: string) => path.join(dataDir, 'gateways', org),
  /** Written once every gateway answers: which run, and each gateway's URL. */
  ready: (dataDir: string) => path.join(dataDir, 'gateways', 'ready.json'),
};

/**
 * Writes each org's gateway configuration (the format the gateway's `serve --config` reads) from the network's
 * connection details when the network starts: its peer, its admin and every user issued so far.
 */
export function writeGatewayConfigs(description: NetworkDescription, info: ConnectionInfo, dataDir: string): OrgGatewayConfig[] {
  if (!description.channels.some((c) => c.name === CHANNEL) || !description.chaincodes.some((c) => c.name === CHAINCODE)) return [];
  mkdirSync(gatewayLayout.configs(dataDir), { recursive: true });
  const configs: OrgGatewayConfig[] = [];
  for (const org of description.peerOrgs) {
    const endpoint = org.gatewayEndpoint;
    const connection = info.orgs.find((o) => o.name === org.name);
    if (!endpoint || !connection) continue;
    const file = gatewayLayout.config(dataDir, org.name);
    const config = {
      org: org.name,
      mspId: org.mspId,
      peer: connection.peer,
      channel: CHANNEL,
      chaincode: CHAINCODE,
        users: usersOf(connection),
      host: endpoint.host,
      port: endpoint.port,
      dataDir: gatewayLayout.store(dataDir, org.name),
    };
    writeAtomically(file, config);
    configs.push({ org: org.name, file, url: `http://${endpoint.host}:${endpoint.port}` });
  }
  return configs;
}

/**
 * Lists each org's users anew in its existing gateway configuration (a user was added); everything else in the
 * file stays as the network wrote it. A running gateway reads the new file and takes the user on.
 */
export function relistGatewayUsers(info: ConnectionInfo, dataDir: string): void {
  for (const org of info.orgs) {
    const file = gatewayLayout.config(dataDir, org.name);
    if (!existsSync(file)) continue;
    const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeAtomically(file, { ...config, users: usersOf(org) });
  }
}

function usersOf(org: OrgConnection): { name: string; certPath: string; keyPath: string }[] {
  return [{ name: 'Admin', ...org.admin }, ...org.users.map(({ name, certPath, keyPath }) => ({ name, certPath, keyPath }))];
}

/** Readers (a gateway watching its file) never see half a file: written beside it, then renamed over it. */
function writeAtomically(file: string, value: unknown): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2));
  renameSync(`${file}.tmp`, file);
}
