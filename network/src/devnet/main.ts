#!/usr/bin/env node
// The devnet process, in the foreground: `node network/dist/devnet/main.js up --data-dir DIR [--port-offset N]
// [--block-per-tx] [--description FILE]`. `npm start` runs it detached; tests run it directly. SIGTERM or
// SIGINT stop it gracefully; it writes <data-dir>/connection.json and logs "devnet ready" when it serves.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { initialiseChaincodes } from '../client/chaincode-init';
import { loadNetworkDescription } from '../description';
import { startOrgGateways, writeGatewaysReady, type OrgGateways } from '../gateways';
import { Devnet } from './devnet';
import { dataLayout } from './layout';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'port-offset': { type: 'string', default: '0' },
      'block-per-tx': { type: 'boolean', default: false },
      description: { type: 'string' },
      gateways: { type: 'boolean', default: false },
    },
  });
  if (positionals[0] !== 'up' || !values['data-dir']) {
    throw new Error('usage: main.js up --data-dir DIR [--port-offset N] [--block-per-tx] [--description FILE] [--gateways]');
  }
  const portOffset = Number(values['port-offset']);
  if (!Number.isInteger(portOffset) || portOffset < 0) throw new Error('--port-offset must be a non-negative integer');
  const dataDir = path.resolve(values['data-dir']);
  mkdirSync(dataDir, { recursive: true });
  const logger = pino({ base: { pid: process.pid }, level: process.env.DEVNET_LOG_LEVEL ?? 'info' });
  const description = loadNetworkDescription(values.description, { portOffset });

  // Started with an IPC channel (tests, the benchmark): a parent that goes away takes the network with it, even
  // while it starts (its chaincode servers end with it).
  const parentGoneWhileStarting = () => process.exit(1);
  if (process.send) process.once('disconnect', parentGoneWhileStarting);
  const devnet = await Devnet.start({ description, dataDir, cutPerTransaction: values['block-per-tx'], logger });
  await initialiseChaincodes(description, devnet.info, (line) => logger.info(line));
  const file = dataLayout.connectionInfo(dataDir);
  writeFileSync(`${file}.tmp`, JSON.stringify(devnet.info, null, 2));
  renameSync(`${file}.tmp`, file);
  logger.info('devnet ready');

  let gateways: OrgGateways | undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('%s: stopping', signal);
    Promise.resolve(gateways?.stop())
      .then(() => devnet.stop())
      .then(
        () => process.exit(0),
        (err: Error) => {
          logger.error(err, 'stop failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  if (process.send) {
    process.off('disconnect', parentGoneWhileStarting);
    process.on('disconnect', () => stop('parent gone'));
  }
  // Each org's REST gateway (npm start asks for them; test networks start their own), once the network serves:
  // supervised here, stopped before the network. A signal while they start stops whatever has started.
  if (values.gateways) {
    const started = await startOrgGateways(description, devnet.info, dataDir, dataLayout.logs(dataDir), (line) => logger.info(line));
    if (stopping) await started.stop();
    else gateways = started;
  }
  // The CLI waits for this file: written last, even when no gateway runs.
  writeGatewaysReady(dataDir, gateways);
}

main().catch((err: Error) => {
  console.error(`devnet failed to start: ${err.stack ?? err.message}`);
  process.exit(1);
});
