import { createHash, X509Certificate } from 'node:crypto';
import { actingRole, assertActsAs, TraceError, type AllianceCharter, type Enterprise, type Role } from '@crossborder-trace/domain';
import type { Context } from 'fabric-contract-api';
import type { TraceLedger } from '../ledger/trace-ledger';

/** Who submitted the transaction, from the certificate the peer verified. */
export interface Caller {
  readonly mspId: string;
  /** The certificate's `role` attribute (Fabric CA's attribute extension), as its own CA wrote it. */
  readonly certificateRole?: string;
  /** An org admin (NodeOU admin). */
  readonly isAdmin: boolean;
}

export function callerOf(ctx: Context): Caller {
  const identity = ctx.clientIdentity;
  return {
    mspId: identity.getMSPID(),
    certificateRole: identity.getAttributeValue('role') ?? undefined,
    isAdmin: subjectOf(identity.getIDBytes()).split('\n').includes('OU=admin'),
  };
}

/**
 * The subjects of the certificates that called lately, by the SHA-256 of the certificate (an entry stays small
 * however large a certificate its CA issued). fabric-shim parses the certificate for its ClientIdentity; reading the
 * subject meant parsing it a second time, which cost a transaction more than its other checks of the caller, and
 * few identities make most calls. Emptied when full.
 */
const subjects = new Map<string, string>();
const SUBJECTS_KEPT = 256;

function subjectOf(certificate: Uint8Array): string {
  const key = createHash('sha256').update(certificate).digest('base64');
  let subject = subjects.get(key);
  if (subject === undefined) {
    subject = new X509Certificate(certificate).subject;
    if (subjects.size >= SUBJECTS_KEPT) subjects.clear();
    subjects.set(key, subject);
  }
  return subject;
}

/** A caller acting in a role the alliance charter grants its MSP. */
export interface Actor extends Caller {
  readonly role: Role;
  readonly charter: AllianceCharter;
}

/** The charter, which every decision on who may act rests on. @throws TraceError NO_CHARTER */
export async function charterOf(ledger: TraceLedger): Promise<AllianceCharter> {
  const charter = await ledger.charter();
  if (!charter) throw new TraceError('NO_CHARTER', 'the alliance charter has not been written: deploy the network from its description');
  return charter;
}

/** The caller and the role it acts in: the charter's grant, chosen by the certificate's attribute. */
export async function actorOf(ctx: Context, ledger: TraceLedger): Promise<Actor> {
  const caller = callerOf(ctx);
  const charter = await charterOf(ledger);
  return { ...caller, role: actingRole(charter, caller.mspId, caller.certificateRole), charter };
}

/** An actor whose enterprise is registered with the role and active: who may write to the ledger. */
export async function activeActorOf(ctx: Context, ledger: TraceLedger): Promise<Actor & { readonly enterprise: Enterprise }> {
  const actor = await actorOf(ctx, ledger);
  const enterprise = await ledger.enterprise(actor.mspId);
  assertActsAs(enterprise, actor.mspId, actor.role);
  return { ...actor, enterprise: enterprise! };
}
