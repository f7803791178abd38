import { z } from 'zod';
import { jsonLdContext } from './schema-parts';
import { dateTime, extensible, report, uri } from './schema-values';

/**
 * The EPCISDocument envelope. Its events are checked one by one afterwards (each against its own type), so
 * here the event list is only required to be a list.
 */
export const documentEnvelope = extensible({
  '@context': jsonLdContext,
  type: z.literal('EPCISDocument'),
  schemaVersion: z.string().superRefine((value, ctx) => {
    if (!/^2\.0(\.\d+)?$/.test(value)) report(ctx, 'invalid_value', `schema version '${value}' is not EPCIS 2.0`);
  }),
  creationDate: dateTime,
  id: uri.optional(),
  sender: z.string().optional(),
  receiver: z.string().optional(),
  instanceIdentifier: z.string().optional(),
  epcisHeader: z.looseObject({}).optional(),
  epcisBody: extensible({ eventList: z.array(z.unknown()) }),
});

/** A bare event sent on its own must carry the `@context` a document would have carried. */
export const bareEventEnvelope = z.looseObject({ '@context': jsonLdContext });
