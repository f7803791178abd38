import { X509Certificate } from 'node:crypto';

/** Fabric CA's attribute extension (OID 1.2.3.4.5.6.7.8.1) in DER: the OID's tag, length and encoded arcs. */
const ATTRIBUTES_OID = Buffer.from([0x06, 0x08, 0x2a, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x01]);

/**
 * The attributes Fabric CA wrote into a certificate: the extension's value is an OCTET STRING holding the raw JSON
 * {"attrs":{...}}, after an optional `critical` BOOLEAN. None for a certificate without the extension.
 */
export function certificateAttributes(pem: string): Readonly<Record<string, string>> {
  const der = Buffer.from(new X509Certificate(pem).raw);
  const at = der.indexOf(ATTRIBUTES_OID);
  if (at < 0) return {};
  let i = at + ATTRIBUTES_OID.length;
  if (der[i] === 0x01) i += 3; // critical BOOLEAN
  if (der[i] !== 0x04) return {};
  const [length, start] = derLength(der, i + 1);
  try {
    const attrs = (JSON.parse(der.subarray(start, start + length).toString('utf8')) as { attrs?: Record<string, unknown> }).attrs ?? {};
    return Object.fromEntries(Object.entries(attrs).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** A DER length at the offset: its value and where the content starts. */
function derLength(der: Buffer, offset: number): [number, number] {
  const first = der[offset];
  if (first < 0x80) return [first, offset + 1];
  const bytes = first & 0x7f;
  let length = 0;
  for (let k = 1; k <= bytes; k++) length = length * 256 + der[offset + k];
  return [length, offset + 1 + bytes];
}
