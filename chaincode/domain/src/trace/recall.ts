import { z } from 'zod';
import { aiValueProblem } from '../gs1/application-identifiers';
import { CANONICAL_ROOT, digitalLinkOf } from '../gs1/digital-link';
import { isValidGtin, toGtin14 } from '../gs1/check-digit';
import type { AllianceCharter } from './charter';
import { brandOwnerOf } from './company-prefix';
import { TraceError } from './errors';
import type { EventSummary } from './event-summary';
import { parseJsonInput } from './json-input';
import type { Role } from './roles';
import { linksOf, type TraceLink } from './trace-graph';

/**
 * How serious a recall is: the three classes food and drug regulators use (FDA 21 CFR 7.3(m), and the same
 * scale in Codex CXG 89-2019 practice). Consumers and platforms act on the class.
 */
export const RECALL_SEVERITIES = {
  class_i: 'a reasonable probability that use of or exposure to the product will cause serious adverse health consequences or death',
  class_ii: 'use of or exposure to the product may cause temporary or medically reversible adverse health consequences, or serious ones are remote',
  class_iii: 'use of or exposure to the product is not likely to cause adverse health consequences (labelling, quality)',
} as const;

export type RecallSeverity = keyof typeof RECALL_SEVERITIES;

/** Bounds of one recall: its request, and the scope one transaction computes and writes on every endorsing peer. */
export const RECALL_LIMITS = {
  /** Serials named in one request. */
  maxSerials: 1_000,
  /** Items the scope holds (named, found under the GTIN or lot, and made from them), then it is cut (truncated). */
  maxItems: 1_000,
  /** Containers listed as having held recalled items. */
  maxCarriers: 1_000,
  /** Events read while following links forward. */
  maxEvents: 5_000,
  reasonLength: 1_000,
} as const;

/** A value of a GS1 AI, checked by the same rules identifiers are (character set 82, length). */
const aiValue = (ai: string, what: string) => z.string().refine((value) => aiValueProblem(ai, value) === undefined, `${what} (AI ${ai}): 1 to 20 characters of GS1 character set 82`);

/** Which items of a product: all of a GTIN, a GTIN and a lot, or a GTIN and serials. */
const selectorShape = {
  gtin: z.string().refine(isValidGtin, 'a GTIN-8, -12, -13 or -14 with a correct check digit'),
  lot: aiValue('10', 'a lot').optional(),
  serials: z.array(aiValue('21', 'a serial')).min(1).max(RECALL_LIMITS.maxSerials).optional(),
};
const lotOrSerials = (r: { lot?: string; serials?: string[] }) => r.lot === undefined || r.serials === undefined;
const LOT_OR_SERIALS = { message: 'a lot or serials, not both', path: ['serials'] };

export const itemSelectorSchema = z.object(selectorShape).strict().refine(lotOrSerials, LOT_OR_SERIALS);

/** What a recall names (a GTIN, a GTIN and a lot, or a GTIN and serials), why, and how serious it is. */
export const recallRequestSchema = z
  .object({
    ...selectorShape,
    reason: z.string().trim().min(1).max(RECALL_LIMITS.reasonLength),
    severity: z.enum(Object.keys(RECALL_SEVERITIES) as [RecallSeverity, ...RecallSeverity[]]),
  })
  .strict()
  .refine(lotOrSerials, LOT_OR_SERIALS);

export type ItemSelector = z.output<typeof itemSelectorSchema>;

/** A selector of items (for an export), validated as a recall's. @throws TraceError INVALID_QUERY */
export function parseItemSelector(json: string): ItemSelector {
  const selector = parseJsonInput(itemSelectorSchema, json, 'INVALID_QUERY', 'the items');
  return { ...selector, gtin: toGtin14(selector.gtin), ...(selector.serials && { serials: [...new Set(selector.serials)].sort() }) };
}

export type RecallRequest = z.output<typeof recallRequestSchema>;

/** The request, validated, its GTIN as GTIN-14 and its serials sorted. @throws TraceError INVALID_RECALL */
export function parseRecallRequest(json: string): RecallRequest {
  const request = parseJsonInput(recallRequestSchema, json, 'INVALID_RECALL', 'the recall');
  return { ...request, gtin: toGtin14(request.gtin), ...(request.serials && { serials: [...new Set(request.serials)].sort() }) };
}

/**
 * Where the items a recall names start, as canonical Digital Links (what every index holds): by GTIN, every
 * identifier under `…/01/<gtin>/` (serials with or without a lot or variant written in); by lot, every
 * identifier under `…/01/<gtin>/10/<lot>/` (an item belongs to a lot for a recall when its identifier carries the
 * lot, as 2D codes on packs do; a lot written only in a commissioning event's ILMD is private detail, which not
 * every endorsing peer holds); by serials, those items exactly.
 */
export function recallSelector(request: Pick<RecallRequest, 'gtin' | 'lot' | 'serials'>): { readonly prefixes: readonly string[]; readonly items: readonly string[] } {
  const gtin = { ai: '01', value: request.gtin };
  if (request.serials) return { prefixes: [], items: request.serials.map((serial) => digitalLinkOf([gtin, { ai: '21', value: serial }])) };
  if (request.lot !== undefined) return { prefixes: [`${digitalLinkOf([gtin, { ai: '10', value: request.lot }])}/`], items: [] };
  return { prefixes: [`${digitalLinkOf([gtin])}/`], items: [] };
}

/**
 * Who may recall a product: the charter's regulator acting as regulator, or the brand owner of the GTIN (the
 * holder of its company prefix) acting as manufacturer, with the regulator informed (the recall names it, and
 * the RecallIssued event reaches it). @throws TraceError RECALL_NOT_AUTHORISED
 */
