import { cbvStepWord } from './authority';
import type { AllianceCharter } from './charter';
import { brandOwnerOf } from './company-prefix';
import { TraceError } from './errors';
import { objectsOf, type EventSummary } from './event-summary';
import type { Role } from './roles';

/**
 * Who holds an item now. A packed item is held by whoever holds what it is packed in, so custodian and
 * inTransitTo are read through its containers (see MAX_NESTING).
 */
export interface Custody {
  /** The MSP id of the enterprise that holds the item. */
  readonly custodian: string;
  /** The MSP id of the enterprise a shipping event named as the item's destination, until it takes the item. */
  readonly inTransitTo?: string;
  /** The EPC of what the item itself is packed in. */
  readonly containedIn?: string;
}

/** How a recorder stands to an item the ledger already knows; each relation allows what CUSTODY_RULES says. */
export type CustodyRelation = 'custodian' | 'receiver' | 'border' | 'brandOwner';

interface CustodyRule {
  /** Who stands in this relation to the item. */
  readonly who: string;
  /** The CBV steps the relation allows (each also needs the step authority of the recorder's role); 'any': all. */
  readonly steps: readonly string[] | 'any';
  /** Only events that set one of these dispositions; absent: any. */
  readonly dispositions?: readonly string[];
  readonly roles?: readonly Role[];
  /** What recording such an event does to custody. */
  readonly effect: string;
}

/** Steps by which the destination of a shipment takes it. */
const RECEIVING_STEPS = ['receiving', 'arriving', 'accepting'];

/**
 * The custody table: an item's story is written by those who hold it. An event about items the ledger knows is
 * recorded only when the recorder stands, to every one of them, in a relation that allows the event (tried in
 * this order). Anyone else is refused with NOT_CUSTODIAN. Items new to the ledger: see NEW_ITEMS.
 */
export const CUSTODY_RULES: Readonly<Record<CustodyRelation, CustodyRule>> = {
  custodian: {
    who: 'the enterprise that holds the item, or the container it is packed in',
    steps: 'any',
    effect: 'shipping names the next holder (inTransitTo, from its destinationList); void_shipping or receiving withdraws that',
  },
  receiver: {
    who: 'the enterprise a shipping event named as the destination (possessing party, owning party or location, by the holder of its GS1 company prefix)',
    steps: RECEIVING_STEPS,
    effect: 'takes custody: the recorder holds the item from now on',
  },
  border: {
    who: "customs of the country the charter places the item's holder or its destination in (its territory's import flow)",
    steps: ['holding', 'sampling', 'inspecting', 'accepting'],
    roles: ['customs'],
    effect: 'none: customs checks the goods, the holder keeps them',
  },
  brandOwner: {
    who: "the holder of the company prefix of the item's GS1 key",
    steps: 'any',
    dispositions: ['recalled'],
    effect: 'none: a recall marks the items wherever they are',
  },
};

/**
 * Items new to the ledger, and events that give an item its identity (commissioning, creating a class instance,
 * encoding, an ObjectEvent ADD, anything with ILMD): only the brand owner of a GS1 key under a member's company
 * prefix records them, and the recorder of a new item holds it. A key under no member's prefix (a brand outside
 * the alliance), or an identifier that is no GS1 key, enters the ledger with whoever records it first.
 */
export const NEW_ITEMS = 'brand owner only, when a member holds the prefix; the recorder takes custody';

const IDENTITY_STEPS = new Set(['commissioning', 'creating_class_instance', 'encoding']);

/** How deep containers are followed to find who holds a packed item (pallet in container in trailer...). */
export const MAX_NESTING = 8;

export interface CustodyCheck {
  /** The event's summary (identifiers canonical, CBV step as its bare word). */
  readonly event: EventSummary;
  /** Whether the event carries ILMD (instance or lot master data: the brand owner's word). */
  readonly carriesIlmd: boolean;
  readonly recorder: { readonly mspId: string; readonly role: Role };
  /** Roles, company prefixes and countries: the members' word, not the recorder's. */
  readonly charter: AllianceCharter;
  /** The custody of each instance the event names that the ledger knows, read through its containers. */
  readonly custody: ReadonlyMap<string, Custody>;
}

/** Throws NOT_BRAND_OWNER or NOT_CUSTODIAN unless the recorder may record the event on every item it names. */
export function assertCustody(check: CustodyCheck): void {
  const { event, recorder, charter } = check;
  const identity = givesIdentity(check);
  const classes = identity ? (event.what.epcClasses ?? []) : [];
  for (const id of [...objectsOf(event), ...classes]) {
    const owner = brandOwnerOf(charter, id);
    const mustOwn = identity || !check.custody.has(id);
    if (mustOwn && owner !== undefined && owner !== recorder.mspId) {
      throw new TraceError('NOT_BRAND_OWNER', `${id} is a key of ${owner}'s company prefix; only its brand owner gives its items their identity (${recorder.mspId} may not)`);
    }
  }
  for (const [epc, custody] of check.custody) {
    if (relationOf(check, epc, custody) === undefined) {
      const held = `held by ${custody.custodian}${custody.inTransitTo ? `, in transit to ${custody.inTransitTo}` : ''}`;
      const step = event.bizStep === undefined ? 'an event without bizStep' : `'${cbvStepWord(event.bizStep)}'`;
      throw new TraceError('NOT_CUSTODIAN', `${epc} is ${held}; ${recorder.mspId} (${recorder.role}) may not record ${step} on it`);
    }
  }
}

