import { canonicalJson } from '../trace/canonical-json';
import { readingsOutsideLimits, temperatureReadings } from '../trace/cold-chain';
import type { Enterprise } from '../trace/enterprise';
import type { Product } from '../trace/product';
import { RECALL_SEVERITIES, type RecallRecord, type RecallSeverity } from '../trace/recall';
import { journeySteps, type JourneyAnswer, type JourneyRelation } from './journey';
import { inclusionProof, merkleRoot, toHex, type InclusionProof } from './merkle';
import { screeningOf } from './screening-table';

/** An enterprise as a consumer sees it: who was responsible, and where it is. */
export interface ResponsibleEnterprise {
  readonly mspId: string;
  readonly name: string;
  readonly country: string;
}

/** One step of the item's journey, screened: a leaf of the record's Merkle tree. */
export interface ScreenedStep {
  /** The alliance event id (salted: it confirms no guess about the event's private detail). */
  readonly eventId: string;
  /** The CBV business step, as a bare word. */
  readonly step: string;
  /** Event time in UTC. */
  readonly time: string;
  /** The identifier the event was about: the item, a container it travelled in, or what it was made from. */
  readonly object: string;
  readonly relation: JourneyRelation;
  readonly enterprise: ResponsibleEnterprise;
  readonly where: { readonly country: string; readonly site?: string };
  /** The inspection's or sampling's outcome (CBV disposition), where the screening table shows one. */
  readonly verdict?: string;
}

export type ColdChainVerdict = 'within_limits' | 'outside_limits' | 'no_limits_registered' | 'not_monitored';

export interface PublicRecall {
  readonly recallId: string;
  readonly severity: RecallSeverity;
  readonly severityMeaning: string;
  readonly reason: string;
  readonly issuedBy: string;
  readonly issuedAt: string;
}

/** What a consumer's check of the serial finds wrong; an empty list is a clean bill. */
export type RecordFlag = 'never_commissioned' | 'sold_more_than_once' | 'recalled' | 'cold_chain_breach' | 'failed_inspection';

/**
 * The public channel's record of one sold item: everything on it is derived, by the screening table, from what
 * the alliance ledger holds, so that any endorsing peer can derive it again and refuse a record that differs.
 */
export interface ScreenedRecord {
  readonly epc: string;
  readonly product: {
    readonly gtin: string;
    readonly name: string;
    readonly category: string;
    readonly origin: string;
    readonly standards: readonly string[];
    readonly brandOwner: ResponsibleEnterprise;
  } | null;
  readonly steps: readonly ScreenedStep[];
  readonly sale: { readonly eventId: string; readonly time: string; readonly seller: string } | null;
  readonly coldChain: { readonly verdict: ColdChainVerdict; readonly readings: number; readonly outside: number };
  readonly recalls: readonly PublicRecall[];
  readonly flags: readonly RecordFlag[];
  /** RFC 9162 Merkle tree hash over the steps' leaves (lowercase hex). */
  readonly merkleRoot: string;
  /** The alliance's journey was cut at its bounds: the record shows what fitted. */
  readonly truncated: boolean;
}

/** Everything a record is derived from, as read from the alliance chaincode by the caller's identity. */
export interface ScreeningSources {
  readonly journey: JourneyAnswer;
  readonly product: Product | null;
  /** By MSP id; null for an enterprise that never registered. */
  readonly enterprises: Readonly<Record<string, Enterprise | null>>;
  readonly recalls: readonly RecallRecord[];
  /** The private detail (the EPCIS event) of the transport events the caller may read, by alliance event id. */
  readonly transportDetails: Readonly<Record<string, unknown>>;
}

