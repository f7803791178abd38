#!/usr/bin/env node
// `npm run bench`: throughput, latency and memory of the devnet, and of real Fabric in the same run when FABRIC_BIN
// names official binaries. Each network is started on its own from test/network/network.yaml (BatchTimeout 2 s,
// MaxMessageCount 10), measured under the same workload, and stopped before the next, so they never share the CPU.
// On each network, after the network's own phases, the Manufacturer's REST gateway is measured against raw
// fabric-gateway submits on the same network (gateway-phases.ts); then the Regulator's read model: alert latency
// from commit to its SSE stream, and its catch-up beside raw block delivery (read-model-phases.ts).
import { runGatewayPhases } from './gateway-phases';
import { gatewayReportLines, type GatewayMeasured } from './gateway-report';
import { startBenchNetwork, type NetworkKind } from './networks';
import { CLIENTS, runPhases } from './phases';
import { runReadModelPhases } from './read-model-phases';
import { readModelReportLines, type ReadModelMeasured } from './read-model-report';
import { reportLines, type Measured } from './report';

/** Ports of the benchmark's networks: away from the suites' and from `npm start`'s. */
const PORT_OFFSETS: Record<NetworkKind, number> = { devnet: 31_000, fabric: 31_500 };

async function measure(kind: NetworkKind, fabricBin: string | undefined): Promise<Measured & GatewayMeasured & ReadModelMeasured> {
  console.log(`starting ${kind === 'devnet' ? 'a devnet' : 'a real Fabric network'} for the benchmark…`);
  const network = await startBenchNetwork(kind, fabricBin, PORT_OFFSETS[kind]);
  try {
    const progress = (step: string) => console.log(`  ${network.label}: ${step}…`);
    const figures = await runPhases(network.info, () => network.rssMiB(), progress);
    const gateway = await runGatewayPhases(network.info, network.pid, progress);
    const readModel = await runReadModelPhases(network.info, progress);
    return { label: network.label, figures, gateway, readModel };
  } finally {
    await network.stop();
  }
}

async function main(): Promise<void> {
  const fabricBin = process.env.FABRIC_BIN || undefined;
  const measured = [await measure('devnet', undefined)];
  if (fabricBin) measured.push(await measure('fabric', fabricBin));
  console.log(`\nresults: ${CLIENTS} gateway clients over 5 peer orgs, one orderer, BatchTimeout 2 s / 10 messages`);
  for (const line of reportLines(measured)) console.log(line);
  for (const line of gatewayReportLines(measured)) console.log(line);
  for (const line of readModelReportLines(measured)) console.log(line);
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
