import { VERDICT_STEPS } from './authority';
import type { DataLevel } from './data-levels';

/** The fields of a normalised EPCIS 2.0 event that the alliance-wide summary is made of. */
export interface SummarisableEvent {
  readonly type: string;
  readonly eventTime: string;
  readonly eventTimeZoneOffset: string;
  readonly action?: string;
  readonly bizStep?: string;
  readonly disposition?: string;
  readonly readPoint?: { readonly id: string };
  readonly bizLocation?: { readonly id: string };
  readonly epcList?: readonly string[];
  readonly parentID?: string;
  readonly childEPCs?: readonly string[];
  readonly inputEPCList?: readonly string[];
  readonly outputEPCList?: readonly string[];
  readonly quantityList?: readonly QuantityElement[];
  readonly childQuantityList?: readonly QuantityElement[];
  readonly inputQuantityList?: readonly QuantityElement[];
  readonly outputQuantityList?: readonly QuantityElement[];
  readonly errorDeclaration?: { readonly declarationTime: string; readonly reason?: string; readonly correctiveEventIDs?: readonly string[] };
}

interface QuantityElement {
  readonly epcClass: string;
}

/**
 * What every member of the alliance may see of an event (seed 000, 4.3): who did which step, when, where, to
 * which objects, and the verdict of an inspection. The detail (sensor readings, transactions, ilmd, extensions)
 * stays in the recorder's data-level collection.
 */
export interface EventSummary {
  /** The CBV 2.0 event hash ID. */
  readonly id: string;
  readonly type: string;
  readonly eventTime: string;
  readonly eventTimeZoneOffset: string;
  /** eventTime in UTC with milliseconds: sorts as time does, for the indexes. */
  readonly eventTimeUtc: string;
  readonly action?: string;
  readonly bizStep?: string;
  readonly disposition?: string;
  readonly readPoint?: string;
  readonly bizLocation?: string;
  readonly what: {
    readonly epcList?: readonly string[];
    readonly parentID?: string;
    readonly childEPCs?: readonly string[];
    readonly inputEPCList?: readonly string[];
    readonly outputEPCList?: readonly string[];
    /** The classes of every quantity list, in order. */
    readonly epcClasses?: readonly string[];
  };
  readonly recordedBy: string;
  readonly level: DataLevel;
  /** The disposition of an inspection step: what the regulator and consumers see as its outcome. */
  readonly verdict?: string;
  /** Present when this event declares an earlier one erroneous (nothing is edited in place). */
  readonly errorDeclaration?: { readonly declarationTime: string; readonly reason?: string; readonly correctiveEventIDs?: readonly string[] };
}


export function summariseEvent(id: string, event: SummarisableEvent, recordedBy: string, level: DataLevel): EventSummary {
  const classes: string[] = [];
  for (const list of [event.quantityList, event.childQuantityList, event.inputQuantityList, event.outputQuantityList]) {
    for (const quantity of list ?? []) classes.push(quantity.epcClass);
  }
  return {
    id,
    type: event.type,
    eventTime: event.eventTime,
    eventTimeZoneOffset: event.eventTimeZoneOffset,
    eventTimeUtc: utcSortable(event.eventTime),
    action: event.action,
    bizStep: event.bizStep,
    disposition: event.disposition,
    readPoint: event.readPoint?.id,
    bizLocation: event.bizLocation?.id,
    what: {
      epcList: nonEmpty(event.epcList),
      parentID: event.parentID,
      childEPCs: nonEmpty(event.childEPCs),
      inputEPCList: nonEmpty(event.inputEPCList),
      outputEPCList: nonEmpty(event.outputEPCList),
      epcClasses: nonEmpty(classes),
    },
    recordedBy,
    level,
    verdict: event.bizStep && VERDICT_STEPS.has(event.bizStep) ? event.disposition : undefined,
    errorDeclaration: event.errorDeclaration,
  };
}

/** Every object identifier the event names (instance level), for the per-EPC index. */
export function objectsOf(summary: EventSummary): string[] {
  const { epcList, parentID, childEPCs, inputEPCList, outputEPCList } = summary.what;
  const objects = new Set(epcList);
  if (parentID) objects.add(parentID);
  for (const list of [childEPCs, inputEPCList, outputEPCList]) for (const epc of list ?? []) objects.add(epc);
  return [...objects];
}

/** An xsd:dateTime with its offset, as UTC with milliseconds (parsing only; no clock is read). */
export function utcSortable(dateTime: string): string {
  const ms = Date.parse(dateTime);
  if (Number.isNaN(ms)) throw new RangeError(`not a date-time: ${dateTime}`);
  return new Date(ms).toISOString();
}

function nonEmpty<T>(list: readonly T[] | undefined): readonly T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}
