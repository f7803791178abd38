#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from 'node:util';
import { unwatchFile, watchFile } from 'node:fs';
import { GatewayConfigError, loadGatewayOptions } from '../config/options';
import { rebuildReadModel, startGateway } from '../gateway';
import { ApiKeyStore } from '../store/api-keys';
import { openDatabase } from '../store/database';

const USAGE = `usage: npm run gateway -- <command> [options]
  serve                                 run one org's gateway (npm start runs one per org)
  key add --org <Org> --user <User>     issue an API key for a user of the org; it is printed once
  key list --org <Org>                  list the org's keys (ids, users, dates; never the keys)
  key revoke --org <Org> --id <keyId>   revoke a key at once
  read-model rebuild --org <Org>        empty the org's read models (the alliance's with its alerts, and the public
                                        channel's records and complaints) and build them again from block 0
                                        (acknowledgements stay); serve --rebuild-read-model does it on start
options:
  --org <Org>        the org whose gateway: its configuration is <network data folder>/gateways/<Org>.json
                     (the network data folder is .devnet, or .fabric when FABRIC_BIN is set)
  --config <file>    a gateway configuration file instead (see the README: against another network)`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { org: { type: 'string' }, config: { type: 'string' }, user: { type: 'string' }, id: { type: 'string' }, help: { type: 'boolean' }, 'rebuild-read-model': { type: 'boolean' } },
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const configFile = configFileOf(values.config, values.org);
  const options = loadGatewayOptions(configFile);
  if (command === 'serve') {
    const gateway = await startGateway(options, { rebuildReadModel: values['rebuild-read-model'] });
    // A user added while the gateway runs is written into its configuration (network user add does): take it on.
    watchFile(configFile, { interval: 1_000 }, () => {
      try {
        gateway.useUsers(loadGatewayOptions(configFile).users);
      } catch (err) {
        console.error(`configuration ${configFile} not taken on: ${(err as Error).message}`);
      }
    });
    const stop = () => {
      unwatchFile(configFile);
      void gateway.close().then(() => process.exit(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return new Promise<number>(() => undefined);
  }
  if (command === 'read-model') {
    if (sub !== 'rebuild') return usage(`unknown read-model command ${sub ?? ''}`);
    const { blocks, alerts, publicBlocks } = await rebuildReadModel(options);
    console.log(`${options.org}'s read model rebuilt: ${blocks} blocks, ${alerts} alerts; public read model: ${publicBlocks} blocks`);
    return 0;
  }
  if (command !== 'key') {
    console.error(USAGE);
    return 2;
  }
  const db = openDatabase(options.dataDir);
  try {
    const keys = new ApiKeyStore(db);
    switch (sub) {
      case 'add': {
        const user = values.user;
        if (!user) return usage('key add needs --user');
        if (!options.users.some((u) => u.name === user)) {
          console.error(`${options.org}'s gateway holds no identity for ${user}; it has ${options.users.map((u) => u.name).join(', ')} (add one with: npm run network -- user add --org ${options.org} --name ${user} --attr role=<role>)`);
          return 1;
        }
        const { record, key } = keys.issue(user);
        console.log(`API key ${record.id} for ${user} of ${options.org} (shown once; keep it secret):\n${key}`);
        return 0;
      }
      case 'list':
        for (const k of keys.list()) console.log(`${k.id}  ${k.user}  issued ${k.createdAt}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''}`);
        return 0;
      case 'revoke':
        if (!values.id) return usage('key revoke needs --id');
        if (!keys.revoke(values.id)) {
          console.error(`no key ${values.id} to revoke (unknown, or revoked already)`);
          return 1;
        }
        console.log(`revoked ${values.id}`);
        return 0;
      default:
        return usage(`unknown key command ${sub ?? ''}`);
    }
  } finally {
    db.close();
  }
}

function usage(problem: string): number {
  console.error(`${problem}\n${USAGE}`);
  return 2;
}

function configFileOf(config: string | undefined, org: string | undefined): string {
  if (config) return config;
  if (!org) throw new GatewayConfigError('name the org (--org) or a configuration file (--config)');
  const networkDir = process.env.FABRIC_BIN ? '.fabric' : '.devnet';
  return path.resolve(networkDir, 'gateways', `${org}.json`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err instanceof GatewayConfigError ? err.message : `error: ${err.message}`);
    process.exit(1);
  },
);
