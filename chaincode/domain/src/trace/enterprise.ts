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
  return { mspId, ...registration, status: existing?.status ?? 'active' };
}

/** The role the caller acts in: its certificate's role, which its enterprise must hold and be active for. */
export function assertActsAs(enterprise: Enterprise | undefined, mspId: string, role: Role): void {
  if (!enterprise) throw new TraceError('UNKNOWN_ENTERPRISE', `no enterprise is registered for ${mspId}`);
  if (enterprise.status !== 'active') throw new TraceError('ENTERPRISE_SUSPENDED', `${enterprise.name} (${mspId}) is suspended`);
  if (!enterprise.roles.includes(role)) {
    throw new TraceError('ROLE_NOT_AUTHORISED', `${enterprise.name} (${mspId}) is registered as ${enterprise.roles.join(', ')}, not ${role}`);
  }
}
