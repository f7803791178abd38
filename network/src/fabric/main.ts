#!/usr/bin/env node
// The real-Fabric network in the foreground: `node network/dist/fabric/main.js up --fabric-bin DIR --data-dir DIR
// [--port-offset N] [--block-per-tx] [--description FILE]`. It starts the orderer, the peers and the chaincode
// servers as its children, sets up channels and chaincodes, writes <data-dir>/connection.json and pids.json, and
// prints "fabric network ready". SIGTERM or SIGINT stop every process it started, then it exits.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadNetworkDescription } from '../description';
import { startOrgGateways, writeGatewaysReady, type OrgGateways } from '../gateways';
import { locateFabricBinaries } from './binaries';
import { fabricLayout } from './layout';
import { FabricNetwork } from './network';

export const READY_LINE = 'fabric network ready';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'fabric-bin': { type: 'string' },
      'data-dir': { type: 'string' },
      'port-offset': { type: 'string', default: '0' },
      'block-per-tx': { type: 'boolean', default: false },
      description: { type: 'string' },
      gateways: { type: 'boolean', default: false },
    },
  });
  const fabricBin = values['fabric-bin'] ?? process.env.FABRIC_BIN;
  if (positionals[0] !== 'up' || !values['data-dir'] || !fabricBin) {
    throw new Error('usage: main.js up --fabric-bin DIR --data-dir DIR [--port-offset N] [--block-per-tx] [--description FILE]');
  }
  const portOffset = Number(values['port-offset']);
  if (!Number.isInteger(portOffset) || portOffset < 0) throw new Error('--port-offset must be a non-negative integer');
  const dataDir = path.resolve(values['data-dir']);
  mkdirSync(fabricLayout.logs(dataDir), { recursive: true });
  const networkLog = fabricLayout.log(dataDir, 'network');
  const log = (message: string) => {
    const line = `${new Date().toISOString()} ${message}`;
    console.log(line);
    appendFileSync(networkLog, `${line}\n`);
  };
  const binaries = locateFabricBinaries(fabricBin);
  log(`real Fabric from ${binaries.binDir}; data in ${dataDir}`);
  const description = loadNetworkDescription(values.description, { portOffset });
  const network = await FabricNetwork.start({ description, binaries, dataDir, blockPerTx: values['block-per-tx'], log });
  log(READY_LINE);
  // Chaincode servers restarted by their supervision get new pids: keep pids.json current.
  setInterval(() => network.writePids(), 5_000).unref();

  let gateways: OrgGateways | undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    Promise.resolve(gateways?.stop())
      .then(() => network.stop())
      .then(
        () => process.exit(0),
        (err: Error) => {
          log(`stop failed: ${err.message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Started with an IPC channel (tests): a parent that goes away takes the network with it.
  if (process.send) process.on('disconnect', () => stop('parent gone'));
  // Each org's REST gateway (npm start asks for them; test networks start their own), once the network serves:
  // supervised here, stopped before the network. A signal while they start stops whatever has started.
  if (values.gateways) {
    const started = await startOrgGateways(description, network.info, dataDir, fabricLayout.logs(dataDir), log);
    if (stopping) await started.stop();
    else gateways = started;
  }
  // The CLI waits for this file: written last, even when no gateway runs.
  writeGatewaysReady(dataDir, gateways);
}

main().catch((err: Error) => {
  console.error(`fabric network failed to start: ${err.stack ?? err.message}`);
  process.exit(1);
});
