import { actingRole, txTimeMs, type AllianceCharter, type Role } from '@crossborder-trace/domain';
import type { Context } from 'fabric-contract-api';

/** The caller and the role the alliance charter grants it (its certificate's `role` attribute chooses among them). */
export interface PublicActor {
  readonly mspId: string;
  readonly role: Role;
  readonly isRegulator: boolean;
}

export function publicActorOf(ctx: Context, charter: AllianceCharter): PublicActor {
  const mspId = ctx.clientIdentity.getMSPID();
  const role = actingRole(charter, mspId, ctx.clientIdentity.getAttributeValue('role') ?? undefined);
  return { mspId, role, isRegulator: mspId === charter.regulator && role === 'regulator' };
}

/** The transaction's timestamp (the client's, which every endorser sees alike), UTC with milliseconds. */
export function txTimeOf(ctx: Context): string {
  return new Date(txTimeMs(ctx.stub.getTxTimestamp())).toISOString();
}
