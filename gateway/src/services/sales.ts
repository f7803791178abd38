import { createHmac } from 'node:crypto';
import { BUYER_REFERENCE } from '@crossborder-trace/domain';
import type { JobRecord } from '../store/jobs';
import type { RecordedSale, ScreeningStore } from '../store/screening';
import type { CaptureService } from './capture';
import type { Idempotency } from './writes';

const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/epcis-context.jsonld';
/** An xsd:dateTime's offset: Z or ±hh:mm at its end. */
const OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

export interface Sale {
  /** The item's canonical identifier. */
  readonly epc: string;
  /** The platform's own account id of the buyer: it never leaves the gateway. */
  readonly consumer: string;
  readonly eventTime?: string;
  readonly bizLocation?: string;
  readonly readPoint?: string;
}

/**
 * The platform's sales and its customers' purchases. A sale is an EPCIS ObjectEvent (retail_selling, retail_sold)
 * recorded through the same write path as POST /events; it carries the buyer's pseudonymous reference, an
 * HMAC-SHA256 of the consumer's account id under the platform's own key, in the platform's private data level. The
 * chain learns that someone bought the item and can later check a reference the platform offers; it never learns
 * who, and no one without the key can link two purchases to one consumer.
 */
export class Sales {
  constructor(
    private readonly capture: CaptureService,
    private readonly store: ScreeningStore,
    private readonly commitWaitMs: number,
  ) {
    // The key is made at the gateway's first start, not at its first sale: a backup taken before then holds it too.
    store.buyerReferenceKey();
  }

  buyerReference(consumer: string): string {
    return createHmac('sha256', this.store.buyerReferenceKey()).update(consumer, 'utf8').digest('hex');
  }

  /** Records the sale and waits up to the commit wait: the job, as POST /events answers it. */
  record(user: string, sale: Sale, idempotency: Idempotency | undefined): Promise<JobRecord> {
    const eventTime = sale.eventTime ?? new Date().toISOString();
    const offset = OFFSET.exec(eventTime)?.[1];
    const event = {
      '@context': [EPCIS_CONTEXT, { [BUYER_REFERENCE.prefix]: BUYER_REFERENCE.namespace }],
      type: 'ObjectEvent',
      eventTime,
      eventTimeZoneOffset: offset === undefined || offset === 'Z' ? '+00:00' : offset,
      action: 'OBSERVE',
      epcList: [sale.epc],
      bizStep: 'retail_selling',
      disposition: 'retail_sold',
      ...(sale.readPoint !== undefined && { readPoint: { id: sale.readPoint } }),
      ...(sale.bizLocation !== undefined && { bizLocation: { id: sale.bizLocation } }),
      [`${BUYER_REFERENCE.prefix}:${BUYER_REFERENCE.term}`]: this.buyerReference(sale.consumer),
    };
    return this.capture.captureEvent(user, Buffer.from(JSON.stringify(event), 'utf8'), idempotency, this.commitWaitMs);
  }

  /**
   * What the consumer bought here: the sales the screening module saw committed on the alliance channel with the
   * consumer's reference (its own tables, not the peer), each with its public record's version once published.
   */
  purchasesOf(consumer: string): RecordedSale[] {
    return this.store.salesTo(this.buyerReference(consumer));
  }
}
