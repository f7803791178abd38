import {
  assertCreditRegulator,
  brandOwnerOf,
  canonicalJson,
  objectsOf,
  parseAuthorisation,
  parseDispute,
  parseDisputeRuling,
  parseFinancier,
  TraceError,
  type CreditAuthorisation,
  type CreditDispute,
  type Financier,
} from '@crossborder-trace/domain';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { TraceLedger } from '../ledger/trace-ledger';
import { actorOf, type Actor } from './caller';
import { txTimeOf } from './tx-time';

/**
 * Credit reports' ledger side (CREDIT_ACTIONS): the regulator registers financiers; an enterprise authorises one to
 * read its report, until a time, and may revoke it; it disputes an item of its own report; the regulator rules.
 * The reports themselves are computed by the gateways from ledger facts; these records decide who reads them and
 * which items are left out.
 */
export class CreditContract extends Contract {
  constructor() {
    super('credit');
  }

  /** financierJson: { id, name, licenceNumber }. The charter's regulator only. */
  @Transaction()
  @Returns('string')
  public async registerFinancier(ctx: Context, financierJson: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await actorOf(ctx, ledger);
    assertCreditRegulator('registerFinancier', actor, actor.charter.regulator);
    const request = parseFinancier(financierJson);
    if (await ledger.creditRecord('creditFinancier', [request.id])) throw new TraceError('INVALID_CREDIT', `financier ${request.id} is registered already`);
    const financier: Financier = { ...request, registeredBy: actor.mspId, registeredAt: txTimeOf(ctx), txId: ctx.stub.getTxID() };
    await ledger.putCreditRecord('creditFinancier', [financier.id], financier);
    return canonicalJson(financier);
  }

  /** authorisationJson: { financierId, until }: the caller's enterprise lets the financier read its report until then. */
  @Transaction()
  @Returns('string')
  public async authorise(ctx: Context, authorisationJson: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await enterpriseActor(ctx, ledger);
    const { financierId, until } = parseAuthorisation(authorisationJson);
    await financierOf(ledger, financierId);
    const now = txTimeOf(ctx);
    if (Date.parse(until) <= Date.parse(now)) throw new TraceError('INVALID_CREDIT', `until (${until}) must be after the transaction's time (${now})`);
    const authorisation: CreditAuthorisation = { enterprise: actor.mspId, financierId, until: new Date(Date.parse(until)).toISOString(), grantedAt: now, txId: ctx.stub.getTxID() };
    await ledger.putCreditRecord('creditAuthorisation', [actor.mspId, financierId], authorisation);
    return canonicalJson(authorisation);
  }

  /** Ends the caller's enterprise's authorisation of the financier. */
  @Transaction()
  @Returns('string')
  public async revoke(ctx: Context, financierId: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await enterpriseActor(ctx, ledger);
    const authorisation = await ledger.creditRecord<CreditAuthorisation>('creditAuthorisation', [actor.mspId, financierId]);
    if (!authorisation || authorisation.revokedAt !== undefined) throw new TraceError('NOT_FOUND', `${actor.mspId} has no authorisation of ${financierId} in force`);
    const revoked: CreditAuthorisation = { ...authorisation, revokedAt: txTimeOf(ctx), revokeTxId: ctx.stub.getTxID() };
    await ledger.putCreditRecord('creditAuthorisation', [actor.mspId, financierId], revoked);
    return canonicalJson(revoked);
  }

  /**
   * disputeJson: { kind, evidenceId, reason }: the caller's enterprise disputes an item of its own report. Where the
   * evidence is on this channel's state the chaincode checks it is the caller's: an inspection of items of its
   * GTINs, its own suspension, a waybill it carries, a declaration it made. A complaint lives on the public
   * channel, which this chaincode does not read: it is bound to the disputing enterprise's own report, and a
   * ruling never touches another firm's.
   */
  @Transaction()
  @Returns('string')
  public async dispute(ctx: Context, disputeJson: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await enterpriseActor(ctx, ledger);
    const request = parseDispute(disputeJson);
    await assertOwnEvidence(ledger, actor, request.kind, request.evidenceId);
    const dispute: CreditDispute = { id: ctx.stub.getTxID(), enterprise: actor.mspId, ...request, openedAt: txTimeOf(ctx), status: 'open' };
    await ledger.putCreditRecord('creditDispute', [dispute.id], dispute);
    return canonicalJson(dispute);
  }

