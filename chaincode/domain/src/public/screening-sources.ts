import { gtinOf } from '../gs1/identifiers';
import type { Enterprise } from '../trace/enterprise';
import type { Product } from '../trace/product';
import type { RecallRecord } from '../trace/recall';
import { journeySteps, type JourneyAnswer } from './journey';
import type { ScreeningSources } from './screened-record';

/**
 * A query of the alliance chaincode ("trace:journey", [epc]) answering its JSON, as the caller's identity sees
 * it: across channels inside the public chaincode, through the org's peer in the gateway. It rejects with the
 * chaincode's message (which starts with its code) when the query is refused.
 */
export type AllianceReader = (transaction: string, args: readonly string[]) => Promise<string>;

/** The alliance's data level whose detail feeds the cold-chain verdict: what the carriers report. */
const COLD_CHAIN_LEVEL = 'transport';

/**
 * Reads from the alliance everything a sold item's record is screened from. The public chaincode and the
 * screening module both call this, so they read the same facts in the same order.
 */
export async function gatherScreeningSources(epc: string, read: AllianceReader): Promise<ScreeningSources> {
  const journey = JSON.parse(await read('trace:journey', [epc])) as JourneyAnswer;
  const gtin = gtinOf(journey.epc);
  const product = gtin ? await readOptional<Product>(read, 'product:get', [gtin]) : null;
  const enterpriseIds = [...new Set([...journey.events.map((e) => e.recordedBy), ...(product ? [product.brandOwner] : [])])].sort();
  const enterprises: Record<string, Enterprise | null> = {};
  for (const mspId of enterpriseIds) enterprises[mspId] = await readOptional<Enterprise>(read, 'enterprise:get', [mspId]);
  const recalls: RecallRecord[] = [];
  for (const id of journey.state?.recalls ?? []) {
    const recall = await readOptional<RecallRecord>(read, 'recall:get', [id]);
    if (recall) recalls.push(recall);
  }
  const transportDetails: Record<string, unknown> = {};
  for (const { event } of journeySteps(journey)) {
    if (event.level !== COLD_CHAIN_LEVEL) continue;
    const detail = await readOptional<{ event: unknown }>(read, 'event:detail', [event.id]);
    if (detail) transportDetails[event.id] = detail.event;
  }
  return { journey, product, enterprises, recalls, transportDetails };
}

/** The answer, or null when the alliance has no such thing or the caller may not read it. */
async function readOptional<T>(read: AllianceReader, transaction: string, args: readonly string[]): Promise<T | null> {
  try {
    return JSON.parse(await read(transaction, args)) as T;
  } catch (err) {
    if (/\b(NOT_FOUND|DETAIL_DENIED)\b/.test((err as Error).message)) return null;
    throw err;
  }
}
