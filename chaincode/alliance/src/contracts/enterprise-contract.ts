import { assertRegistrationChartered, canonicalJson, parseEnterpriseRegistration, parseStatusChange, registeredEnterprise, TraceError } from '@crossborder-trace/domain';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { TraceLedger } from '../ledger/trace-ledger';
import { actorOf, callerOf, charterOf } from './caller';
import { txTimeOf } from './tx-time';

/** Enterprises of the alliance: each org's admin registers its own; only the charter's regulator suspends or reinstates. */
export class EnterpriseContract extends Contract {
  constructor() {
    super('enterprise');
  }

  /** registrationJson: { name, country, roles }, as the charter grants and places it; the MSP is the caller's. */
  @Transaction()
  @Returns('string')
  public async register(ctx: Context, registrationJson: string): Promise<string> {
    const caller = callerOf(ctx);
    if (!caller.isAdmin) throw new TraceError('ROLE_NOT_AUTHORISED', `only an admin of ${caller.mspId} registers its enterprise`);
    const ledger = new TraceLedger(ctx.stub);
    const registration = parseEnterpriseRegistration(registrationJson);
    assertRegistrationChartered(await charterOf(ledger), caller.mspId, registration);
    const enterprise = registeredEnterprise(caller.mspId, registration, await ledger.enterprise(caller.mspId));
    await ledger.putEnterprise(enterprise);
    return canonicalJson(enterprise);
  }

  /**
   * Suspends or reinstates an enterprise, with the reason its record and history show: the charter's regulator
   * only, never itself. Writes the action's audit entry, which concerns the enterprise.
   */
  @Transaction()
  @Returns('string')
  public async setStatus(ctx: Context, mspId: string, status: string, reason: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await actorOf(ctx, ledger);
    if (actor.role !== 'regulator' || actor.mspId !== actor.charter.regulator) {
      throw new TraceError('ROLE_NOT_AUTHORISED', `only the regulator (${actor.charter.regulator}) changes an enterprise status`);
    }
    const change = parseStatusChange(status, reason);
    if (mspId === actor.charter.regulator) throw new TraceError('INVALID_ENTERPRISE', 'the regulator does not change its own status: the members amend the charter');
    const enterprise = await ledger.enterprise(mspId);
    if (!enterprise) throw new TraceError('UNKNOWN_ENTERPRISE', `no enterprise is registered for ${mspId}`);
    const [txId, time] = [ctx.stub.getTxID(), txTimeOf(ctx)];
    const updated = { ...enterprise, status: change.status, statusReason: change.reason, statusChangedAt: time, statusTxId: txId };
    await ledger.putEnterprise(updated);
    await ledger.putAuditEntry({
      txId,
      time,
      action: 'enterprise_status',
      actor: actor.mspId,
      actorRole: actor.role,
      subject: mspId,
      concerns: [mspId],
      detail: { from: enterprise.status, status: change.status, reason: change.reason },
    });
    return canonicalJson(updated);
  }

  /** Every version of the enterprise's record, oldest first, with the transaction that wrote it: its status changes and their reasons. */
  @Transaction(false)
  @Returns('string')
  public async history(ctx: Context, mspId: string): Promise<string> {
    const history = await new TraceLedger(ctx.stub).enterpriseHistory(mspId);
    if (history.length === 0) throw new TraceError('NOT_FOUND', `no enterprise was ever registered for ${mspId}`);
    return canonicalJson({ mspId, history });
  }

  @Transaction(false)
  @Returns('string')
  public async get(ctx: Context, mspId: string): Promise<string> {
    const enterprise = await new TraceLedger(ctx.stub).enterprise(mspId);
    if (!enterprise) throw new TraceError('NOT_FOUND', `no enterprise is registered for ${mspId}`);
    return canonicalJson(enterprise);
  }

  @Transaction(false)
  @Returns('string')
  public async list(ctx: Context): Promise<string> {
    return canonicalJson(await new TraceLedger(ctx.stub).enterprises());
  }
}