export function assertMayRecall(charter: AllianceCharter, actor: { readonly mspId: string; readonly role: Role }, gtin14: string): 'regulator' | 'brandOwner' {
  if (actor.role === 'regulator' && actor.mspId === charter.regulator) return 'regulator';
  const owner = brandOwnerOf(charter, `${CANONICAL_ROOT}/01/${gtin14}`);
  if (actor.role === 'manufacturer' && owner === actor.mspId) return 'brandOwner';
  const whose = owner === undefined ? 'no member holds its company prefix' : `its brand owner is ${owner}`;
  throw new TraceError('RECALL_NOT_AUTHORISED', `only the regulator (${charter.regulator}) or the brand owner recalls GTIN ${gtin14} (${whose}); not ${actor.mspId} (${actor.role})`);
}

/**
 * What "forward" means for a recall, link by link (see linksOf): what was made from a recalled item is recalled
 * (an ingredient recalls the product), transitively; what a recalled item is or was packed in is a carrier: it
 * is listed so it can be found, but the rest of its contents is not recalled. What an item was made from, and
 * what a container holds, lie backward and are not followed.
 */
export const RECALL_FORWARD: Readonly<Record<TraceLink['relation'], 'recalls' | 'carries' | 'not_followed'>> = {
  made_into: 'recalls',
  packed_in: 'carries',
  made_from: 'not_followed',
  contains: 'not_followed',
};

/** The links forward from an item through one event, each with what it makes of the item it leads to. */
export function forwardLinks(epc: string, event: EventSummary): { readonly link: TraceLink; readonly effect: 'recalls' | 'carries' }[] {
  return linksOf(epc, event).flatMap((link) => {
    const effect = RECALL_FORWARD[link.relation];
    return effect === 'not_followed' ? [] : [{ link, effect }];
  });
}

/** One item the recall reaches, and how: named by the request, or made from a recalled item by an event. */
export interface RecalledItem {
  readonly epc: string;
  /** Absent for an item the request names (or found under its GTIN or lot). */
  readonly via?: { readonly from: string; readonly eventId: string; readonly relation: 'made_into' };
}

/** A container that held recalled items. */
export interface RecallCarrier {
  readonly epc: string;
  readonly held: readonly string[];
}

/** The recall as recorded on the ledger, under RECALL_KEYS.recall: clear for every member and for a read model. */
export interface RecallRecord {
  /** The transaction that issued it. */
  readonly id: string;
  readonly gtin: string;
  readonly lot?: string;
  readonly serials?: readonly string[];
  readonly reason: string;
  readonly severity: RecallSeverity;
  readonly issuedBy: string;
  readonly issuedAs: 'regulator' | 'brandOwner';
  /** The transaction's timestamp. */
  readonly issuedAt: string;
  /** The regulator: it issues the recall or is informed of it. */
  readonly regulator: string;
  readonly items: readonly RecalledItem[];
  readonly carriers: readonly RecallCarrier[];
  /** The scope was cut at RECALL_LIMITS. */
  readonly truncated: boolean;
}

/** A sale of a recalled item: the platform that sold it, and where and when. */
export interface RecalledSale {
  readonly epc: string;
  readonly eventId: string;
  readonly platform: string;
  readonly eventTime: string;
  readonly bizLocation?: string;
  /** Sold after the recall was issued. */
  readonly afterRecall: boolean;
}

/** The sales among an item's events: retail_selling, as summaries write the step. */
export function salesOf(epc: string, events: readonly EventSummary[], issuedAt: string): RecalledSale[] {
  return events
    .filter((event) => event.bizStep === 'retail_selling')
    .map((event) => ({ epc, eventId: event.id, platform: event.recordedBy, eventTime: event.eventTimeUtc, bizLocation: event.bizLocation, afterRecall: event.eventTimeUtc >= issuedAt }));
}

/**
 * The ledger keys of recalls, in clear on channel state, so that anything reading blocks (a gateway's read model,
 * the future public-channel screening) finds them without the chaincode: composite keys of these object types (compositeKeyParts in ledger-keys.ts decodes them).
 * `recall` [recall id]: the RecallRecord. `item-recall` [epc, recall id]: the item is recalled by it (the item's
 * state lists the recall ids too). The chaincode event RecallIssued carries the RecallRecord.
 */
export const RECALL_KEYS = { recall: 'recall', itemRecall: 'item-recall' } as const;
export const RECALL_ISSUED_EVENT = 'RecallIssued';


/**
 * What consumers are told of a recall: the public channel's record, which its screening (not built yet) publishes
 * when it sees RecallIssued. The product, lot or serials, the recalled items' identifiers (a consumer checks the
 * code on the pack), the class with its meaning, the reason, who issued it and when. Not the carriers, the sales
 * or the platforms: those are the alliance's business.
 */
export interface PublicRecallNotice {
  readonly recallId: string;
  readonly gtin: string;
  readonly lot?: string;
  readonly serials?: readonly string[];
  readonly items: readonly string[];
  readonly severity: RecallSeverity;
  readonly severityMeaning: string;
  readonly reason: string;
  readonly issuedBy: string;
  readonly issuedAt: string;
  readonly complete: boolean;
}

export function publicRecallNotice(recall: RecallRecord): PublicRecallNotice {
  return {
    recallId: recall.id,
    gtin: recall.gtin,
    lot: recall.lot,
    serials: recall.serials,
    items: recall.items.map((item) => item.epc),
    severity: recall.severity,
    severityMeaning: RECALL_SEVERITIES[recall.severity],
    reason: recall.reason,
    issuedBy: recall.issuedBy,
    issuedAt: recall.issuedAt,
    complete: !recall.truncated,
  };
}
