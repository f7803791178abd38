#!/usr/bin/env node
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadNetworkDescription } from '../description';
import { FabricNetworkError, locateFabricBinaries, peerStates, processStates } from '../fabric';
import { relistUsers } from './connection-users';
import { interruptOnSignals, signalExitCode } from './interrupt';
import { readConnectionInfo, readGatewaysReady, runningPid, StartInterrupted, startDetached, stopByPid } from './process-control';
import { backgroundNote, describeGateways, describeNetwork, probeEndpoints } from './report';
import { DEVNET_HINT, selectRuntime } from './runtime';
import { userAddCommand } from './user-command';

const USAGE = `usage: npm run network -- <command> [options]
  up      start the network in the background and return once it is ready (npm start does this)   [--block-per-tx]
          Ctrl-C while it starts stops the half-started network
  down    stop it (by its recorded pid)
  status  tell whether it runs, whether its endpoints answer (real Fabric: channels and chaincodes per peer)
  reset   stop it and wipe its ledgers, crypto material and logs
  user add --org <Org> --name <User> [--attr role=customs ...]   issue a new user certificate, listed in connection.json
The devnet by default; real Fabric when FABRIC_BIN names the bin/ folder of official Fabric 3.1 binaries.
options: --data-dir <dir> (default .devnet, or .fabric on real Fabric)
         --port-offset <n> (added to every port of network/network.yaml; default 0)`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'port-offset': { type: 'string', default: '0' },
      'block-per-tx': { type: 'boolean' },
      org: { type: 'string' },
      name: { type: 'string' },
      attr: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const portOffset = Number(values['port-offset']);
  if (!Number.isInteger(portOffset) || portOffset < 0) {
    console.error('--port-offset must be a non-negative integer');
    return 2;
  }
  let runtime;
  try {
    runtime = selectRuntime(process.env, values['data-dir'], portOffset);
  } catch (err) {
    if (!(err instanceof FabricNetworkError)) throw err;
    console.error(`network: real Fabric requested, but ${err.message}`);
    return 1;
  }
  const { dataDir } = runtime;
  console.log(runtime.banner);
  if (runtime.kind === 'devnet' && command === 'up') console.log(DEVNET_HINT);
  const label = runtime.kind === 'fabric' ? 'fabric' : 'devnet';
  switch (command) {
    case 'up': {
      const pid = runningPid(runtime);
      const existing = readConnectionInfo(dataDir);
      if (pid !== undefined && existing?.pid === pid) {
        console.log(`${runtime.name} is already running (pid ${pid})`);
        console.log(describeNetwork(existing, dataDir));
        console.log(describeGateways(readGatewaysReady(dataDir), runtime));
        console.log(backgroundNote(runtime, pid));
        return 0;
      }
      console.log(`starting ${runtime.name} (data in ${dataDir}, log in ${runtime.logFile}); Ctrl-C stops it`);
      const interrupt = interruptOnSignals((signal) =>
        console.log(`\n${signal}: start-up interrupted; stopping ${runtime.name} and every process it started ...`),
      );
      try {
        const started = await startDetached(runtime, values['block-per-tx'] ? ['--block-per-tx'] : [], { interrupt: interrupt.signal });
        const info = relistUsers(dataDir, loadNetworkDescription(), runtime.cryptoRoot) ?? started;
        console.log(describeNetwork(info, dataDir));
        console.log(describeGateways(readGatewaysReady(dataDir), runtime));
        console.log(backgroundNote(runtime, info.pid));
        return 0;
      } catch (err) {
        if (!(err instanceof StartInterrupted)) throw err;
        console.log(`${label}: stopped; nothing of it is left running (its data stays in ${dataDir})`);
        return signalExitCode(err.signal);
      } finally {
        interrupt.release();
      }
    }
    case 'down':
      console.log(`${label}: ${await stopByPid(runtime)}`);
      return 0;
    case 'status': {
      const pid = runningPid(runtime);
      const info = readConnectionInfo(dataDir);
      if (pid === undefined || !info || info.pid !== pid) {
        console.log(`${label}: not running`);
        return 3;
      }
      console.log(`${label}: running (pid ${pid})`);
      const probes = await probeEndpoints(info);
      for (const probe of probes) console.log(`  ${probe.ok ? 'up  ' : 'DOWN'} ${probe.name} ${probe.endpoint}`);
      let healthy = probes.every((p) => p.ok);
      if (runtime.kind === 'fabric' && runtime.fabricBin) {
        for (const proc of processStates(dataDir)) {
          console.log(`  ${proc.running ? 'runs' : 'GONE'} ${proc.name} (pid ${proc.pid})`);
          healthy &&= proc.running;
        }
        const description = loadNetworkDescription(undefined, { portOffset });
        for (const peer of await peerStates(description, locateFabricBinaries(runtime.fabricBin), dataDir)) {
          if (peer.error) {
            console.log(`  ${peer.peer}: cannot ask it (${peer.error})`);
            healthy = false;
            continue;
          }
          for (const channel of peer.channels) {
            const chaincodes = channel.chaincodes.map((cc) => `${cc.name} ${cc.committed ? 'committed' : 'MISSING'}`).join(', ');
            console.log(`  ${peer.peer} ${channel.channel}: ${channel.joined ? 'joined' : 'NOT JOINED'}${chaincodes ? `; ${chaincodes}` : ''}`);
            healthy &&= channel.joined && channel.chaincodes.every((cc) => cc.committed);
          }
        }
      }
      return healthy ? 0 : 1;
    }
    case 'reset':
      console.log(`${label}: ${await stopByPid(runtime)}; wiping ${dataDir}`);
      rmSync(dataDir, { recursive: true, force: true });
      return 0;
    case 'user':
      if (sub !== 'add' || !values.org || !values.name) {
        console.error(USAGE);
        return 2;
      }
      return userAddCommand(runtime, values.org, values.name, values.attr ?? []);
    default:
      console.error(`unknown command ${command}\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`error: ${err.message}`);
    process.exit(1);
  },
);
