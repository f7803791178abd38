#!/usr/bin/env node
// `npm run bench`: the devnet's throughput, latency and memory, on a devnet of its own with the channel
// batch settings of network.yaml (2 s / 10, as Fabric's test network). Bounded in count and time.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectGateway, dataLayout, startDevnet, type ConnectionInfo, type GatewayConnection } from '@crossborder-trace/network';
import { runConcurrent, summarise, type Sample } from './stats';

const CLIENTS = 20;
const PORT_OFFSET = 31_000;
const CHANNEL = 'alliance';
const CHAINCODE = 'conformance';

/** Real Fabric 3.1.5 on this machine's kind (1 Raft orderer, 2 peers, ccaas, BatchTimeout 2 s, 20 clients). */
const FABRIC_REFERENCE = { submitPerSecond: 225, evaluatePerSecond: 950, privateWritesPerSecond: 260 };

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

function line(label: string, sample: Sample, reference?: number): string {
  const s = summarise(sample);
  const ratio = reference ? `  ${(s.rate / reference).toFixed(2)}x Fabric reference (${reference}/s)` : '';
  return `${label.padEnd(26)} ${s.rate.toFixed(1).padStart(8)}/s  p50 ${s.p50.toFixed(0)} ms  p95 ${s.p95.toFixed(0)} ms  p99 ${s.p99.toFixed(0)} ms  (${sample.count} ok, ${sample.failures} failed)${ratio}`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'devnet-bench-'));
  const connections: GatewayConnection[] = [];
  console.log('starting a devnet for the benchmark…');
  const devnet = await startDevnet({ dataDir, portOffset: PORT_OFFSET });
  try {
    const info = JSON.parse(readFileSync(dataLayout.connectionInfo(dataDir), 'utf8')) as ConnectionInfo;
    const orgs = info.orgs.map((o) => o.name);
    for (let i = 0; i < CLIENTS; i++) connections.push(connectGateway(info, orgs[i % orgs.length]));
    const contract = (i: number) => connections[i].gateway.getNetwork(CHANNEL).getContract(CHAINCODE);
    const rssIdle = rssMiB(devnet.pid!);

    // Long enough for V8 to optimise the hot paths of the devnet, the chaincode and this client: the first few
    // hundred transactions run at about half the steady rate.
    console.log('warming up…');
    await runConcurrent(CLIENTS, 25, 30_000, (c, i) => contract(c).submitTransaction('put', `warm-${c}-${i}`, 'x').then(() => undefined));
    await runConcurrent(CLIENTS, 100, 10_000, (c) => contract(c).evaluateTransaction('get', `warm-${c}-0`).then(() => undefined));

    console.log('lone transactions (each waits for the BatchTimeout, as on Fabric)…');
    const lone = await runConcurrent(1, 3, 20_000, (_, i) => contract(0).submitTransaction('put', `lone-${i}`, 'x').then(() => undefined));

    console.log(`submit: ${CLIENTS} clients, trivial put, two orgs endorsing…`);
    const submit = await runConcurrent(CLIENTS, 100, 20_000, (c, i) =>
      contract(c).submitTransaction('put', `k-${c}-${i}`, `v${i}`).then(() => undefined),
    );

    console.log(`evaluate: ${CLIENTS} clients…`);
    const evaluate = await runConcurrent(CLIENTS, 1000, 10_000, (c, i) =>
      contract(c).evaluateTransaction('get', `k-${c}-${i % 10}`).then(() => undefined),
    );

    console.log(`private data writes: ${CLIENTS} clients, collection sharedOpen, value in transient data…`);
    const privateWrites = await runConcurrent(CLIENTS, 100, 20_000, (c, i) =>
      contract(c)
        .submit('putPrivate', { arguments: ['sharedOpen', `p-${c}-${i}`], transientData: { value: Buffer.from(`secret-${i}`) } })
        .then(() => undefined),
    );
    const rssLoaded = rssMiB(devnet.pid!);

    console.log('\nresults (devnet, one process, 5 peer orgs + orderer)');
    console.log(line('lone transaction', lone));
    console.log(line('submit + commit', submit, FABRIC_REFERENCE.submitPerSecond));
    console.log(line('evaluate', evaluate, FABRIC_REFERENCE.evaluatePerSecond));
    console.log(line('private data write', privateWrites, FABRIC_REFERENCE.privateWritesPerSecond));
    console.log(`RSS of the devnet           idle ${rssIdle.toFixed(0)} MiB, after load ${rssLoaded.toFixed(0)} MiB`);
    console.log('Rates are over the steady window (every client running); latencies cover all calls.');
    console.log('The Fabric reference figures were measured on this machine kind with real Fabric 3.1.5; they are not re-measured in this run.');
  } finally {
    for (const c of connections) c.close();
    await devnet.signal('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
