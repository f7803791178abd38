import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import { encodeAttributes, FABRIC_ATTRIBUTES_OID, type CertificateAttributes } from './attributes';
import { isLowS, parseEcdsaSignature } from './ecdsa';
import { ECDSA_P256_SHA256, type KeyPair } from './keys';
import { toPem } from './pem';
import { x509 } from './x509';

/** cryptogen's subject defaults for every certificate it issues. */
const COUNTRY = 'US';
const PROVINCE = 'California';
const LOCALITY = 'San Francisco';
/** cryptogen: about ten years, starting five minutes back (clock skew between hosts). */
const VALIDITY_MS = 3650 * 24 * 3600 * 1000;
const BACKDATE_MS = 5 * 60 * 1000;
/** Each signature has S in the high half with probability 1/2; this many retries never run out in practice. */
const MAX_SIGNING_ATTEMPTS = 64;

export const KeyUsage = x509.KeyUsageFlags;
export const ExtendedKeyUsage = x509.ExtendedKeyUsage;

export interface SubjectSpec {
  readonly organization: string;
  readonly organizationalUnit?: string;
  readonly commonName: string;
}

export interface CertificateSpec {
  readonly subject: SubjectSpec;
  readonly keyUsages: number;
  readonly extendedKeyUsages: readonly string[];
  /** DNS names and IP addresses. */
  readonly subjectAltNames?: readonly string[];
  readonly attributes?: CertificateAttributes;
}

/** A CA able to sign: its certificate and key. */
export interface SigningAuthority {
  readonly certificate: x509.X509Certificate;
  readonly keys: KeyPair;
}

export class CertificateIssueError extends Error {
  override readonly name = 'CertificateIssueError';
}

/** A self-signed root CA certificate as cryptogen's NewCA makes it; returns PEM. */
export async function createRootCertificate(subject: SubjectSpec, keys: KeyPair): Promise<string> {
  const ski = await subjectKeyIdentifier(keys);
  return signWithLowS(async (validity) => {
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      ...validity,
      name: subjectName(subject),
      keys: { privateKey: keys.privateKey, publicKey: keys.publicKey },
      signingAlgorithm: ECDSA_P256_SHA256,
      extensions: [
        new x509.KeyUsagesExtension(
          KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign | KeyUsage.cRLSign,
          true,
        ),
        new x509.ExtendedKeyUsageExtension([ExtendedKeyUsage.clientAuth, ExtendedKeyUsage.serverAuth]),
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.SubjectKeyIdentifierExtension(ski),
      ],
    });
    return certificate;
  });
}

/** An end-entity certificate signed by the authority (cryptogen's SignCertificate); returns PEM. */
export async function issueCertificate(
  spec: CertificateSpec,
  publicKey: webcrypto.CryptoKey,
  authority: SigningAuthority,
): Promise<string> {
  const authorityKeyId = authority.certificate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  if (!authorityKeyId) throw new CertificateIssueError(`CA ${authority.certificate.subject} has no subject key identifier`);
  const extensions: x509.Extension[] = [new x509.KeyUsagesExtension(spec.keyUsages, true)];
  if (spec.extendedKeyUsages.length > 0) extensions.push(new x509.ExtendedKeyUsageExtension([...spec.extendedKeyUsages]));
  extensions.push(new x509.BasicConstraintsExtension(false, undefined, true));
  extensions.push(new x509.AuthorityKeyIdentifierExtension(authorityKeyId));
  if (spec.subjectAltNames && spec.subjectAltNames.length > 0) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension(
        spec.subjectAltNames.map((name) => ({ type: isIP(name) ? 'ip' : 'dns', value: name })),
      ),
    );
  }
  if (spec.attributes) extensions.push(new x509.Extension(FABRIC_ATTRIBUTES_OID, false, encodeAttributes(spec.attributes)));
  return signWithLowS((validity) =>
    x509.X509CertificateGenerator.create({
      ...validity,
      subject: subjectName(spec.subject),
      issuer: authority.certificate.subjectName,
      publicKey,
      signingKey: authority.keys.privateKey,
      signingAlgorithm: ECDSA_P256_SHA256,
      extensions,
    }),
  );
}

interface Validity {
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/**
 * Fabric's MSP normalises certificate signatures to low-S before comparing certificates, and its own
 * signers only emit low-S; webcrypto does not, so sign again until S is low.
 */
async function signWithLowS(create: (validity: Validity) => Promise<x509.X509Certificate>): Promise<string> {
  const validity = newValidity();
  for (let attempt = 0; attempt < MAX_SIGNING_ATTEMPTS; attempt++) {
    const certificate = await create(validity);
    const signature = parseEcdsaSignature(new Uint8Array(certificate.signature));
    if (signature && isLowS(signature)) return toPem('CERTIFICATE', new Uint8Array(certificate.rawData));
  }
  throw new CertificateIssueError('could not produce a low-S certificate signature');
}

function newValidity(): Validity {
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) || 0x01; // positive and minimally encoded as an ASN.1 INTEGER
  const minute = 60_000;
  const notBefore = new Date(Math.round(Date.now() / minute) * minute - BACKDATE_MS);
  return { serialNumber: serial.toString('hex'), notBefore, notAfter: new Date(notBefore.getTime() + VALIDITY_MS) };
}

/** C, ST, L, O, OU, CN: the order Go's pkix.Name writes, as in cryptogen's certificates. */
function subjectName(subject: SubjectSpec): x509.JsonName {
  const name: x509.JsonName = [{ C: [COUNTRY] }, { ST: [PROVINCE] }, { L: [LOCALITY] }, { O: [subject.organization] }];
  if (subject.organizationalUnit) name.push({ OU: [subject.organizationalUnit] });
  name.push({ CN: [subject.commonName] });
  return name;
}

/** cryptogen's SKI: SHA-256 of the uncompressed public point (RFC 7093 method 4). */
async function subjectKeyIdentifier(keys: KeyPair): Promise<string> {
  const point = Buffer.from(await webcrypto.subtle.exportKey('raw', keys.publicKey));
  return createHash('sha256').update(point).digest('hex');
}
