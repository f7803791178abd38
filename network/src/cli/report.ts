import { connect } from 'node:net';
import path from 'node:path';
import type { ConnectionInfo } from '../devnet/connection-info';
import { gatewayLayout, type GatewaysReady } from '../gateways';
import type { NetworkRuntime } from './runtime';

/** The "where things are" summary printed after start. */
export function describeNetwork(info: ConnectionInfo, dataDir: string): string {
  const lines = [
    '',
    `${info.kind === 'fabric' ? 'real Fabric network' : 'devnet'} ready (pid ${info.pid}) — channels: ${info.channels.join(', ')}`,
    `  orderer  ${info.orderer.endpoint}  (${info.orderer.hostname}, TLS CA ${info.orderer.tlsCaCertPath})`,
  ];
  for (const org of info.orgs) {
    lines.push(`  ${org.name.padEnd(13)} peer ${org.peer.endpoint}  (${org.peer.hostname} — use it as the TLS server name)`);
    lines.push(`                TLS CA ${org.peer.tlsCaCertPath}`);
    lines.push(`                identities in ${usersFolder(org.admin.certPath)}/ (each one's certificate and key: connection.json)`);
    const width = Math.max(5, ...org.users.map((user) => user.name.length)) + 2;
    lines.push(`                  ${'Admin'.padEnd(width)}org admin, no role attribute: registers the org's enterprise, amends the charter`);
    for (const user of org.users) {
      const attrs = Object.entries(user.attrs).map(([k, v]) => `${k}=${v}`).join(' ');
      lines.push(`                  ${user.name.padEnd(width)}${attrs || 'no attributes'}`);
    }
  }
  lines.push(`  chaincodes: ${info.chaincodes.map((c) => `${c.name} on ${c.channels.join(', ')}`).join('; ')}`);
  lines.push(`  connection details: ${dataDir}/connection.json (users added with \`npm run network -- user add\` too)`);
  return lines.join('\n');
}

/** The orgs' REST gateways `up` started: where each serves, its docs page, how to get a key. */
export function describeGateways(ready: GatewaysReady | undefined, runtime: NetworkRuntime): string {
  if (!ready || ready.gateways.length === 0) return '';
  const env = runtime.kind === 'fabric' ? `FABRIC_BIN=${runtime.fabricBin} ` : '';
  const lines = ['', 'REST gateways, one per org (each acts with its own org\'s identities):'];
  for (const { org, url } of ready.gateways) lines.push(`  ${org.padEnd(13)} ${url}   API docs ${url}/docs`);
  // The gateway CLI finds an org's configuration under the default data folder; elsewhere it is named.
  const which = runtime.cliOptions.length === 0 ? '--org <Org>' : `--config ${gatewayLayout.configs(runtime.dataDir)}/<Org>.json`;
  lines.push(`  an API key for a user: ${env}npm run gateway -- key add ${which} --user <User1|Admin>   (printed once)`);
  lines.push(`  then: curl -H "Authorization: Bearer <key>" ${ready.gateways[0].url}/enterprises`);
  const regulator = ready.gateways.find((g) => g.org === 'Regulator');
  if (regulator) lines.push(`  the regulator's desk: ${regulator.url}/desk`);
  // Consumers need no key: a product's GS1 Digital Link on any gateway opens its public record's page.
  const platform = ready.gateways.find((g) => g.org === 'Platform') ?? ready.gateways[0];
  lines.push(`  consumers (no key): ${platform.url}/01/<GTIN>/21/<serial> opens a sold item's page`);
  return lines.join('\n');
}

/** Printed when `up` returns: the network outlives the command, so say where it is and how to stop it. */
export function backgroundNote(runtime: NetworkRuntime, pid: number): string {
  const command = (name: string) => ['npm run network --', name, ...runtime.cliOptions].join(' ');
  return [
    '',
    `${runtime.name} runs in the background (pid ${pid}): this command has returned, the network keeps running.`,
    `  status: ${command('status')}`,
    `  logs:   ${runtime.logs}`,
    `  stop:   ${command('down')}    (stop and wipe its data: ${command('reset')})`,
  ].join('\n');
}

/** <org>/users/, where cryptogen's layout keeps every identity of an org: the admin's is <org>/users/Admin@<domain>/msp/signcerts/<cert>. */
function usersFolder(adminCertPath: string): string {
  return path.resolve(adminCertPath, '..', '..', '..', '..');
}

export interface Probe {
  readonly name: string;
  readonly endpoint: string;
  readonly ok: boolean;
}

/** Whether each endpoint accepts a TCP connection (cheap liveness, no credentials needed). */
export function probeEndpoints(info: ConnectionInfo): Promise<Probe[]> {
  const targets = [
    { name: 'orderer', endpoint: info.orderer.endpoint },
    ...info.orgs.map((org) => ({ name: `${org.name} peer`, endpoint: org.peer.endpoint })),
  ];
  return Promise.all(targets.map((t) => probe(t.endpoint).then((ok) => ({ ...t, ok }))));
}

function probe(endpoint: string): Promise<boolean> {
  const [host, port] = endpoint.split(':');
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port), timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
