import { TraceError } from './errors';
import type { Role } from './roles';

/** The roles that record events; the regulator watches and acts, it records no business step. */
const RECORDING_ROLES: readonly Role[] = ['manufacturer', 'platform', 'logistics', 'customs'];

/**
 * Which role may record each CBV 2.0 business step: the one table of authority (seed 000, 4.3: every firm
 * records only what is within its own responsibility). A CBV step not listed here is recordable by nobody.
 */
const STEP_AUTHORITY: Readonly<Record<string, readonly Role[]>> = {
  // Making the product and checking it at the factory.
  commissioning: ['manufacturer'],
  encoding: ['manufacturer'],
  assembling: ['manufacturer'],
  installing: ['manufacturer'],
  disassembling: ['manufacturer'],
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
  // The platform's side: receiving, stocking, selling.
  receiving: ['logistics', 'platform'],
  stocking: ['platform'],
  retail_selling: ['platform'],
  picking: ['platform', 'logistics'],
  void_shipping: ['platform', 'logistics'],
  // Whoever holds the goods and the sensor.
  sensor_reporting: RECORDING_ROLES,
  other: RECORDING_ROLES,
};

/** Every CBV step some role may record: the screening table must decide each of them. */
export const AUTHORISED_STEPS: readonly string[] = Object.keys(STEP_AUTHORITY);

/**
 * The roles that may record an event with this business step: a CBV step (a bare word, as normalised events
 * carry it) by the table; a firm's own step (an absolute URI) or no step at all by any recording role, since
 * the alliance has no vocabulary to judge them by.
 */
export function rolesForStep(bizStep: string | undefined): readonly Role[] {
  const step = bizStep === undefined ? undefined : cbvStepWord(bizStep);
  if (step === undefined || step.includes(':')) return RECORDING_ROLES;
  return STEP_AUTHORITY[step] ?? [];
}

/** The CBV 2.0 spellings of a step (URN, GS1 web vocabulary URI) as its bare word; any other step as written. */
const CBV_STEP_PREFIX = /^(urn:epcglobal:cbv:bizstep:|https:\/\/ref\.gs1\.org\/cbv\/BizStep-)/;

export function cbvStepWord(bizStep: string): string {
  return bizStep.replace(CBV_STEP_PREFIX, '');
}

/**
 * Dispositions the CBV gives as the outcome of particular steps: an event sets one only with one of its steps
 * (so a step-less event, or one with a firm's own step URI, cannot), and so only a role that may record that
 * step sets it. `recalled` has no CBV step of its own: it is the brand owner's word on its products (the
 * custody table lets a brand owner record it wherever its items are). Any other disposition describes the
 * goods in hand and is its custodian's to set.
 */
const DISPOSITION_AUTHORITY: Readonly<Record<string, { readonly steps?: readonly string[]; readonly roles?: readonly Role[] }>> = {
  // Verdicts: only inspection and sampling give them.
  conformant: { steps: ['inspecting', 'sampling'] },
  non_conformant: { steps: ['inspecting', 'sampling'] },
  destroyed: { steps: ['destroying'] },
  retail_sold: { steps: ['retail_selling'] },
  encoded: { steps: ['encoding'] },
  recalled: { roles: ['manufacturer'] },
};

/** The CBV steps whose disposition is an inspection's verdict, as summaries show it. */
export const VERDICT_STEPS: ReadonlySet<string> = new Set(['inspecting', 'sampling']);

/** Throws TraceError DISPOSITION_NOT_AUTHORISED unless the role may set the disposition with this step. */
export function assertMaySetDisposition(role: Role, bizStep: string | undefined, disposition: string | undefined): void {
  const rule = disposition === undefined ? undefined : DISPOSITION_AUTHORITY[disposition];
  if (!rule) return;
  const step = bizStep === undefined ? undefined : cbvStepWord(bizStep);
  if (rule.steps && (step === undefined || !rule.steps.includes(step))) {
    throw new TraceError('DISPOSITION_NOT_AUTHORISED', `disposition '${disposition}' is set only by ${rule.steps.join(' or ')}, not by ${step === undefined ? 'an event without bizStep' : `'${step}'`}`);
  }
  if (rule.roles && !rule.roles.includes(role)) {
    throw new TraceError('DISPOSITION_NOT_AUTHORISED', `disposition '${disposition}' is set only by ${rule.roles.join(', ')}, not by role '${role}'`);
  }
}

/** Throws TraceError STEP_NOT_AUTHORISED unless the role may record the step. */
export function assertMayRecord(role: Role, bizStep: string | undefined): void {
  const allowed = rolesForStep(bizStep);
  if (!allowed.includes(role)) {
    const who = allowed.length > 0 ? `only ${allowed.join(', ')} may record it` : 'no role of the alliance records it';
    const step = bizStep === undefined ? 'an event without bizStep' : `bizStep '${cbvStepWord(bizStep)}'`;
    throw new TraceError('STEP_NOT_AUTHORISED', `${step} is outside the authority of role '${role}': ${who}`);
  }
}
