import { auditScopeOf, canonicalJson, MAX_AUDIT_PURPOSE, parseAuditQuery, TraceError, type AuditEntry } from '@crossborder-trace/domain';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { TraceLedger } from '../ledger/trace-ledger';
import { AnswerBudget } from '../queries/answer-budget';
import { actorOf } from './caller';
import { txTimeOf } from './tx-time';

/**
 * The audit trail: actions write their own entry in the transaction that performs them (recall:issue,
 * enterprise:setStatus); a read of private detail by the regulator is recorded here, by a transaction of its own
 * committed before the detail is answered (an evaluated event:detail, which the regulator gets only within
 * DETAIL_READ_WINDOW_MS of such a record), so that the detail never enters a block.
 */
export class AuditContract extends Contract {
  constructor() {
    super('audit');
  }

  /**
   * The regulator records that it reads an event's private detail, and why (purpose: free text, may be empty).
   * The entry concerns the event's recorder. Answers the entry.
   */
  @Transaction()
  @Returns('string')
  public async recordRead(ctx: Context, eventId: string, purpose: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await actorOf(ctx, ledger);
    if (actor.role !== 'regulator' || actor.mspId !== actor.charter.regulator) {
      throw new TraceError('ROLE_NOT_AUTHORISED', `only the regulator (${actor.charter.regulator}) records its reads of detail; members read their own collections`);
    }
    if (purpose.length > MAX_AUDIT_PURPOSE) throw new TraceError('INVALID_QUERY', `a purpose is at most ${MAX_AUDIT_PURPOSE} characters`);
    const summary = await ledger.eventSummary(eventId);
    if (!summary) throw new TraceError('NOT_FOUND', `no event ${eventId}`);
    const entry: AuditEntry = {
      txId: ctx.stub.getTxID(),
      time: txTimeOf(ctx),
      action: 'detail_read',
      actor: actor.mspId,
      actorRole: actor.role,
      subject: eventId,
      concerns: [summary.recordedBy],
      detail: { level: summary.level, ...(purpose.trim() !== '' && { purpose: purpose.trim() }) },
    };
    await ledger.putAuditEntry(entry);
    await ledger.putLastRead(actor.mspId, eventId, { txId: entry.txId, time: entry.time });
    return canonicalJson(entry);
  }

  /**
   * A page of entries in time order: queryJson { concerning?, fromTime?, toTime?, pageSize?, bookmark? }. The
   * regulator reads every entry (or one enterprise's); any other member the entries that concern it.
   */
  @Transaction(false)
  @Returns('string')
  public async list(ctx: Context, queryJson: string): Promise<string> {
    const query = parseAuditQuery(queryJson);
    const ledger = new TraceLedger(ctx.stub);
    const actor = await actorOf(ctx, ledger);
    const concerning = auditScopeOf(actor.charter, actor, query.concerning);
    const budget = new AnswerBudget(query.pageSize);
    const entries: AuditEntry[] = [];
    let bookmark = '';
    for await (const found of ledger.auditScan(concerning, { fromUtc: query.fromUtc, toUtc: query.toUtc }, query.bookmark)) {
      if (!budget.admit(found.entry)) {
        bookmark = found.bookmark;
        break;
      }
      entries.push(found.entry);
    }
    return canonicalJson({ entries, bookmark });
  }
}
