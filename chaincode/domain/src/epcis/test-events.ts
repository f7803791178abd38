/** Small valid events of each type for the unit tests; each test breaks one thing. */

export type RawEvent = Record<string, unknown>;

const when = { eventTime: '2024-05-01T08:30:00.000+08:00', eventTimeZoneOffset: '+08:00' };

/** A valid SGTIN and its canonical Digital Link. */
export const SGTIN = 'urn:epc:id:sgtin:4012345.012345.12';
export const SGTIN_LINK = 'https://id.gs1.org/01/04012345123456/21/12';
/** A valid SSCC and its canonical Digital Link. */
export const SSCC = 'urn:epc:id:sscc:4012345.0000000333';
export const SSCC_LINK = 'https://id.gs1.org/00/040123450000003338';
/** A GLN with extension (a read point) and its canonical Digital Link. */
export const SGLN = 'urn:epc:id:sgln:4012345.00011.987';
export const SGLN_LINK = 'https://id.gs1.org/414/4012345000115/254/987';
/** The same GTIN as SGTIN with its last digit wrong. */
export const BAD_CHECK_DIGIT = 'https://id.gs1.org/01/04012345123457/21/12';

export const objectEvent = (members: RawEvent = {}): RawEvent => ({
  type: 'ObjectEvent',
  ...when,
  epcList: [SGTIN],
  action: 'OBSERVE',
  bizStep: 'shipping',
  disposition: 'in_transit',
  readPoint: { id: SGLN },
  ...members,
});

export const aggregationEvent = (members: RawEvent = {}): RawEvent => ({
  type: 'AggregationEvent',
  ...when,
  parentID: SSCC,
  childEPCs: [SGTIN],
  action: 'ADD',
  bizStep: 'packing',
  ...members,
});

export const transactionEvent = (members: RawEvent = {}): RawEvent => ({
  type: 'TransactionEvent',
  ...when,
  bizTransactionList: [{ type: 'po', bizTransaction: 'urn:epcglobal:cbv:bt:4012345000009:PO-1' }],
  epcList: [SGTIN],
  action: 'ADD',
  ...members,
});

export const transformationEvent = (members: RawEvent = {}): RawEvent => ({
  type: 'TransformationEvent',
  ...when,
  inputQuantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.LOT1', quantity: 10, uom: 'KGM' }],
  outputEPCList: [SGTIN],
  bizStep: 'commissioning',
  ...members,
});

export const associationEvent = (members: RawEvent = {}): RawEvent => ({
  type: 'AssociationEvent',
  ...when,
  parentID: 'urn:epc:id:grai:4012345.55555.987',
  childEPCs: ['urn:epc:id:giai:4000001.12345'],
  action: 'ADD',
  bizStep: 'assembling',
  ...members,
});

/** The event without the named members. */
export function without(event: RawEvent, ...names: string[]): RawEvent {
  return Object.fromEntries(Object.entries(event).filter(([name]) => !names.includes(name)));
}

export function epcisDocument(events: unknown[], members: RawEvent = {}): RawEvent {
  return {
    '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld', { example: 'https://example.com/epcis/' }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2024-05-01T09:00:00.000+08:00',
    epcisBody: { eventList: events },
    ...members,
  };
}
