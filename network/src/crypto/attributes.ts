import { CryptoMaterialError } from './errors';

/**
 * Fabric CA's attribute extension: a non-critical X.509 extension whose value is the raw UTF-8 JSON
 * {"attrs":{...}} (not wrapped in an ASN.1 string). fabric-shim's ClientIdentity and Fabric's attrmgr read
 * it under this OID.
 */
export const FABRIC_ATTRIBUTES_OID = '1.2.3.4.5.6.7.8.1';

/** Attribute names Fabric CA reserves for itself. */
const RESERVED_PREFIX = 'hf.';

export type CertificateAttributes = Readonly<Record<string, string>>;

/** The attributes Fabric CA writes for an enrolled identity, followed by the caller's own ones. */
export function enrollmentAttributes(
  enrollmentId: string,
  type: string,
  attrs: CertificateAttributes,
): CertificateAttributes {
  const reserved = Object.keys(attrs).find((name) => name.startsWith(RESERVED_PREFIX));
  if (reserved) throw new CryptoMaterialError(`attribute ${reserved} is reserved (names starting with ${RESERVED_PREFIX})`);
  return { 'hf.Affiliation': '', 'hf.EnrollmentID': enrollmentId, 'hf.Type': type, ...attrs };
}

/** Extension value bytes; keys sorted as Go's encoding/json orders map keys. */
export function encodeAttributes(attrs: CertificateAttributes): Buffer {
  const sorted: Record<string, string> = {};
  for (const name of Object.keys(attrs).sort()) sorted[name] = attrs[name];
  return Buffer.from(JSON.stringify({ attrs: sorted }), 'utf8');
}

/** The attributes in an extension value; an unreadable value carries none (Fabric's MSP ignores it too). */
export function decodeAttributes(value: Uint8Array): CertificateAttributes {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value).toString('utf8'));
  } catch {
    return {};
  }
  const attrs = (parsed as { attrs?: unknown } | null)?.attrs;
  if (typeof attrs !== 'object' || attrs === null) return {};
  const result: Record<string, string> = {};
  for (const [name, attr] of Object.entries(attrs)) if (typeof attr === 'string') result[name] = attr;
  return result;
}