/** The record the sources make: the same bytes on every peer and in every gateway. */
export function screenRecord(sources: ScreeningSources): ScreenedRecord {
  const { journey, product, enterprises } = sources;
  const responsible = (mspId: string): ResponsibleEnterprise => {
    const enterprise = enterprises[mspId];
    return { mspId, name: enterprise?.name ?? mspId, country: enterprise?.country ?? 'unknown' };
  };
  const journeyOfItem = journeySteps(journey);
  const steps: ScreenedStep[] = [];
  for (const { event, object, relation } of journeyOfItem) {
    const screening = screeningOf(event.bizStep);
    if (!screening) continue;
    const enterprise = responsible(event.recordedBy);
    steps.push({
      eventId: event.id,
      step: event.bizStep as string,
      time: event.eventTimeUtc,
      object,
      relation,
      enterprise,
      where: { country: enterprise.country, ...(screening.where === 'site' && event.bizLocation && { site: event.bizLocation }) },
      ...(screening.verdict && event.verdict && { verdict: event.verdict }),
    });
  }
  const own = journeyOfItem.filter((s) => s.relation === 'item').map((s) => s.event);
  const sales = own.filter((e) => e.bizStep === 'retail_selling');
  const coldChain = coldChainOf(sources);
  const recalls = sources.recalls.map(publicRecall);
  const flags: RecordFlag[] = [];
  if (!journeyOfItem.some((s) => s.event.bizStep === 'commissioning' && s.relation === 'item') && !journey.links.some((l) => l.from === journey.epc && l.relation === 'made_from')) flags.push('never_commissioned');
  if (sales.length > 1) flags.push('sold_more_than_once');
  if (recalls.length > 0) flags.push('recalled');
  if (coldChain.verdict === 'outside_limits') flags.push('cold_chain_breach');
  if (steps.some((s) => s.verdict === 'non_conformant')) flags.push('failed_inspection');
  return {
    epc: journey.epc,
    product: product && {
      gtin: product.gtin,
      name: product.name,
      category: product.category,
      origin: product.origin,
      standards: product.standards,
      brandOwner: responsible(product.brandOwner),
    },
    steps,
    sale: sales.length > 0 ? { eventId: sales[0].id, time: sales[0].eventTimeUtc, seller: sales[0].recordedBy } : null,
    coldChain,
    recalls,
    flags,
    merkleRoot: toHex(merkleRoot(stepLeaves(steps))),
    truncated: journey.truncated,
  };
}

/** A step's leaf: the UTF-8 bytes of its canonical JSON (what the consumer's browser hashes again). */
export function stepLeaf(step: ScreenedStep): Uint8Array {
  return new TextEncoder().encode(canonicalJson(step));
}

function stepLeaves(steps: readonly ScreenedStep[]): Uint8Array[] {
  return steps.map(stepLeaf);
}

/** The inclusion proof of one step of a record (RFC 9162 2.1.3.1). @throws RangeError for a step it lacks */
export function stepProof(record: ScreenedRecord, stepIndex: number): InclusionProof {
  return inclusionProof(stepLeaves(record.steps), stepIndex);
}

function coldChainOf(sources: ScreeningSources): ScreenedRecord['coldChain'] {
  const readings = Object.keys(sources.transportDetails)
    .sort()
    .flatMap((id) => temperatureReadings(sources.transportDetails[id] as { sensorElementList?: unknown }));
  if (readings.length === 0) return { verdict: 'not_monitored', readings: 0, outside: 0 };
  const limits = sources.product?.limits;
  if (!limits?.storageTemperature) return { verdict: 'no_limits_registered', readings: readings.length, outside: 0 };
  const outside = readingsOutsideLimits(readings, limits).length;
  return { verdict: outside > 0 ? 'outside_limits' : 'within_limits', readings: readings.length, outside };
}

function publicRecall(recall: RecallRecord): PublicRecall {
  return {
    recallId: recall.id,
    severity: recall.severity,
    severityMeaning: RECALL_SEVERITIES[recall.severity],
    reason: recall.reason,
    issuedBy: recall.issuedBy,
    issuedAt: recall.issuedAt,
  };
}
