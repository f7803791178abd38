import { z } from 'zod';
import { TraceError } from './errors';
import { isRole, ROLES, type Role } from './roles';
import { parseJsonInput } from './json-input';

/**
 * The alliance charter: the members' own word on who may act in which role. It is written once when the
 * network is deployed (from the network description) and changed only by a transaction that a majority of
 * member orgs endorse. A certificate's `role` attribute, which the caller's own CA writes, only chooses among
 * the roles the charter grants the caller's MSP.
 */
export interface AllianceCharter {
  /** 1 when first written; each amendment adds one. */
  readonly version: number;
  /** The one MSP whose users act as the regulator: it suspends and reinstates enterprises. */
  readonly regulator: string;
  /** Every member MSP, by MSP id. */
  readonly members: Readonly<Record<string, CharterMember>>;
}

export interface CharterMember {
  /** ISO 3166-1 alpha-2: where the member is; customs acts on its own country's imports. */
  readonly country: string;
  readonly roles: readonly Role[];
  /**
   * The GS1 company prefixes the member holds: it is the brand owner of every GS1 key under them. No two
   * prefixes in a charter overlap (none starts another), so a key has at most one holder.
   */
  readonly companyPrefixes: readonly string[];
}

/** GS1 company prefixes are 4 to 12 digits (GS1 General Specifications, 1.4.3). */
const COMPANY_PREFIX = /^\d{4,12}$/;
const MSP_ID = /^[A-Za-z0-9.\-_]{1,100}$/;
/** Bounds that keep every check of a charter small on every endorsing peer, whatever a member proposes. */
export const MAX_CHARTER_MEMBERS = 100;
export const MAX_COMPANY_PREFIXES = 100;

const memberSchema = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in capitals, e.g. CN'),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
    companyPrefixes: z.array(z.string().regex(COMPANY_PREFIX, 'a GS1 company prefix: 4 to 12 digits')).max(MAX_COMPANY_PREFIXES).default([]),
  })
  .strict();

const charterSchema = z
  .object({
    regulator: z.string().regex(MSP_ID, 'an MSP id'),
    members: z
      .record(z.string().regex(MSP_ID, 'an MSP id'), memberSchema)
      .refine((members) => Object.keys(members).length <= MAX_CHARTER_MEMBERS, `at most ${MAX_CHARTER_MEMBERS} members`),
  })
  .strict();

/** What a deployment or an amendment proposes: the charter without its version, which the ledger keeps. */
export type CharterProposal = Omit<AllianceCharter, 'version'>;

/**
 * A proposed charter, validated: exactly one regulator (the named MSP, a member granted that role), roles and
 * prefixes sorted, no prefix overlapping another. @throws TraceError INVALID_CHARTER
 */
export function parseCharter(json: string): CharterProposal {
  const proposed = parseJsonInput(charterSchema, json, 'INVALID_CHARTER', 'the charter');
  const members: Record<string, CharterMember> = {};
  for (const mspId of Object.keys(proposed.members).sort()) {
    const member = proposed.members[mspId];
    members[mspId] = { country: member.country, roles: [...new Set(member.roles)].sort(), companyPrefixes: [...new Set(member.companyPrefixes)].sort() };
  }
  const charter = { regulator: proposed.regulator, members };
  assertCoherent(charter);
  return charter;
}

function assertCoherent(charter: CharterProposal): void {
  const regulators = Object.entries(charter.members).filter(([, member]) => member.roles.includes('regulator'));
  if (regulators.length !== 1 || regulators[0][0] !== charter.regulator) {
    const named = regulators.map(([mspId]) => mspId).join(', ') || 'none';
    throw new TraceError('INVALID_CHARTER', `the regulator ${charter.regulator} must be the one member granted the regulator role (granted to: ${named})`);
  }
  // In sorted order a prefix that starts another also starts every prefix between them: neighbours suffice.
  const held = Object.entries(charter.members)
    .flatMap(([mspId, member]) => member.companyPrefixes.map((prefix) => ({ mspId, prefix })))
    .sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
  for (let i = 1; i < held.length; i += 1) {
    const [shorter, longer] = [held[i - 1], held[i]];
    if (longer.prefix.startsWith(shorter.prefix)) {
      throw new TraceError('INVALID_CHARTER', `company prefix ${longer.prefix} (${longer.mspId}) overlaps ${shorter.prefix} (${shorter.mspId}): a GS1 key would have two holders`);
    }
  }
}

/**
 * The role the caller acts in: the certificate's `role` attribute when the charter grants it to the caller's
 * MSP; with no attribute, the MSP's only granted role. @throws TraceError ROLE_NOT_GRANTED
 */
export function actingRole(charter: AllianceCharter, mspId: string, certificateRole: string | undefined): Role {
  const granted = charter.members[mspId]?.roles ?? [];
  if (granted.length === 0) throw new TraceError('ROLE_NOT_GRANTED', `the alliance charter grants ${mspId} no role`);
  if (certificateRole === undefined) {
    if (granted.length === 1) return granted[0];
    throw new TraceError('ROLE_NOT_GRANTED', `${mspId} holds ${granted.join(', ')}: the certificate's role attribute must choose one`);
  }
  if (!isRole(certificateRole) || !granted.includes(certificateRole)) {
    throw new TraceError('ROLE_NOT_GRANTED', `the alliance charter grants ${mspId} ${granted.join(', ')}, not '${certificateRole}'`);
  }
  return certificateRole;
}

/**
 * An enterprise registers as what the charter says it is: only roles it grants (ROLE_NOT_GRANTED), in the country
 * it names (INVALID_ENTERPRISE).
 */
export function assertRegistrationChartered(charter: AllianceCharter, mspId: string, registration: { readonly country: string; readonly roles: readonly Role[] }): void {
  const member = charter.members[mspId];
  const granted = member?.roles ?? [];
  const missing = registration.roles.filter((role) => !granted.includes(role));
  if (missing.length > 0) {
    throw new TraceError('ROLE_NOT_GRANTED', `the alliance charter grants ${mspId} ${granted.join(', ') || 'no role'}, not ${missing.join(', ')}`);
  }
  if (member.country !== registration.country) {
    throw new TraceError('INVALID_ENTERPRISE', `the alliance charter places ${mspId} in ${member.country}, not ${registration.country}`);
  }
}

/** The member MSPs whose endorsement changes the charter: more than half of them (Fabric's MAJORITY). */
export function charterMajority(charter: CharterProposal): { readonly required: number; readonly mspIds: readonly string[] } {
  const mspIds = Object.keys(charter.members).sort();
  return { required: Math.floor(mspIds.length / 2) + 1, mspIds };
}

/** The member holding the company prefix that starts `digits` (the key's digits from where its prefix begins). */
export function prefixHolder(charter: AllianceCharter, digits: string): string | undefined {
  for (const [mspId, member] of Object.entries(charter.members)) {
    if (member.companyPrefixes.some((prefix) => digits.startsWith(prefix))) return mspId;
  }
  return undefined;
}
