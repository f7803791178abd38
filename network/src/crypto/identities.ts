import { isDeepStrictEqual } from 'node:util';
import { decodeAttributes, FABRIC_ATTRIBUTES_OID, type CertificateAttributes } from './attributes';
import { isCurrentFor, isIssuedBy, loadOrCreateKey, type OrgAuthority } from './authority';
import { ExtendedKeyUsage, issueCertificate, KeyUsage, type CertificateSpec } from './certificates';
import { readIfExists, writeFileAtomic } from './files';
import type { IdentityFiles, TlsFiles } from './layout';
import { writeMspTrust, type NodeOURole } from './msp-folder';
import { x509 } from './x509';

/** An org's two CAs. */
export interface OrgAuthorities {
  readonly ca: OrgAuthority;
  readonly tlsCa: OrgAuthority;
}

/** One identity to hold (cryptogen's GenerateLocalMSP): a local MSP and TLS material. */
export interface IdentitySpec {
  readonly files: IdentityFiles;
  readonly tls: TlsFiles;
  /** The org's domain, the subject's O. */
  readonly organization: string;
  readonly commonName: string;
  readonly role: NodeOURole;
  /** Fabric CA attributes written into the enrollment certificate (users and admins). */
  readonly attributes?: CertificateAttributes;
  /** DNS names and IPs of a server's TLS certificate. */
  readonly tlsHosts?: readonly string[];
}

/**
 * Makes sure the identity's files exist and are consistent: keys are kept once written; a certificate is
 * (re)issued when missing, expired, not for its key, not signed by the org's current CA, or carrying other
 * attributes than asked.
 */
export async function ensureIdentity(spec: IdentitySpec, authorities: OrgAuthorities): Promise<void> {
  writeMspTrust(spec.files.mspDir, {
    caName: authorities.ca.name,
    caCertPem: authorities.ca.certPem,
    tlsCaName: authorities.tlsCa.name,
    tlsCaCertPem: authorities.tlsCa.certPem,
  });
  await ensureCertifiedKey(spec.files.certPath, spec.files.keyPath, authorities.ca, {
    subject: { organization: spec.organization, organizationalUnit: spec.role, commonName: spec.commonName },
    keyUsages: KeyUsage.digitalSignature,
    extendedKeyUsages: [],
    attributes: spec.attributes,
  });
  // cryptogen lets every node and user certificate be either end of a TLS connection.
  await ensureTlsIdentity(
    {
      files: spec.tls,
      organization: spec.organization,
      commonName: spec.commonName,
      extendedKeyUsages: [ExtendedKeyUsage.serverAuth, ExtendedKeyUsage.clientAuth],
      hosts: spec.tlsHosts,
    },
    authorities.tlsCa,
  );
}

/** A TLS key and certificate, kept like an identity's (see ensureIdentity). */
export interface TlsIdentitySpec {
  readonly files: TlsFiles;
  readonly organization: string;
  readonly commonName: string;
  /** serverAuth, clientAuth or both: which end of a TLS connection the certificate may be. */
  readonly extendedKeyUsages: readonly string[];
  /** DNS names and IPs of a server certificate. */
  readonly hosts?: readonly string[];
}

/** The TLS key and certificate issued by tlsCa, with tlsCa's certificate beside them (tls/ca.crt). */
export async function ensureTlsIdentity(spec: TlsIdentitySpec, tlsCa: OrgAuthority): Promise<void> {
  writeFileAtomic(spec.files.caPath, tlsCa.certPem);
  await ensureCertifiedKey(spec.files.certPath, spec.files.keyPath, tlsCa, {
    subject: { organization: spec.organization, commonName: spec.commonName },
    keyUsages: KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
    extendedKeyUsages: spec.extendedKeyUsages,
    subjectAltNames: spec.hosts,
  });
}

async function ensureCertifiedKey(
  certPath: string,
  keyPath: string,
  authority: OrgAuthority,
  spec: CertificateSpec,
): Promise<void> {
  const keys = await loadOrCreateKey(keyPath);
  const existing = readIfExists(certPath);
  if (
    existing !== undefined &&
    isCurrentFor(existing, keys) &&
    isIssuedBy(existing, authority) &&
    hasAttributes(existing, spec.attributes)
  ) {
    return;
  }
  writeFileAtomic(certPath, await issueCertificate(spec, keys.publicKey, authority));
}

function hasAttributes(certPem: string, expected: CertificateAttributes | undefined): boolean {
  const extension = new x509.X509Certificate(certPem).getExtension(FABRIC_ATTRIBUTES_OID);
  if (!extension) return expected === undefined;
  return expected !== undefined && isDeepStrictEqual(decodeAttributes(new Uint8Array(extension.value)), { ...expected });
}