/** The first relation of the table that allows the recorder this event on the item, if any. */
export function relationOf(check: CustodyCheck, epc: string, custody: Custody): CustodyRelation | undefined {
  const { recorder, charter } = check;
  const countryOf = (mspId: string | undefined) => (mspId === undefined ? undefined : charter.members[mspId]?.country);
  const stands: Record<CustodyRelation, boolean> = {
    custodian: custody.custodian === recorder.mspId,
    receiver: custody.inTransitTo === recorder.mspId,
    border: [custody.custodian, custody.inTransitTo].some((mspId) => countryOf(mspId) !== undefined && countryOf(mspId) === countryOf(recorder.mspId)),
    brandOwner: brandOwnerOf(charter, epc) === recorder.mspId,
  };
  const step = check.event.bizStep === undefined ? undefined : cbvStepWord(check.event.bizStep);
  return (Object.keys(CUSTODY_RULES) as CustodyRelation[]).find((relation) => {
    const rule = CUSTODY_RULES[relation];
    if (!stands[relation]) return false;
    if (rule.roles && !rule.roles.includes(recorder.role)) return false;
    if (rule.dispositions && (check.event.disposition === undefined || !rule.dispositions.includes(check.event.disposition))) return false;
    return rule.steps === 'any' || (step !== undefined && rule.steps.includes(step));
  });
}

function givesIdentity({ event, carriesIlmd }: CustodyCheck): boolean {
  const step = event.bizStep === undefined ? undefined : cbvStepWord(event.bizStep);
  return carriesIlmd || (step !== undefined && IDENTITY_STEPS.has(step)) || (event.type === 'ObjectEvent' && event.action === 'ADD');
}

/**
 * The custody of every instance the event names, after it: new items are the recorder's; the destination's
 * holder takes what was shipped to it; a shipment names its destination; packing puts children in their parent,
 * unpacking takes them out (holding what the parent's holder holds). Call after assertCustody.
 */
export function custodyAfter(check: CustodyCheck, destination: string | undefined): Map<string, Custody> {
  const { event, recorder } = check;
  const step = event.bizStep === undefined ? undefined : cbvStepWord(event.bizStep);
  const after = new Map<string, Custody>();
  for (const epc of objectsOf(event)) {
    const before = check.custody.get(epc);
    let held: Pick<Custody, 'custodian' | 'inTransitTo'> = before ?? { custodian: recorder.mspId };
    const relation = before && relationOf(check, epc, before);
    if (relation === 'receiver' || (relation === 'custodian' && step !== undefined && RECEIVING_STEPS.includes(step))) {
      held = { custodian: recorder.mspId };
    } else if (relation === 'custodian' && step === 'shipping') {
      held = { custodian: held.custodian, inTransitTo: destination === recorder.mspId ? undefined : destination };
    } else if (relation === 'custodian' && step === 'void_shipping') {
      held = { custodian: held.custodian };
    }
    after.set(epc, { custodian: held.custodian, inTransitTo: held.inTransitTo, containedIn: packedIn(event, epc) ?? before?.containedIn });
  }
  for (const child of unpacked(event)) after.set(child, { ...after.get(child)!, containedIn: undefined });
  return after;
}

function packedIn(event: EventSummary, epc: string): string | undefined {
  const { parentID, childEPCs = [] } = event.what;
  const packs = (event.type === 'AggregationEvent' || event.type === 'AssociationEvent') && event.action !== 'DELETE';
  return packs && parentID !== undefined && childEPCs.includes(epc) ? parentID : undefined;
}

function unpacked(event: EventSummary): readonly string[] {
  const takesOut = (event.type === 'AggregationEvent' || event.type === 'AssociationEvent') && event.action === 'DELETE';
  return takesOut ? (event.what.childEPCs ?? []) : [];
}

/** Destination types in the order they say who takes the goods. */
const DESTINATION_TYPES = ['possessing_party', 'owning_party', 'location'];

/** The member a shipment goes to: the holder of the company prefix of its destination party or location. */
export function destinationHolder(
  charter: AllianceCharter,
  destinationList: readonly { readonly type: string; readonly destination: string }[] | undefined,
): string | undefined {
  for (const type of DESTINATION_TYPES) {
    for (const entry of destinationList ?? []) {
      const holder = entry.type === type ? brandOwnerOf(charter, entry.destination) : undefined;
      if (holder !== undefined) return holder;
    }
  }
  return undefined;
}
