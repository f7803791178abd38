import { z } from 'zod';
import {
  bizTransaction,
  destination,
  errorDeclaration,
  ilmd,
  jsonLdContext,
  persistentDisposition,
  place,
  quantityElement,
  sensorElement,
  source,
} from './schema-parts';
import { action, dateTime, extensible, isGiven, identifier, report, timeZoneOffset, uri, vocabularyValue } from './schema-values';
import type { EpcisEventType } from './types';
import { VOCABULARIES } from './vocabulary';

/** The members every event type has (EPCIS 2.0 section 7.4.1 and the 2.0 additions). */
const common = {
  '@context': jsonLdContext.optional(),
  type: z.string(),
  eventTime: dateTime,
  eventTimeZoneOffset: timeZoneOffset,
  recordTime: dateTime.optional(),
  eventID: uri.optional(),
  errorDeclaration: errorDeclaration.optional(),
  certificationInfo: z.union([uri, z.array(uri)]).optional(),
  bizStep: vocabularyValue(VOCABULARIES.bizStep).optional(),
  disposition: vocabularyValue(VOCABULARIES.disposition).optional(),
  persistentDisposition: persistentDisposition.optional(),
  readPoint: place.optional(),
  bizLocation: place.optional(),
  bizTransactionList: z.array(bizTransaction).optional(),
  sourceList: z.array(source).optional(),
  destinationList: z.array(destination).optional(),
  sensorElementList: z.array(sensorElement).optional(),
};

const epcs = z.array(identifier).optional();
const quantities = z.array(quantityElement).optional();

type Rule = (event: Record<string, unknown>, ctx: z.core.$RefinementCtx) => void;

/** ADD and DELETE change what a parent contains, so they must say which parent. */
const parentForChanges: Rule = (event, ctx) => {
  if ((event['action'] === 'ADD' || event['action'] === 'DELETE') && event['parentID'] === undefined) {
    report(ctx, 'required', `parentID is required when action is ${event['action']}`, ['parentID']);
  }
};

/**
 * An ObjectEvent is about objects, named one by one or by class. EPCIS 2.0 lets an OBSERVE event report
 * sensor readings without naming any (a reading of a room or a vehicle).
 */
const objectsNamed: Rule = (event, ctx) => {
  if (isGiven(event, 'epcList') || isGiven(event, 'quantityList')) return;
  if (event['action'] === 'OBSERVE' && isGiven(event, 'sensorElementList')) return;
  report(ctx, 'required', 'an ObjectEvent needs a non-empty epcList or quantityList (only an OBSERVE event with sensor data may name no objects)', ['epcList']);
};

/** A TransactionEvent ties objects to business transactions: without one it says nothing. */
const transactionNamed: Rule = (event, ctx) => {
  if (!isGiven(event, 'bizTransactionList')) report(ctx, 'required', 'a TransactionEvent needs a non-empty bizTransactionList', ['bizTransactionList']);
};

/**
 * A transformation consumes inputs and yields outputs. With a transformationID one event may record only
 * the inputs or only the outputs, the other side being recorded by another event with the same ID.
 */
const inputsAndOutputs: Rule = (event, ctx) => {
  const inputs = isGiven(event, 'inputEPCList') || isGiven(event, 'inputQuantityList');
  const outputs = isGiven(event, 'outputEPCList') || isGiven(event, 'outputQuantityList');
  if (event['transformationID'] !== undefined) {
    if (!inputs && !outputs) report(ctx, 'required', 'a TransformationEvent needs inputs or outputs', ['inputEPCList']);
    return;
  }
  if (!inputs) report(ctx, 'required', 'a TransformationEvent without transformationID needs a non-empty inputEPCList or inputQuantityList', ['inputEPCList']);
  if (!outputs) report(ctx, 'required', 'a TransformationEvent without transformationID needs a non-empty outputEPCList or outputQuantityList', ['outputEPCList']);
};

export const EVENT_SCHEMAS: Readonly<Record<EpcisEventType, z.ZodType>> = {
  ObjectEvent: extensible({ ...common, action, epcList: epcs, quantityList: quantities, ilmd: ilmd.optional() }, objectsNamed),
  AggregationEvent: extensible(
    { ...common, action, parentID: identifier.optional(), childEPCs: epcs, childQuantityList: quantities },
    parentForChanges,
  ),
  TransactionEvent: extensible({ ...common, action, parentID: identifier.optional(), epcList: epcs, quantityList: quantities }, transactionNamed),
  TransformationEvent: extensible(
    {
      ...common,
      inputEPCList: epcs,
      inputQuantityList: quantities,
      outputEPCList: epcs,
      outputQuantityList: quantities,
      transformationID: uri.optional(),
      ilmd: ilmd.optional(),
    },
    inputsAndOutputs,
  ),
  AssociationEvent: extensible(
    { ...common, action, parentID: identifier.optional(), childEPCs: epcs, childQuantityList: quantities },
    parentForChanges,
  ),
};
