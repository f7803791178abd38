#!/usr/bin/env node
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { addUser } from '../crypto';
import { loadNetworkDescription } from '../description';
import { dataLayout } from '../devnet/layout';
import { defaultDataDir, logFile } from './paths';
import { readConnectionInfo, runningPid, startDetached, stopByPid } from './process-control';
import { describeNetwork, probeEndpoints } from './report';

const USAGE = `usage: npm run network -- <command> [options]
  up      start the devnet in the background (npm start does this)   [--block-per-tx]
  down    stop it (by its recorded pid)
  status  tell whether it runs and whether its endpoints answer
  reset   stop it and wipe its ledgers, crypto material and logs
  user add --org <Org> --name <User> [--attr role=customs ...]   issue a new user certificate
options: --data-dir <dir> (default .devnet)`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'block-per-tx': { type: 'boolean' },
      org: { type: 'string' },
      name: { type: 'string' },
      attr: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const [command, sub] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'up': {
      const pid = runningPid(dataDir);
      const existing = readConnectionInfo(dataDir);
      if (pid !== undefined && existing?.pid === pid) {
        console.log(`the devnet is already running (pid ${pid})`);
        console.log(describeNetwork(existing, dataDir));
        return 0;
      }
      console.log(`starting the devnet (data in ${dataDir}, log in ${logFile(dataDir)})`);
      const info = await startDetached(dataDir, values['block-per-tx'] ? ['--block-per-tx'] : []);
      console.log(describeNetwork(info, dataDir));
      return 0;
    }
    case 'down':
      console.log(`devnet: ${await stopByPid(dataDir)}`);
      return 0;
    case 'status': {
      const pid = runningPid(dataDir);
      const info = readConnectionInfo(dataDir);
      if (pid === undefined || !info || info.pid !== pid) {
        console.log('devnet: not running');
        return 3;
      }
      console.log(`devnet: running (pid ${pid})`);
      const probes = await probeEndpoints(info);
      for (const probe of probes) console.log(`  ${probe.ok ? 'up  ' : 'DOWN'} ${probe.name} ${probe.endpoint}`);
      return probes.every((p) => p.ok) ? 0 : 1;
    }
    case 'reset':
      console.log(`devnet: ${await stopByPid(dataDir)}; wiping ${dataDir}`);
      rmSync(dataDir, { recursive: true, force: true });
      return 0;
    case 'user': {
      if (sub !== 'add' || !values.org || !values.name) {
        console.error(USAGE);
        return 2;
      }
      const attrs = Object.fromEntries((values.attr ?? []).map((pair) => splitAttr(pair)));
      const files = await addUser(loadNetworkDescription(), dataLayout.crypto(dataDir), values.org, values.name, attrs);
      console.log(`issued ${values.name} of ${values.org}: certificate ${files.certPath}, key ${files.keyPath}`);
      return 0;
    }
    default:
      console.error(`unknown command ${command}\n${USAGE}`);
      return 2;
  }
}

function splitAttr(pair: string): [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0) throw new Error(`--attr wants name=value, got ${pair}`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`error: ${err.message}`);
    process.exit(1);
  },
);
