import {
  assertMayActOnComplaint,
  buyerReferenceOf,
  canonicalJson,
  openComplaint,
  parseComplaintAnswer,
  parseComplaintFiling,
  parseComplaintRuling,
  PUBLIC_EVENTS,
  queryIdentifier,
  TraceError,
  type Complaint,
} from '@crossborder-trace/domain';
import { timingSafeEqual } from 'node:crypto';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { allianceCharter, allianceReader } from '../ledger/alliance';
import { PublicLedger } from '../ledger/public-ledger';
import { publicActorOf, txTimeOf, type PublicActor } from './caller';

/** Complaints listed for one item at most. */
const MAX_LISTED_COMPLAINTS = 200;

/**
 * Consumers' complaints about a step of a sold item's record (seed 000, 4.3: consumers "clarify the
 * responsibilities of relevant supply chain alliance enterprises, and timely protect their rights"). The platform
 * files on the buyer's behalf with proof of purchase; the enterprise responsible for the step answers; the
 * regulator rules. Who may do what is COMPLAINT_ACTIONS in the domain package.
 */
export class ComplaintContract extends Contract {
  constructor() {
    super('complaint');
  }

  /**
   * filingJson: { epc, eventId, category, description }; transient `buyerReference`: the reference the platform
   * recorded in the sale's private detail. The peer reads the sale's detail from the alliance (the seller's and
   * the regulator's peers hold it) and compares: the reference itself never reaches a block.
   */
  @Transaction()
  @Returns('string')
  public async file(ctx: Context, filingJson: string): Promise<string> {
    const filing = parseComplaintFiling(filingJson);
    const epc = queryIdentifier(filing.epc, 'the item');
    const read = allianceReader(ctx);
    const charter = await allianceCharter(read);
    const actor = publicActorOf(ctx, charter);
    const ledger = new PublicLedger(ctx.stub);
    const published = await ledger.record(epc);
    if (!published?.record.sale) throw new TraceError('NOT_FOUND', `no public record of ${epc}: a complaint is about a published sale`);
    const sale = published.record.sale;
    if (actor.mspId !== sale.seller) throw new TraceError('COMPLAINT_NOT_AUTHORISED', `${sale.seller} sold ${epc}: only it files complaints for its buyer`);
    const offered = ctx.stub.getTransient().get('buyerReference');
    if (!offered || offered.length === 0) throw new TraceError('MISSING_TRANSIENT', 'the buyer reference goes in the transient field buyerReference');
    const detail = JSON.parse(await read('event:detail', [sale.eventId])) as { event: unknown };
    const recorded = buyerReferenceOf(detail.event);
    if (!recorded || !sameBytes(Buffer.from(recorded), Buffer.from(offered))) {
      throw new TraceError('PURCHASE_NOT_PROVEN', `the buyer reference does not match the one recorded when ${epc} was sold`);
    }
    const complaint = openComplaint({ ...filing, epc }, published.record, { id: ctx.stub.getTxID(), time: txTimeOf(ctx), filedBy: actor.mspId, regulator: charter.regulator });
    return this.#store(ctx, ledger, complaint, true);
  }

  /** answerJson: { text }. The enterprise responsible for the step answers an open complaint. */
  @Transaction()
  @Returns('string')
  public async answer(ctx: Context, id: string, answerJson: string): Promise<string> {
    const answer = parseComplaintAnswer(answerJson);
    const { ledger, complaint, actor } = await this.#acting(ctx, id, 'answer');
    return this.#store(ctx, ledger, { ...complaint, status: 'answered', answer: { text: answer.text, by: actor.mspId, at: txTimeOf(ctx), txId: ctx.stub.getTxID() } }, false);
  }

  /** rulingJson: { decision: upheld | dismissed, reason }. The regulator rules on an open or answered complaint. */
  @Transaction()
  @Returns('string')
  public async rule(ctx: Context, id: string, rulingJson: string): Promise<string> {
    const ruling = parseComplaintRuling(rulingJson);
    const { ledger, complaint, actor } = await this.#acting(ctx, id, 'rule');
    return this.#store(ctx, ledger, { ...complaint, status: ruling.decision, ruling: { ...ruling, by: actor.mspId, at: txTimeOf(ctx), txId: ctx.stub.getTxID() } }, false);
  }

  @Transaction(false)
  @Returns('string')
  public async get(ctx: Context, id: string): Promise<string> {
    const complaint = await new PublicLedger(ctx.stub).complaint(id);
    if (!complaint) throw new TraceError('NOT_FOUND', `no complaint ${id}`);
    return canonicalJson(complaint);
  }

  /** The complaints about an item, oldest first by id, at most MAX_LISTED_COMPLAINTS (then truncated). */
  @Transaction(false)
  @Returns('string')
  public async ofItem(ctx: Context, epcInput: string): Promise<string> {
    const epc = queryIdentifier(epcInput, 'the item');
    return canonicalJson(await new PublicLedger(ctx.stub).complaintsOf(epc, MAX_LISTED_COMPLAINTS));
  }

  async #acting(ctx: Context, id: string, action: 'answer' | 'rule'): Promise<{ ledger: PublicLedger; complaint: Complaint; actor: PublicActor }> {
    const actor = publicActorOf(ctx, await allianceCharter(allianceReader(ctx)));
    const ledger = new PublicLedger(ctx.stub);
    const complaint = await ledger.complaint(id);
    if (!complaint) throw new TraceError('NOT_FOUND', `no complaint ${id}`);
    assertMayActOnComplaint(action, complaint, actor);
    return { ledger, complaint, actor };
  }

  async #store(ctx: Context, ledger: PublicLedger, complaint: Complaint, isNew: boolean): Promise<string> {
    await ledger.putComplaint(complaint, isNew);
    ctx.stub.setEvent(PUBLIC_EVENTS.complaintChanged, Buffer.from(canonicalJson({ id: complaint.id, epc: complaint.epc, status: complaint.status })));
    return canonicalJson(complaint);
  }
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
