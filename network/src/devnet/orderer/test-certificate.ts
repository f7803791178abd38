/**
 * A self-signed ECDSA P-256 X.509 certificate built with node:crypto, for tests that need a real
 * certificate with chosen validity (e.g. an expired one). Test-only: minimal fields, no extensions.
 */
import { sign, type KeyObject } from 'node:crypto';
import { tlv } from './der';

const SEQUENCE = 0x30;
const SET = 0x31;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const UTF8_STRING = 0x0c;
const UTC_TIME = 0x17;
const EXPLICIT_0 = 0xa0;
/** OID 1.2.840.10045.4.3.2 (ecdsa-with-SHA256), encoded. */
const ECDSA_WITH_SHA256 = Buffer.from('06082a8648ce3d040302', 'hex');
/** OID 2.5.4.3 (commonName), encoded. */
const COMMON_NAME = Buffer.from('0603550403', 'hex');

export function selfSignedCertificatePem(keys: { privateKey: KeyObject; publicKey: KeyObject }, commonName: string, notBefore: Date, notAfter: Date): string {
  const algorithm = tlv(SEQUENCE, ECDSA_WITH_SHA256);
  const name = tlv(SEQUENCE, tlv(SET, tlv(SEQUENCE, Buffer.concat([COMMON_NAME, tlv(UTF8_STRING, Buffer.from(commonName))]))));
  const tbs = tlv(
    SEQUENCE,
    Buffer.concat([
      tlv(EXPLICIT_0, tlv(INTEGER, Uint8Array.of(2))), // v3
      tlv(INTEGER, Uint8Array.of(1)),
      algorithm,
      name,
      tlv(SEQUENCE, Buffer.concat([utcTime(notBefore), utcTime(notAfter)])),
      name,
      keys.publicKey.export({ format: 'der', type: 'spki' }),
    ]),
  );
  const signature = sign('sha256', tbs, keys.privateKey);
  const der = tlv(SEQUENCE, Buffer.concat([tbs, algorithm, tlv(BIT_STRING, Buffer.concat([Uint8Array.of(0), signature]))]));
  const base64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}

/** YYMMDDHHMMSSZ, valid for 1950 to 2049. */
function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return tlv(UTC_TIME, Buffer.from(text));
}
