/**
 * EPCIS 2.0 JSON-LD capture data as the alliance receives it. Vocabulary fields hold a CBV 2.0 / GS1
 * web-vocabulary term (a bare word once normalised) or a user-defined absolute URI; identifier fields hold
 * EPC URNs, GS1 Digital Links or any other URI (canonical Digital Links once normalised).
 */

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** The JSON-LD `@context`: the EPCIS context URL, prefix maps for extensions, or a list of both. */
export type JsonLdContext = string | { readonly [key: string]: JsonValue } | readonly (string | { readonly [key: string]: JsonValue })[];

/**
 * User extensions: namespaced members (`example:myField`, or a full IRI) that the standard lets any
 * extensible structure carry. They are kept exactly as written.
 */
export interface Extensions {
  readonly [namespacedKey: `${string}:${string}`]: JsonValue | undefined;
}

export const ACTIONS = ['ADD', 'OBSERVE', 'DELETE'] as const;
export type Action = (typeof ACTIONS)[number];

export const EVENT_TYPES = ['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent'] as const;
export type EpcisEventType = (typeof EVENT_TYPES)[number];

export interface QuantityElement extends Extensions {
  readonly epcClass: string;
  /** Absent when the quantity is unknown; a uom needs a quantity. */
  readonly quantity?: number;
  /** UN/ECE Recommendation 20 unit code; absent for a count of items. */
  readonly uom?: string;
}

/** readPoint and bizLocation. */
export interface Place extends Extensions {
  readonly id: string;
}

export interface BizTransaction extends Extensions {
  /** CBV business transaction type (po, desadv, ...); absent when unspecified. */
  readonly type?: string;
  readonly bizTransaction: string;
}

export interface Source extends Extensions {
  /** CBV source/destination type: owning_party, possessing_party, location. */
  readonly type: string;
  readonly source: string;
}

export interface Destination extends Extensions {
  readonly type: string;
  readonly destination: string;
}

export interface ErrorDeclaration extends Extensions {
  readonly declarationTime: string;
  /** CBV error reason: did_not_occur, incorrect_data. */
  readonly reason?: string;
  readonly correctiveEventIDs?: readonly string[];
}

export interface PersistentDisposition extends Extensions {
  readonly set?: readonly string[];
  readonly unset?: readonly string[];
}

export interface SensorMetadata extends Extensions {
  readonly time?: string;
  readonly startTime?: string;
  readonly endTime?: string;
  readonly deviceID?: string;
  readonly deviceMetadata?: string;
  readonly rawData?: string;
  readonly dataProcessingMethod?: string;
  readonly bizRules?: string;
}

export interface SensorReport extends Extensions {
  /** GS1 measurement type (Temperature, gs1:Temperature, ...) or a user URI. */
  readonly type?: string;
  /** GS1 sensor alert type: ALARM_CONDITION, ERROR_CONDITION. */
  readonly exception?: string;
  readonly deviceID?: string;
  readonly deviceMetadata?: string;
  readonly rawData?: string;
  readonly dataProcessingMethod?: string;
  readonly bizRules?: string;
  readonly time?: string;
  readonly microorganism?: string;
  readonly chemicalSubstance?: string;
  readonly value?: number;
  /** CBV component of a vector measurement (x, latitude, ...) or a user URI. */
  readonly component?: string;
  readonly stringValue?: string;
  readonly booleanValue?: boolean;
  readonly hexBinaryValue?: string;
  readonly uriValue?: string;
  readonly minValue?: number;
  readonly maxValue?: number;
  readonly meanValue?: number;
  readonly sDev?: number;
  readonly percRank?: number;
  readonly percValue?: number;
  readonly uom?: string;
  readonly coordinateReferenceSystem?: string;
}

export interface SensorElement extends Extensions {
  readonly sensorMetadata?: SensorMetadata;
  readonly sensorReport: readonly SensorReport[];
}

/** Instance/lot master data: extension members only. */
export type Ilmd = Extensions;

/** The fields every event type has. */
interface EventBase extends Extensions {
  readonly '@context'?: JsonLdContext;
  readonly eventTime: string;
  readonly eventTimeZoneOffset: string;
  readonly recordTime?: string;
  readonly eventID?: string;
  readonly errorDeclaration?: ErrorDeclaration;
  readonly certificationInfo?: string | readonly string[];
  readonly bizStep?: string;
  readonly disposition?: string;
  readonly persistentDisposition?: PersistentDisposition;
  readonly readPoint?: Place;
  readonly bizLocation?: Place;
  readonly bizTransactionList?: readonly BizTransaction[];
  readonly sourceList?: readonly Source[];
  readonly destinationList?: readonly Destination[];
  readonly sensorElementList?: readonly SensorElement[];
}

export interface ObjectEvent extends EventBase {
  readonly type: 'ObjectEvent';
  readonly action: Action;
  readonly epcList?: readonly string[];
  readonly quantityList?: readonly QuantityElement[];
  readonly ilmd?: Ilmd;
}

export interface AggregationEvent extends EventBase {
  readonly type: 'AggregationEvent';
  readonly action: Action;
  readonly parentID?: string;
  readonly childEPCs?: readonly string[];
  readonly childQuantityList?: readonly QuantityElement[];
}

export interface TransactionEvent extends EventBase {
  readonly type: 'TransactionEvent';
  readonly action: Action;
  readonly parentID?: string;
  readonly epcList?: readonly string[];
  readonly quantityList?: readonly QuantityElement[];
}

export interface TransformationEvent extends EventBase {
  readonly type: 'TransformationEvent';
  readonly inputEPCList?: readonly string[];
  readonly inputQuantityList?: readonly QuantityElement[];
  readonly outputEPCList?: readonly string[];
  readonly outputQuantityList?: readonly QuantityElement[];
  readonly transformationID?: string;
  readonly ilmd?: Ilmd;
}

export interface AssociationEvent extends EventBase {
  readonly type: 'AssociationEvent';
  readonly action: Action;
  readonly parentID?: string;
  readonly childEPCs?: readonly string[];
  readonly childQuantityList?: readonly QuantityElement[];
}

export type EpcisEvent = ObjectEvent | AggregationEvent | TransactionEvent | TransformationEvent | AssociationEvent;

export interface EpcisDocument extends Extensions {
  readonly '@context': JsonLdContext;
  readonly type: 'EPCISDocument';
  readonly schemaVersion: string;
  readonly creationDate: string;
  readonly id?: string;
  readonly sender?: string;
  readonly receiver?: string;
  readonly instanceIdentifier?: string;
  readonly epcisHeader?: { readonly [key: string]: JsonValue };
  readonly epcisBody: { readonly eventList: readonly EpcisEvent[] };
}

/** What one capture request carries, whether it came as an EPCISDocument or as one bare event. */
export interface EpcisCapture {
  /** The `@context` of the document (or of the bare event). */
  readonly context: JsonLdContext;
  readonly events: readonly EpcisEvent[];
}
