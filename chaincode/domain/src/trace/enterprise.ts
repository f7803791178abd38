import { z } from 'zod';
import { TraceError } from './errors';
import { ROLES, type Role } from './roles';
import { parseJsonInput } from './json-input';

/** An enterprise of the alliance: one per MSP (org), registered by that org's admin. */
export interface Enterprise {
  readonly mspId: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly roles: readonly Role[];
  /** Only the regulator changes it. */
  readonly status: EnterpriseStatus;
  /** Why the regulator last changed the status, and when and by which transaction (absent until it first does). */
  readonly statusReason?: string;
  readonly statusChangedAt?: string;
  readonly statusTxId?: string;
}

export type EnterpriseStatus = 'active' | 'suspended';

/** What an org's admin submits; the MSP id comes from the caller's certificate, never from the request. */
export const enterpriseRegistrationSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in capitals, e.g. CN'),
    roles: z.array(z.enum(ROLES)).min(1),
  })
  .strict();

export type EnterpriseRegistration = z.infer<typeof enterpriseRegistrationSchema>;

export function parseEnterpriseRegistration(json: string): EnterpriseRegistration {
  const registration = parseJsonInput(enterpriseRegistrationSchema, json, 'INVALID_ENTERPRISE', 'the registration');
  return { ...registration, roles: [...new Set(registration.roles)].sort() };
}

/**
 * The enterprise as registered by an org's admin. A registration again (an update) keeps the status: only
 * the regulator lifts a suspension.
 */
export function registeredEnterprise(mspId: string, registration: EnterpriseRegistration, existing?: Enterprise): Enterprise {
  return {
    mspId,
    ...registration,
    status: existing?.status ?? 'active',
    statusReason: existing?.statusReason,
    statusChangedAt: existing?.statusChangedAt,
    statusTxId: existing?.statusTxId,
  };
}

/** The longest reason a status change gives. */
export const MAX_STATUS_REASON = 1_000;

/**
 * A status change as the regulator asks it: active or suspended, with a reason (1 to MAX_STATUS_REASON characters,
 * trimmed), which the enterprise's record and its history show. @throws TraceError INVALID_ENTERPRISE
 */
export function parseStatusChange(status: string, reason: string): { readonly status: EnterpriseStatus; readonly reason: string } {
  if (status !== 'active' && status !== 'suspended') throw new TraceError('INVALID_ENTERPRISE', `status must be active or suspended, not '${status}'`);
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_STATUS_REASON) {
    throw new TraceError('INVALID_ENTERPRISE', `a status change gives its reason: 1 to ${MAX_STATUS_REASON} characters`);
  }
  return { status, reason: trimmed };
}

/** The role the caller acts in: its certificate's role, which its enterprise must hold and be active for. */
export function assertActsAs(enterprise: Enterprise | undefined, mspId: string, role: Role): void {
  if (!enterprise) throw new TraceError('UNKNOWN_ENTERPRISE', `no enterprise is registered for ${mspId}`);
  if (enterprise.status !== 'active') throw new TraceError('ENTERPRISE_SUSPENDED', `${enterprise.name} (${mspId}) is suspended`);
  if (!enterprise.roles.includes(role)) {
    throw new TraceError('ROLE_NOT_AUTHORISED', `${enterprise.name} (${mspId}) is registered as ${enterprise.roles.join(', ')}, not ${role}`);
  }
}
