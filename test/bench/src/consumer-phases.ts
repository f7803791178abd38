// The consumer's trace lookup, on the network the other phases ran on: sold items of one GTIN get public records
// (events captured on the alliance through the chaincode, then record:derive and record:publish as the seller, as
// the platform's screening does), a gateway of its own process follows the public channel, and anonymous clients
// ask it GET /public/items/{id} (answered from its public read model) beside the same lookup by chaincode evaluate
// (record:get through fabric-gateway to the org's peer, the baseline). Both take turns, bounded in count and time.
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connectGateway, type ConnectionInfo, type GatewayConnection } from '@crossborder-trace/network';
import { registerEnterprises } from './enterprises';
import { startBenchGateway } from './gateway-process';
import { runConcurrent, summarise, type Sample } from './stats';

export const CONSUMER_CLIENTS = 20;
export const CONSUMER_ORG = 'Customs';
/** A GTIN of the Manufacturer's company prefix that no other phase uses. */
const GTIN = '09506000134376';
const ITEMS = 20;
const ROUNDS = 3;
const PLATFORM_PARTY = 'https://id.gs1.org/417/6901234000016';

export interface ConsumerFigures {
  readonly items: number;
  readonly rest: Sample;
  readonly evaluate: Sample;
}

export async function runConsumerPhases(info: ConnectionInfo, progress: (step: string) => void): Promise<ConsumerFigures> {
  progress(`publishing the records of ${ITEMS} sold items on the public channel`);
  const items = await publishRecords(info);
  progress(`starting ${CONSUMER_ORG}'s gateway (its own process) and waiting for its public read model`);
  const gateway = await startBenchGateway(info, CONSUMER_ORG, 'User1');
  // Keep-alive connections, one a client, as a phone's browser keeps one to the gateway.
  const agent = new Agent({ keepAlive: true, maxSockets: CONSUMER_CLIENTS });
  const connections: GatewayConnection[] = Array.from({ length: CONSUMER_CLIENTS }, () => connectGateway(info, CONSUMER_ORG, 'User1'));
  try {
    const routes = items.map((epc) => `${gateway.url}/public/items/${encodeURIComponent(epc)}`);
    await waitForRecords(routes, agent);
    const lookup = (i: number) => get(routes[i % routes.length], agent);
    const evaluate = (c: number, i: number) =>
      connections[c].gateway.getNetwork('public').getContract('public', 'record').evaluateTransaction('get', items[i % items.length]).then(() => undefined);
    progress('warming up');
    await runConcurrent(CONSUMER_CLIENTS, 200, 10_000, (c, i) => lookup(c + i));
    await runConcurrent(CONSUMER_CLIENTS, 20, 10_000, (c, i) => evaluate(c, c + i));
    const rest: Sample[] = [];
    const baseline: Sample[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      progress(`round ${round} of ${ROUNDS}: GET /public/items/{id}, ${CONSUMER_CLIENTS} HTTP clients`);
      rest.push(await runConcurrent(CONSUMER_CLIENTS, 2_000, 5_000, (c, i) => lookup(c * 7 + i)));
      progress(`round ${round} of ${ROUNDS}: record:get by chaincode evaluate (baseline), ${CONSUMER_CLIENTS} fabric-gateway clients`);
      baseline.push(await runConcurrent(CONSUMER_CLIENTS, 500, 5_000, (c, i) => evaluate(c, c * 7 + i)));
    }
    return { items: items.length, rest: merged(rest), evaluate: merged(baseline) };
  } finally {
    agent.destroy();
    for (const c of connections) c.close();
    await gateway.stop();
  }
}

