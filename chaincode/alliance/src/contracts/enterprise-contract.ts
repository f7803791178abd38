import { assertRegistrationChartered, canonicalJson, parseEnterpriseRegistration, registeredEnterprise, TraceError, type EnterpriseStatus } from '@crossborder-trace/domain';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { TraceLedger } from '../ledger/trace-ledger';
import { actorOf, callerOf, charterOf } from './caller';

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

  @Transaction()
  @Returns('string')
  public async setStatus(ctx: Context, mspId: string, status: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await actorOf(ctx, ledger);
    if (actor.role !== 'regulator' || actor.mspId !== actor.charter.regulator) {
      throw new TraceError('ROLE_NOT_AUTHORISED', `only the regulator (${actor.charter.regulator}) changes an enterprise status`);
    }
    if (status !== 'active' && status !== 'suspended') throw new TraceError('INVALID_ENTERPRISE', `status must be active or suspended, not '${status}'`);
    if (mspId === actor.charter.regulator) throw new TraceError('INVALID_ENTERPRISE', 'the regulator does not change its own status: the members amend the charter');
    const enterprise = await ledger.enterprise(mspId);
    if (!enterprise) throw new TraceError('UNKNOWN_ENTERPRISE', `no enterprise is registered for ${mspId}`);
    const updated = { ...enterprise, status: status as EnterpriseStatus };
    await ledger.putEnterprise(updated);
    return canonicalJson(updated);
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
