import { TraceError } from './errors';
import type { Role } from './roles';

/**
 * Which role may record each CBV 2.0 business step: the one table of authority (seed 000, 4.3: every firm
 * records only what is within its own responsibility). A step not listed here is recordable by nobody.
 */
const STEP_AUTHORITY: Readonly<Record<string, readonly Role[]>> = {
  // Making the product and checking it at the factory.
  commissioning: ['manufacturer'],
  encoding: ['manufacturer'],
  assembling: ['manufacturer'],
  creating_class_instance: ['manufacturer'],
  inspecting: ['manufacturer', 'customs'],
  sampling: ['manufacturer', 'customs'],
  repairing: ['manufacturer'],
  decommissioning: ['manufacturer', 'platform'],
  destroying: ['manufacturer', 'customs'],
  // Moving it: packing, shipping, carrying, handing over.
  packing: ['manufacturer', 'logistics'],
  unpacking: ['logistics', 'platform'],
  loading: ['logistics'],
  unloading: ['logistics'],
  staging_outbound: ['manufacturer', 'logistics'],
  shipping: ['manufacturer', 'logistics'],
  departing: ['logistics'],
  transporting: ['logistics'],
  arriving: ['logistics'],
  storing: ['logistics', 'platform'],
  cycle_counting: ['logistics', 'platform'],
  // The border.
  holding: ['customs'],
  accepting: ['customs', 'platform'],
  // The platform's side: receiving, selling, returns.
  receiving: ['logistics', 'platform'],
  stocking: ['platform'],
  retail_selling: ['platform'],
  picking: ['platform', 'logistics'],
  returning: ['platform'],
  void_shipping: ['platform', 'logistics'],
};

/** The roles that may record a business step (bare CBV word), none when it is outside the table. */
export function rolesForStep(bizStep: string): readonly Role[] {
  return STEP_AUTHORITY[bizStep] ?? [];
}

/** Throws TraceError STEP_NOT_AUTHORISED unless the role may record the step. */
export function assertMayRecord(role: Role, bizStep: string): void {
  const allowed = rolesForStep(bizStep);
  if (!allowed.includes(role)) {
    const who = allowed.length > 0 ? `only ${allowed.join(', ')} may record it` : 'no role of the alliance records it';
    throw new TraceError('STEP_NOT_AUTHORISED', `bizStep '${bizStep}' is outside the authority of role '${role}': ${who}`);
  }
}
