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
 * destinationList precedes sourceList: that is the order the GS1 reference hashes were computed with.
 */
export const EVENT_SHAPE: Shape = [
  value('eventTime', 'time'),
  value('eventTimeZoneOffset'),
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
 * declaration (a corrected event keeps its eventID), certification info, and JSON-LD keywords.
 */
export const EXCLUDED_EVENT_PROPERTIES: ReadonlySet<string> = new Set([
  'type',
  'eventID',
  'recordTime',
  'errorDeclaration',
  'certificationInfo',
  '@context',
]);

/** Comments never change what happened, so they are left out wherever they appear. */
export const COMMENT = '{http://www.w3.org/2000/01/rdf-schema#}comment';
