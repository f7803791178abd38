import { z } from 'zod';
import {
  dateTime,
  extensible,
  isGiven,
  hexBinary,
  identifier,
  nonEmptyList,
  report,
  unitOfMeasure,
  uri,
  vocabularyValue,
} from './schema-values';
import { VOCABULARIES } from './vocabulary';

/** The structures events are made of, each with the members EPCIS 2.0 gives it. */

export const quantityElement = extensible({ epcClass: identifier, quantity: z.number().optional(), uom: unitOfMeasure.optional() }, (value, ctx) => {
  if (value['uom'] !== undefined && value['quantity'] === undefined) report(ctx, 'required', 'a quantity is required when a uom is given', ['quantity']);
});

export const place = extensible({ id: identifier });

export const bizTransaction = extensible({ type: vocabularyValue(VOCABULARIES.bizTransactionType).optional(), bizTransaction: uri });

export const source = extensible({ type: vocabularyValue(VOCABULARIES.sourceDestinationType), source: identifier });

export const destination = extensible({ type: vocabularyValue(VOCABULARIES.sourceDestinationType), destination: identifier });

export const errorDeclaration = extensible({
  declarationTime: dateTime,
  reason: vocabularyValue(VOCABULARIES.errorReason).optional(),
  correctiveEventIDs: z.array(uri).optional(),
});

export const persistentDisposition = extensible(
  { set: z.array(vocabularyValue(VOCABULARIES.disposition)).optional(), unset: z.array(vocabularyValue(VOCABULARIES.disposition)).optional() },
  (value, ctx) => {
    if (!isGiven(value, 'set') && !isGiven(value, 'unset')) report(ctx, 'required', 'a persistentDisposition sets or unsets at least one disposition', ['set']);
  },
);

const sensorMetadata = extensible({
  time: dateTime.optional(),
  startTime: dateTime.optional(),
  endTime: dateTime.optional(),
  deviceID: uri.optional(),
  deviceMetadata: uri.optional(),
  rawData: uri.optional(),
  dataProcessingMethod: uri.optional(),
  bizRules: uri.optional(),
});

/** `type` is optional: the standard's first JSON schema did not require it, and captured data relies on that. */
const sensorReport = extensible({
  type: vocabularyValue(VOCABULARIES.measurementType).optional(),
  exception: vocabularyValue(VOCABULARIES.sensorAlertType).optional(),
  deviceID: uri.optional(),
  deviceMetadata: uri.optional(),
  rawData: uri.optional(),
  dataProcessingMethod: uri.optional(),
  bizRules: uri.optional(),
  time: dateTime.optional(),
  microorganism: uri.optional(),
  chemicalSubstance: uri.optional(),
  value: z.number().optional(),
  component: vocabularyValue(VOCABULARIES.component).optional(),
  stringValue: z.string().optional(),
  booleanValue: z.boolean().optional(),
  hexBinaryValue: hexBinary.optional(),
  uriValue: uri.optional(),
  minValue: z.number().optional(),
  maxValue: z.number().optional(),
  meanValue: z.number().optional(),
  sDev: z.number().optional(),
  percRank: z.number().optional(),
  percValue: z.number().optional(),
  uom: unitOfMeasure.optional(),
  coordinateReferenceSystem: uri.optional(),
});

export const sensorElement = extensible({ sensorMetadata: sensorMetadata.optional(), sensorReport: nonEmptyList(sensorReport) });

/** Instance/lot master data carries extension members only. */
export const ilmd = extensible({});

const jsonLdContextEntry = z.union([z.string(), z.looseObject({})]);
export const jsonLdContext = z.union([jsonLdContextEntry, z.array(jsonLdContextEntry)]);
