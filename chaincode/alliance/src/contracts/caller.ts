import { X509Certificate } from 'node:crypto';
import { isRole, TraceError, type Role } from '@crossborder-trace/domain';
import type { Context } from 'fabric-contract-api';

/** Who submitted the transaction, from the certificate the peer verified. */
export interface Caller {
  readonly mspId: string;
  /** The certificate's `role` attribute (Fabric CA's attribute extension), when it has a valid one. */
  readonly role?: Role;
  /** An org admin (NodeOU admin). */
  readonly isAdmin: boolean;
}

export function callerOf(ctx: Context): Caller {
  const identity = ctx.clientIdentity;
  const role = identity.getAttributeValue('role') ?? undefined;
  const subject = new X509Certificate(identity.getIDBytes()).subject;
  return {
    mspId: identity.getMSPID(),
    role: role !== undefined && isRole(role) ? role : undefined,
    isAdmin: subject.split('\n').includes('OU=admin'),
  };
}

/** The caller's role, which every recording and reading decision rests on. */
export function roleOf(caller: Caller): Role {
  if (!caller.role) throw new TraceError('ROLE_NOT_AUTHORISED', `the caller's certificate (${caller.mspId}) carries no alliance role attribute`);
  return caller.role;
}
