// The benchmark's workload, the same on every network: 20 gateway clients spread over the orgs' peers, driving the
// conformance chaincode on `alliance`. Every phase is bounded in count and time.
import { connectGateway, type ConnectionInfo, type GatewayConnection } from '@crossborder-trace/network';
import { runConcurrent, type Sample } from './stats';

export const CLIENTS = 20;
const CHANNEL = 'alliance';
const CHAINCODE = 'conformance';

export interface Figures {
  readonly lone: Sample;
  readonly submit: Sample;
  readonly evaluate: Sample;
  readonly privateWrites: Sample;
  readonly rssIdleMiB: number;
  readonly rssLoadedMiB: number;
}

export async function runPhases(info: ConnectionInfo, rssMiB: () => number, progress: (step: string) => void): Promise<Figures> {
  const orgs = info.orgs.map((o) => o.name);
  const connections: GatewayConnection[] = Array.from({ length: CLIENTS }, (_, i) => connectGateway(info, orgs[i % orgs.length]));
  const contract = (client: number) => connections[client].gateway.getNetwork(CHANNEL).getContract(CHAINCODE);
  try {
    const rssIdleMiB = rssMiB();
    // Long enough for V8 to optimise the hot paths of the network, the chaincode and this client: the first few
    // hundred transactions run at about half the steady rate.
    progress('warming up');
    await runConcurrent(CLIENTS, 25, 30_000, (c, i) => contract(c).submitTransaction('put', `warm-${c}-${i}`, 'x').then(() => undefined));
    await runConcurrent(CLIENTS, 100, 10_000, (c) => contract(c).evaluateTransaction('get', `warm-${c}-0`).then(() => undefined));

    progress('lone transactions (each waits for the BatchTimeout)');
    const lone = await runConcurrent(1, 3, 20_000, (_, i) => contract(0).submitTransaction('put', `lone-${i}`, 'x').then(() => undefined));

    progress(`submit: ${CLIENTS} clients, trivial put, endorsed as the chaincode's policy asks`);
    const submit = await runConcurrent(CLIENTS, 100, 20_000, (c, i) => contract(c).submitTransaction('put', `k-${c}-${i}`, `v${i}`).then(() => undefined));

    progress(`evaluate: ${CLIENTS} clients`);
    const evaluate = await runConcurrent(CLIENTS, 1000, 10_000, (c, i) => contract(c).evaluateTransaction('get', `k-${c}-${i % 10}`).then(() => undefined));

    progress(`private data writes: ${CLIENTS} clients, collection sharedOpen, value in transient data`);
    const privateWrites = await runConcurrent(CLIENTS, 100, 20_000, (c, i) =>
      contract(c)
        .submit('putPrivate', { arguments: ['sharedOpen', `p-${c}-${i}`], transientData: { value: Buffer.from(`secret-${i}`) } })
        .then(() => undefined),
    );
    return { lone, submit, evaluate, privateWrites, rssIdleMiB, rssLoadedMiB: rssMiB() };
  } finally {
    for (const c of connections) c.close();
  }
}
