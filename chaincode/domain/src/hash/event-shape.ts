import type { Vocabulary } from './canonical-values';

/** How a standard field's value is written into the pre-hash string. */
export type ValueFormat = 'time' | 'number' | 'boolean' | 'text' | { readonly vocabulary: Vocabulary };

/**
 * A standard field of an EPCIS structure, in the canonical order of CBV 2.0 section 8.9:
 * - value: `name=value`;
 * - values: a list of values, each `item=value` after the `name` header, or `name=value` repeated when no header;
 * - object: `name` then the object's own canonical form;
 * - objects: a list of objects, each `element` + its canonical form, after the `header` when one is given.
 */
export type Field =
  | { readonly name: string; readonly kind: 'value'; readonly format: ValueFormat }
  | { readonly name: string; readonly kind: 'values'; readonly item: string; readonly header: boolean; readonly format: ValueFormat }
  | { readonly name: string; readonly kind: 'object'; readonly shape: Shape }
  | { readonly name: string; readonly kind: 'objects'; readonly header: boolean; readonly element: string; readonly shape: Shape };

/** The standard fields of a structure; every other property is a user extension. */
export type Shape = readonly Field[];

const value = (name: string, format: ValueFormat = 'text'): Field => ({ name, kind: 'value', format });
const epcs = (name: string): Field => ({ name, kind: 'values', item: 'epc', header: true, format: 'text' });
const repeated = (name: string, format: ValueFormat): Field => ({ name, kind: 'values', item: name, header: false, format });
const object = (name: string, shape: Shape): Field => ({ name, kind: 'object', shape });
const list = (name: string, element: string, shape: Shape): Field => ({ name, kind: 'objects', header: true, element, shape });

const QUANTITY_ELEMENT: Shape = [value('epcClass'), value('quantity', 'number'), value('uom')];
const LOCATION: Shape = [value('id')];
const typed = (vocabulary: Vocabulary, party: string): Shape => [value('type', { vocabulary }), value(party)];

const SENSOR_METADATA: Shape = [
  value('time', 'time'),
  value('startTime', 'time'),
  value('endTime', 'time'),
  value('deviceID'),
  value('deviceMetadata'),
  value('rawData'),
  value('dataProcessingMethod'),
  value('bizRules'),
];

const SENSOR_REPORT: Shape = [
  value('type', { vocabulary: 'GS1' }),
  value('exception', { vocabulary: 'GS1' }),
  value('deviceID'),
  value('deviceMetadata'),
  value('rawData'),
  value('dataProcessingMethod'),
  // bizRules: this package accepts it in a sensor report as in sensor metadata (EPCIS 2.0 capture documents
  // carry it there). Neither the standard's canonical order for sensorReport nor the reference implementation
  // names it (the reference leaves it over and appends a second, stray sensorElementList at the end of the
  // event), so it takes the place it has in sensorMetadata and in this package's sensorReport schema: right
  // after dataProcessingMethod.
  value('bizRules'),
  value('time', 'time'),
  value('microorganism'),
  value('chemicalSubstance'),
  value('value', 'number'),
  value('component', { vocabulary: 'Comp' }),
  value('stringValue'),
  value('booleanValue', 'boolean'),
  value('hexBinaryValue'),
  value('uriValue'),
  value('minValue', 'number'),
  value('maxValue', 'number'),
  value('meanValue', 'number'),
  value('sDev', 'number'),
  value('percRank', 'number'),
  value('percValue', 'number'),
  value('uom'),
  value('coordinateReferenceSystem'),
];

const SENSOR_ELEMENT: Shape = [
  object('sensorMetadata', SENSOR_METADATA),
  { name: 'sensorReport', kind: 'objects', header: false, element: 'sensorReport', shape: SENSOR_REPORT },
];

/**
 * Every event type's fields in one canonical order (a field an event type lacks is simply absent).
 *
 * Where the standard's canonical property order (as the algorithm description of the reference implementation,
 * RalphTro/epcis-event-hash-generator, states the CBV 2.0 text) and the reference code, whose vectors are GS1's
 * published hashes, disagree:
 * - certificationInfo (EPCIS 2.0) is hashed right after eventTimeZoneOffset, as the reference code and its
 *   vectors (CertificationInfoAndSensorReportWithCRS, TimeStampRoundOff) place it, and OpenEPCIS's generator
 *   too; the table does not name it, and it certifies the event's content, so it belongs to what the ID covers.
 * - epcList precedes parentID, as the table orders them; the reference code puts parentID first, which only
 *   shows in a TransactionEvent carrying both, for which it publishes no vector.
 * - destinationList precedes sourceList. The table lists sourceList first (and OpenEPCIS follows it), but the
 *   reference code never consumes either list in that order (both fall through to its alphabetically sorted
 *   leftovers), and every published vector with both lists (ReferenceEventHashAlgorithm3, epcisDocWithShipping-
 *   AndTransportingEvent, epcisDocWithVariousEventTypes) was computed with destinationList first. The IDs of
 *   those vectors are what other systems check an implementation against, so here they win over the table.
 * - Otherwise bizTransactionList, destinationList, sourceList, sensorElementList and ilmd keep the table's
 *   order; the reference writes sensorElementList before bizTransactionList and ilmd between destinationList
 *   and sourceList (the same alphabetical fall-through), in no published vector.
 */
export const EVENT_SHAPE: Shape = [
  value('eventTime', 'time'),
  value('eventTimeZoneOffset'),
  repeated('certificationInfo', 'text'),
  epcs('epcList'),
  value('parentID'),
  epcs('inputEPCList'),
  epcs('childEPCs'),
  list('quantityList', 'quantityElement', QUANTITY_ELEMENT),
  list('childQuantityList', 'quantityElement', QUANTITY_ELEMENT),
  list('inputQuantityList', 'quantityElement', QUANTITY_ELEMENT),
  epcs('outputEPCList'),
  list('outputQuantityList', 'quantityElement', QUANTITY_ELEMENT),
  value('action'),
  value('transformationID'),
  value('bizStep', { vocabulary: 'BizStep' }),
  value('disposition', { vocabulary: 'Disp' }),
  object('persistentDisposition', [repeated('set', { vocabulary: 'Disp' }), repeated('unset', { vocabulary: 'Disp' })]),
  object('readPoint', LOCATION),
  object('bizLocation', LOCATION),
  list('bizTransactionList', '', typed('BTT', 'bizTransaction')),
  list('destinationList', '', typed('SDT', 'destination')),
  list('sourceList', '', typed('SDT', 'source')),
  list('sensorElementList', 'sensorElement', SENSOR_ELEMENT),
  object('ilmd', []),
];

/**
 * Event properties left out of the hash: the event's own identity and record time, the error
 * declaration (a corrected event keeps its eventID), and JSON-LD keywords.
 */
export const EXCLUDED_EVENT_PROPERTIES: ReadonlySet<string> = new Set(['type', 'eventID', 'recordTime', 'errorDeclaration', '@context']);

/** Comments never change what happened, so they are left out wherever they appear. */
export const COMMENT = '{http://www.w3.org/2000/01/rdf-schema#}comment';
