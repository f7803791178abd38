import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import { decodeAttributes, FABRIC_ATTRIBUTES_OID, toPem, x509, type CertificateAttributes } from '../../crypto';
import { MspError } from './api';

/** id-ce-extKeyUsage anyExtendedKeyUsage. */
const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
/** P-256, the only curve whose signatures the devnet checks (Identity.verify is ECDSA-SHA256 low-S). */
const P256 = 'prime256v1';

/** An X.509 certificate with what the MSP reads from it, parsed once. */
export class MspCertificate {
  readonly der: Buffer;
  /** Canonical PEM (as Fabric's identity.Serialize writes it). */
  readonly pem: string;
  readonly subjectOUs: readonly string[];
  readonly isCa: boolean;
  /** Basic constraints path length, if limited. */
  readonly maxPathLength: number | undefined;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly hasSubjectKeyId: boolean;
  readonly attributes: CertificateAttributes;
  readonly publicKey: KeyObject;
  /** Whether the certificate may serve in a chain verified for TLS server auth (Go's default usage). */
  readonly allowsServerAuth: boolean;
  readonly #node: X509Certificate;

  private constructor(der: Buffer) {
    this.der = der;
    this.pem = toPem('CERTIFICATE', der);
    this.#node = new X509Certificate(der);
    const parsed = new x509.X509Certificate(new Uint8Array(der));
    this.subjectOUs = parsed.subjectName.getField('OU');
    const constraints = parsed.getExtension(x509.BasicConstraintsExtension);
    this.isCa = constraints?.ca ?? false;
    this.maxPathLength = constraints?.ca ? constraints.pathLength : undefined;
    this.notBefore = parsed.notBefore.getTime();
    this.notAfter = parsed.notAfter.getTime();
    this.hasSubjectKeyId = parsed.getExtension(x509.SubjectKeyIdentifierExtension) !== null;
    const attributes = parsed.getExtension(FABRIC_ATTRIBUTES_OID);
    this.attributes = attributes ? decodeAttributes(new Uint8Array(attributes.value)) : {};
    const usages = parsed.getExtension(x509.ExtendedKeyUsageExtension)?.usages.map(String);
    this.allowsServerAuth = !usages || usages.includes(SERVER_AUTH) || usages.includes(ANY_EXTENDED_KEY_USAGE);
    this.publicKey = this.#node.publicKey;
  }

  /** Parses DER; MspError if it is not a certificate with a P-256 ECDSA key. */
  static fromDer(der: Uint8Array): MspCertificate {
    let certificate: MspCertificate;
    try {
      certificate = new MspCertificate(Buffer.from(der));
    } catch (err) {
      throw new MspError(`parseCertificate failed: ${(err as Error).message}`);
    }
    const details = certificate.publicKey.asymmetricKeyDetails;
    if (certificate.publicKey.asymmetricKeyType !== 'ec' || details?.namedCurve !== P256) {
      throw new MspError(`could not validate identity's public key algorithm: only ECDSA P-256 keys are supported`);
    }
    return certificate;
  }

  /** Whether issuer's subject and key identifiers match this certificate's issuer and its key signed it. */
  isSignedBy(issuer: MspCertificate): boolean {
    return this.#node.checkIssued(issuer.#node) && this.#node.verify(issuer.publicKey);
  }

  /** Whether the certificate is within its validity period at time t (ms). */
  isValidAt(t: number): boolean {
    return this.notBefore <= t && t <= this.notAfter;
  }

  equals(other: MspCertificate): boolean {
    return this.der.equals(other.der);
  }
}

/** Fabric's certification chain identifier: SHA-256 over the DER of the chain's certificates. */
export function chainIdentifier(chain: readonly MspCertificate[]): Buffer {
  const hash = createHash('sha256');
  for (const certificate of chain) hash.update(certificate.der);
  return hash.digest();
}
