import {
  assertActsAs,
  assertMayRecall,
  brandOwnerOf,
  canonicalJson,
  parseRecallRequest,
  RECALL_ISSUED_EVENT,
  recalledItemState,
  recallSelector,
  TraceError,
  type RecallRecord,
} from '@crossborder-trace/domain';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { TraceLedger } from '../ledger/trace-ledger';
import { AnswerBudget } from '../queries/answer-budget';
import { recallSales, recallScopeOn } from '../recalls/recall-scope';
import { actorOf, type Actor } from './caller';
import { txTimeOf } from './tx-time';

/** Recalls listed in one answer at most. */
const MAX_LISTED_RECALLS = 1_000;

/**
 * Recalls of a product (GTIN), a lot or serials: issued by the regulator or the product's brand owner, their
 * scope computed forward through making and packing, the recalled items' states marked, and the sales of recalled
 * items listed when a recall is read. Every member reads recalls.
 */
export class RecallContract extends Contract {
  constructor() {
    super('recall');
  }

  /**
   * requestJson: { gtin, lot? | serials?, reason, severity }. Records the recall under its transaction id, marks
   * each recalled item's state, writes its audit entry and emits RecallIssued with the record: the seam through
   * which it reaches the regulator's desk and, screened, the public channel. Answers the record.
   */
  @Transaction()
  @Returns('string')
  public async issue(ctx: Context, requestJson: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const recall = await recallOf(ctx, ledger, requestJson);
    await ledger.putRecall(recall);
    for (const { epc } of recall.items) {
      const state = await ledger.itemState(epc);
      if (state) await ledger.putItemState(recalledItemState(state, recall.id));
    }
    const brandOwner = recall.issuedAs === 'brandOwner' ? recall.issuedBy : brandOwnerOf((await actorOf(ctx, ledger)).charter, productLink(recall.gtin));
    await ledger.putAuditEntry({
      txId: recall.id,
      time: recall.issuedAt,
      action: 'recall',
      actor: recall.issuedBy,
      actorRole: recall.issuedAs === 'regulator' ? 'regulator' : 'manufacturer',
      subject: recall.id,
      concerns: [...new Set([recall.issuedBy, ...(brandOwner ? [brandOwner] : [])])].sort(),
      detail: { gtin: recall.gtin, lot: recall.lot, serials: recall.serials, severity: recall.severity, reason: recall.reason, items: recall.items.length, truncated: recall.truncated },
    });
    ctx.stub.setEvent(RECALL_ISSUED_EVENT, Buffer.from(canonicalJson(recall), 'utf8'));
    return canonicalJson(recall);
  }

  /** What issue would record now, written nowhere: the same authority, the same scope. */
  @Transaction(false)
  @Returns('string')
  public async preview(ctx: Context, requestJson: string): Promise<string> {
    return canonicalJson(await recallOf(ctx, new TraceLedger(ctx.stub), requestJson));
  }

  /** The recall, with every sale (retail_selling) of a recalled item the ledger holds now, and who sold it. */
  @Transaction(false)
  @Returns('string')
  public async get(ctx: Context, id: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const recall = await ledger.recall(id);
    if (!recall) throw new TraceError('NOT_FOUND', `no recall ${id}`);
    const { sales, truncated } = await recallSales(ledger, recall);
    const platforms = [...new Set(sales.map((sale) => sale.platform))].sort();
    return canonicalJson({ ...recall, sales, platforms, salesTruncated: truncated });
  }

  /** Every recall, without its items: id, product, lot or serials, severity, reason, who and when. */
  @Transaction(false)
  @Returns('string')
  public async list(ctx: Context): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const budget = new AnswerBudget(MAX_LISTED_RECALLS);
    const { ids, truncated } = await ledger.recallIds(budget);
    const recalls = [];
    for (const id of ids) {
      const { items, carriers, ...rest } = (await ledger.recall(id))!;
      recalls.push({ ...rest, itemCount: items.length, carrierCount: carriers.length });
    }
    recalls.sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.id < b.id ? -1 : 1));
    return canonicalJson({ recalls, truncated });
  }
}

/** The recall the caller asks for: its authority checked, its scope computed, nothing written. */
async function recallOf(ctx: Context, ledger: TraceLedger, requestJson: string): Promise<RecallRecord> {
  const request = parseRecallRequest(requestJson);
  const actor: Actor = await actorOf(ctx, ledger);
  const issuedAs = assertMayRecall(actor.charter, actor, request.gtin);
  // A brand owner acts as any firm does: registered and active. The regulator's authority is the charter's.
  if (issuedAs === 'brandOwner') assertActsAs(await ledger.enterprise(actor.mspId), actor.mspId, actor.role);
  const scope = await recallScopeOn(ledger, recallSelector(request));
  return {
    id: ctx.stub.getTxID(),
    gtin: request.gtin,
    lot: request.lot,
    serials: request.serials,
    reason: request.reason,
    severity: request.severity,
    issuedBy: actor.mspId,
    issuedAs,
    issuedAt: txTimeOf(ctx),
    regulator: actor.charter.regulator,
    items: scope.items,
    carriers: scope.carriers,
    truncated: scope.truncated,
  };
}

function productLink(gtin14: string): string {
  return `https://id.gs1.org/01/${gtin14}`;
}
