#!/usr/bin/env node
// `npm run bench`: throughput, latency and memory of the devnet, and of real Fabric in the same run when FABRIC_BIN
// names official binaries. Each network is started on its own from test/network/network.yaml (BatchTimeout 2 s,
// MaxMessageCount 10), measured under the same workload, and stopped before the next, so they never share the CPU.
// On each network, after the network's own phases, the Manufacturer's REST gateway is measured against raw
// fabric-gateway submits on the same network (gateway-phases.ts); then the Regulator's read model: alert latency
// from commit to its SSE stream, and its catch-up beside raw block delivery (read-model-phases.ts); then consumers'
// trace lookups on a gateway's public read model beside the same lookup by chaincode evaluate (consumer-phases.ts).
import { consumerReportLines, runConsumerPhases, type ConsumerFigures } from './consumer-phases';
import { removeOnSignals } from './ending';
import { runGatewayPhases } from './gateway-phases';
import { gatewayReportLines, type GatewayMeasured } from './gateway-report';
import { startBenchNetwork, type NetworkKind } from './networks';
import { CLIENTS, runPhases } from './phases';
import { runReadModelPhases } from './read-model-phases';
import { readModelReportLines, type ReadModelMeasured } from './read-model-report';
import { reportLines, type Measured } from './report';

/**
 * Ports of the benchmark's networks: away from the suites' (offsets 3000 to 24000) and from `npm start`'s (0), and,
 * like theirs, below the range Linux takes local ports of outgoing connections from (32768 up).
 */
const PORT_OFFSETS: Record<NetworkKind, number> = { devnet: 2_000, fabric: 1_000 };

/** The groups of phases, in the order they run; `--phases network,gateway` runs only those named. */
const PHASE_GROUPS = ['network', 'gateway', 'read-model', 'consumer'] as const;
type PhaseGroup = (typeof PHASE_GROUPS)[number];

/** The groups `--phases a,b` (or `--phases=a,b`) names; every group without it. */
export function selectedPhases(args: readonly string[]): ReadonlySet<PhaseGroup> {
  const at = args.findIndex((a) => a === '--phases' || a.startsWith('--phases='));
  if (at < 0) return new Set(PHASE_GROUPS);
  const value = args[at].startsWith('--phases=') ? args[at].slice('--phases='.length) : (args[at + 1] ?? '');
  const names = value.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(PHASE_GROUPS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) throw new Error(`--phases takes a comma-separated list of ${PHASE_GROUPS.join(', ')}`);
  return new Set(names as PhaseGroup[]);
}

interface Run {
  readonly label: string;
  readonly figures?: Measured['figures'];
  readonly gateway?: GatewayMeasured['gateway'];
  readonly readModel?: ReadModelMeasured['readModel'];
  readonly consumer?: ConsumerFigures;
}

async function measure(kind: NetworkKind, fabricBin: string | undefined, phases: ReadonlySet<PhaseGroup>): Promise<Run> {
  console.log(`starting ${kind === 'devnet' ? 'a devnet' : 'a real Fabric network'} for the benchmark…`);
  const network = await startBenchNetwork(kind, fabricBin, PORT_OFFSETS[kind]);
  try {
    const progress = (step: string) => console.log(`  ${network.label}: ${step}…`);
    const figures = phases.has('network') ? await runPhases(network.info, () => network.rssMiB(), progress) : undefined;
    const gateway = phases.has('gateway') ? await runGatewayPhases(network.info, network.pid, progress) : undefined;
    const readModel = phases.has('read-model') ? await runReadModelPhases(network.info, progress) : undefined;
    const consumer = phases.has('consumer') ? await runConsumerPhases(network.info, progress) : undefined;
    return { label: network.label, figures, gateway, readModel, consumer };
  } finally {
    await network.stop();
  }
}

/** The runs that measured a group, when every run did (each network runs the same groups). */
function every<K extends keyof Run>(runs: readonly Run[], key: K): (Run & Required<Pick<Run, K>>)[] {
  return runs.every((r) => r[key] !== undefined) ? (runs as (Run & Required<Pick<Run, K>>)[]) : [];
}

async function main(): Promise<void> {
  const phases = selectedPhases(process.argv.slice(2));
  removeOnSignals();
  const fabricBin = process.env.FABRIC_BIN || undefined;
  const measured = [await measure('devnet', undefined, phases)];
  if (fabricBin) measured.push(await measure('fabric', fabricBin, phases));
  console.log(`\nresults: ${CLIENTS} gateway clients over 5 peer orgs, one orderer, BatchTimeout 2 s / 10 messages`);
  const network = every(measured, 'figures');
  if (network.length > 0) for (const line of reportLines(network)) console.log(line);
  for (const line of gatewayReportLines(every(measured, 'gateway'))) console.log(line);
  for (const line of readModelReportLines(every(measured, 'readModel'))) console.log(line);
  for (const line of consumerReportLines(every(measured, 'consumer'))) console.log(line);
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
