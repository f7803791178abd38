import { assertPublishable, canonicalJson, gatherScreeningSources, PUBLIC_EVENTS, queryIdentifier, screenRecord, TraceError, type PublishedRecord } from '@crossborder-trace/domain';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { allianceCharter, allianceReader } from '../ledger/alliance';
import { PublicLedger } from '../ledger/public-ledger';
import { publicActorOf, txTimeOf } from './caller';

/**
 * The public record of each sold item (seed 000, 4.3: the open quality information chain). A record is accepted
 * only when it is, field for field, the record this peer derives from its own copy of the alliance ledger, and
 * only from the platform that sold the item (or the regulator); the endorsement policy needs the regulator's peer
 * and another member's, so no single org can publish one.
 */
export class RecordContract extends Contract {
  constructor() {
    super('record');
  }

  /**
   * Publishes (or updates, when the alliance has new facts such as a recall) the screened record of a sold item.
   * Refused: NOT_SOLD before a sale, ROLE_NOT_AUTHORISED for anyone but its seller or the regulator,
   * RECORD_MISMATCH when it differs from the alliance, ALREADY_PUBLISHED when nothing changed. Answers the stored
   * record and emits RecordPublished.
   */
  @Transaction()
  @Returns('string')
  public async publish(ctx: Context, epcInput: string, recordJson: string): Promise<string> {
    const epc = queryIdentifier(epcInput, 'the item');
    // Text that is no record is refused before any cross-channel read is spent on it.
    let submitted: unknown;
    try {
      submitted = JSON.parse(recordJson);
    } catch (err) {
      throw new TraceError('RECORD_MISMATCH', `the record is not JSON: ${(err as Error).message}`);
    }
    const read = allianceReader(ctx);
    const actor = publicActorOf(ctx, await allianceCharter(read));
    const derived = screenRecord(await gatherScreeningSources(epc, read));
    if (!derived.sale) throw new TraceError('NOT_SOLD', `${epc} has no retail sale on the alliance ledger: only a sold item has a public record`);
    if (actor.mspId !== derived.sale.seller && !actor.isRegulator) {
      throw new TraceError('ROLE_NOT_AUTHORISED', `${derived.sale.seller} sold ${epc}: ${actor.mspId} may not publish its record`);
    }
    const ledger = new PublicLedger(ctx.stub);
    const existing = await ledger.record(epc);
    assertPublishable(submitted, derived, existing);
    const published: PublishedRecord = {
      record: derived,
      version: (existing?.version ?? 0) + 1,
      publishedAt: txTimeOf(ctx),
      publishedBy: actor.mspId,
      txId: ctx.stub.getTxID(),
    };
    await ledger.putRecord(published);
    const answer = canonicalJson(published);
    ctx.stub.setEvent(PUBLIC_EVENTS.recordPublished, Buffer.from(canonicalJson({ epc, version: published.version, txId: published.txId })));
    return answer;
  }

  /** The record as published, in any identifier form; NOT_FOUND before its sale is published. */
  @Transaction(false)
  @Returns('string')
  public async get(ctx: Context, epcInput: string): Promise<string> {
    const epc = queryIdentifier(epcInput, 'the item');
    const published = await new PublicLedger(ctx.stub).record(epc);
    if (!published) throw new TraceError('NOT_FOUND', `no public record of ${epc}`);
    return canonicalJson(published);
  }

  /** The record the alliance ledger gives for the item now, as the caller may derive it: what publish would accept. */
  @Transaction(false)
  @Returns('string')
  public async derive(ctx: Context, epcInput: string): Promise<string> {
    const epc = queryIdentifier(epcInput, 'the item');
    return canonicalJson(screenRecord(await gatherScreeningSources(epc, allianceReader(ctx))));
  }
}
