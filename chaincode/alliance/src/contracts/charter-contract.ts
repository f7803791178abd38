import { canonicalJson, parseCharter, TraceError } from '@crossborder-trace/domain';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { TraceLedger } from '../ledger/trace-ledger';
import { callerOf, charterOf } from './caller';

/**
 * The alliance charter: which MSP is the regulator, which roles each member may hold, which GS1 company prefixes
 * each holds. Written once at deployment; every change after that needs the endorsement of a majority of the
 * members' peers, which Fabric checks at commit (state-based endorsement on the charter's key), and stays in the
 * key's history for anyone to audit.
 */
export class CharterContract extends Contract {
  constructor() {
    super('charter');
  }

  /** The first charter, from the network description, by an admin of one of its members. */
  @Transaction()
  @Returns('string')
  public async init(ctx: Context, charterJson: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const existing = await ledger.charter();
    if (existing) throw new TraceError('CHARTER_EXISTS', `the alliance charter is at version ${existing.version}; change it with charter:amend`);
    const charter = { ...parseCharter(charterJson), version: 1 };
    assertMemberAdmin(ctx, charter.members);
    await ledger.putCharter(charter);
    return canonicalJson(charter);
  }

  /** A new charter: valid only when a majority of the current members' peers endorse the transaction. */
  @Transaction()
  @Returns('string')
  public async amend(ctx: Context, charterJson: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const current = await charterOf(ledger);
    assertMemberAdmin(ctx, current.members);
    const charter = { ...parseCharter(charterJson), version: current.version + 1 };
    await ledger.putCharter(charter);
    return canonicalJson(charter);
  }

  @Transaction(false)
  @Returns('string')
  public async get(ctx: Context): Promise<string> {
    return canonicalJson(await charterOf(new TraceLedger(ctx.stub)));
  }

  /** Every version of the charter with the transaction that wrote it, oldest first. */
  @Transaction(false)
  @Returns('string')
  public async history(ctx: Context): Promise<string> {
    return canonicalJson(await new TraceLedger(ctx.stub).charterHistory());
  }
}

function assertMemberAdmin(ctx: Context, members: Readonly<Record<string, unknown>>): void {
  const caller = callerOf(ctx);
  if (!caller.isAdmin || !(caller.mspId in members)) {
    throw new TraceError('ROLE_NOT_GRANTED', `only an admin of a member of the alliance proposes its charter (${caller.mspId}${caller.isAdmin ? '' : ', not an admin'})`);
  }
}