export function consumerReportLines(measured: readonly { label: string; consumer: ConsumerFigures }[]): string[] {
  const lines: string[] = [];
  for (const { label, consumer } of measured) {
    const line = (name: string, sample: Sample, comparison: string) => {
      const s = summarise(sample);
      return `  ${name.padEnd(44)}${`${s.rate.toFixed(0)} req/s, p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms`.padEnd(48)}${`(${sample.count} calls${sample.failures ? `, ${sample.failures} failed` : ''})`.padEnd(24)}${comparison}`;
    };
    const ratio = summarise(consumer.rest).rate / summarise(consumer.evaluate).rate;
    lines.push(
      '',
      `Consumer trace lookups on the ${label}: ${CONSUMER_ORG}'s gateway, ${consumer.items} published items, ${CONSUMER_CLIENTS} concurrent clients`,
      line('record:get by chaincode evaluate', consumer.evaluate, 'baseline'),
      line('GET /public/items/{id} (public read model)', consumer.rest, `${ratio.toFixed(1)}x the baseline's rate`),
    );
  }
  return lines;
}

/** One GET, its body read to the end; anything but 200 is a failure. */
function get(url: string, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`GET ${url}: ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitForRecords(routes: readonly string[], agent: Agent): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (const route of routes) {
    for (;;) {
      try {
        await get(route, agent);
        break;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }
}

/** The items' journeys (made, shipped to the platform, received, sold), then each record derived and published. */
async function publishRecords(info: ConnectionInfo): Promise<string[]> {
  await registerEnterprises(info);
  const run = Date.now().toString(36);
  const items = Array.from({ length: ITEMS }, (_, i) => `https://id.gs1.org/01/${GTIN}/21/C${run}-${i}`);
  const manufacturer = connectGateway(info, 'Manufacturer', 'User1');
  const platform = connectGateway(info, 'Platform', 'User1');
  try {
    const trace = (c: GatewayConnection, name: string) => c.gateway.getNetwork('alliance').getContract('trace', name);
    const product = { gtin: GTIN, name: 'Oolong tea 100 g', category: 'food', origin: 'CN', standards: ['GB 2763-2021'] };
    await trace(manufacturer, 'product').submitTransaction('register', JSON.stringify(product)).catch(() => undefined);
    const time = Date.now() - 60_000;
    const event = (minute: number, fields: Record<string, unknown>) => ({ type: 'ObjectEvent', eventTime: new Date(time + minute * 1_000).toISOString(), eventTimeZoneOffset: '+00:00', epcList: items, ...fields });
    const capture = (c: GatewayConnection, e: Record<string, unknown>) => {
      const epcis = Buffer.from(JSON.stringify({ '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: new Date().toISOString(), epcisBody: { eventList: [e] } }));
      return trace(c, 'event').submit('capture', { transientData: { epcis, salt: randomBytes(16) } });
    };
    await capture(manufacturer, event(1, { action: 'ADD', bizStep: 'commissioning', disposition: 'active' }));
    await capture(manufacturer, event(2, { action: 'OBSERVE', bizStep: 'shipping', destinationList: [{ type: 'possessing_party', destination: PLATFORM_PARTY }] }));
    await capture(platform, event(3, { action: 'OBSERVE', bizStep: 'receiving' }));
    await capture(platform, event(4, { action: 'OBSERVE', bizStep: 'retail_selling', disposition: 'retail_sold' }));
    const record = platform.gateway.getNetwork('public').getContract('public', 'record');
    await Promise.all(
      items.map(async (epc) => {
        const derived = Buffer.from(await record.evaluateTransaction('derive', epc)).toString('utf8');
        await record.submitTransaction('publish', epc, derived);
      }),
    );
    return items;
  } finally {
    manufacturer.close();
    platform.close();
  }
}


function merged(samples: readonly Sample[]): Sample {
  return {
    count: samples.reduce((n, s) => n + s.count, 0),
    steadyCount: samples.reduce((n, s) => n + s.steadyCount, 0),
    steadySeconds: samples.reduce((n, s) => n + s.steadySeconds, 0),
    latenciesMs: samples.flatMap((s) => s.latenciesMs),
    failures: samples.reduce((n, s) => n + s.failures, 0),
  };
}