  /** rulingJson: { decision: upheld | rejected, reason }. The charter's regulator, once per dispute. */
  @Transaction()
  @Returns('string')
  public async rule(ctx: Context, disputeId: string, rulingJson: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await actorOf(ctx, ledger);
    assertCreditRegulator('rule', actor, actor.charter.regulator);
    const { decision, reason } = parseDisputeRuling(rulingJson);
    const dispute = await ledger.creditRecord<CreditDispute>('creditDispute', [disputeId]);
    if (!dispute) throw new TraceError('NOT_FOUND', `no dispute ${disputeId}`);
    if (dispute.status !== 'open') throw new TraceError('INVALID_CREDIT', `dispute ${disputeId} was ruled on already (${dispute.status})`);
    const ruled: CreditDispute = { ...dispute, status: decision, ruling: { decision, reason, by: actor.mspId, at: txTimeOf(ctx), txId: ctx.stub.getTxID() } };
    await ledger.putCreditRecord('creditDispute', [disputeId], ruled);
    return canonicalJson(ruled);
  }

  @Transaction(false)
  @Returns('string')
  public async financier(ctx: Context, id: string): Promise<string> {
    return canonicalJson(await financierOf(new TraceLedger(ctx.stub), id));
  }

  /** The enterprise's authorisation of the financier as the ledger holds it (revoked or expired ones too). */
  @Transaction(false)
  @Returns('string')
  public async authorisation(ctx: Context, enterprise: string, financierId: string): Promise<string> {
    const authorisation = await new TraceLedger(ctx.stub).creditRecord<CreditAuthorisation>('creditAuthorisation', [enterprise, financierId]);
    if (!authorisation) throw new TraceError('NOT_FOUND', `${enterprise} never authorised ${financierId}`);
    return canonicalJson(authorisation);
  }

  @Transaction(false)
  @Returns('string')
  public async getDispute(ctx: Context, id: string): Promise<string> {
    const dispute = await new TraceLedger(ctx.stub).creditRecord<CreditDispute>('creditDispute', [id]);
    if (!dispute) throw new TraceError('NOT_FOUND', `no dispute ${id}`);
    return canonicalJson(dispute);
  }
}

/** The caller acting for its own registered enterprise (a suspended one too: it may still seek credit and dispute). */
async function enterpriseActor(ctx: Context, ledger: TraceLedger): Promise<Actor> {
  const actor = await actorOf(ctx, ledger);
  if (!(await ledger.enterprise(actor.mspId))) throw new TraceError('UNKNOWN_ENTERPRISE', `no enterprise is registered for ${actor.mspId}`);
  return actor;
}

async function financierOf(ledger: TraceLedger, id: string): Promise<Financier> {
  const financier = await ledger.creditRecord<Financier>('creditFinancier', [id]);
  if (!financier) throw new TraceError('NOT_FOUND', `no financier ${id} is registered`);
  return financier;
}

async function assertOwnEvidence(ledger: TraceLedger, actor: Actor, kind: string, evidenceId: string): Promise<void> {
  const refuse = (why: string) => new TraceError('CREDIT_NOT_AUTHORISED', `${actor.mspId} may not dispute ${evidenceId}: ${why}`);
  if (kind === 'conformance') {
    const summary = await ledger.eventSummary(evidenceId);
    if (!summary) throw new TraceError('NOT_FOUND', `no event ${evidenceId}`);
    if (!objectsOf(summary).some((epc) => brandOwnerOf(actor.charter, epc) === actor.mspId)) throw refuse('the inspection is of no item of its GTINs');
  }
  if (kind === 'delivery') {
    const waybill = await ledger.waybill(evidenceId);
    if (!waybill) throw new TraceError('NOT_FOUND', `no waybill ${evidenceId}`);
    if (waybill.carrier !== actor.mspId) throw refuse(`the waybill is ${waybill.carrier}'s, its carrier`);
  }
  if (kind === 'declaration') {
    const declaration = await ledger.customsDeclaration(evidenceId);
    if (!declaration) throw new TraceError('NOT_FOUND', `no declaration ${evidenceId}`);
    if (declaration.declaredBy !== actor.mspId) throw refuse(`the declaration is ${declaration.declaredBy}'s, its declarant`);
  }
  if (kind === 'sanction') {
    const history = await ledger.enterpriseHistory(actor.mspId);
    if (!history.some((v) => v.txId === evidenceId && v.value?.status === 'suspended')) throw refuse('no suspension of it was written by that transaction');
  }
}
