import { X509Certificate } from 'node:crypto';
import { createRootCertificate, type SigningAuthority } from './certificates';
import { readIfExists, writeFileAtomic, writePrivateKey } from './files';
import { generateKeyPair, importKeyPair, spkiOf, type KeyPair } from './keys';
import type { CaFiles } from './layout';
import { x509 } from './x509';

/** One of an org's CAs (ca/ or tlsca/), or the chaincode TLS CA, loaded from disk or created there. */
export interface OrgAuthority extends SigningAuthority {
  readonly name: string;
  readonly certPem: string;
}

/**
 * Loads the CA in files, completing what is missing: an existing key is always kept (certificates already
 * issued under it stay valid); the self-signed certificate is (re)made when missing, expired, or not for
 * that key.
 */
export async function loadOrCreateAuthority(files: CaFiles, organization: string): Promise<OrgAuthority> {
  const keys = await loadOrCreateKey(files.keyPath);
  let certPem = readIfExists(files.certPath);
  if (certPem === undefined || !isCurrentFor(certPem, keys)) {
    certPem = await createRootCertificate({ organization, commonName: files.name }, keys);
    writeFileAtomic(files.certPath, certPem);
  }
  return { name: files.name, certPem, certificate: new x509.X509Certificate(certPem), keys };
}

/** The key at keyPath, generating and storing one only when there is none. */
export async function loadOrCreateKey(keyPath: string): Promise<KeyPair> {
  const existing = readIfExists(keyPath);
  if (existing !== undefined) return importKeyPair(existing);
  const keys = await generateKeyPair();
  writePrivateKey(keyPath, keys.privateKeyPem);
  return keys;
}

/** Whether a certificate binds this key and has not expired. */
export function isCurrentFor(certPem: string, keys: KeyPair): boolean {
  const certificate = parseCertificate(certPem);
  return (
    certificate !== undefined &&
    Date.parse(certificate.validTo) > Date.now() &&
    spkiOf(certificate.publicKey).equals(keys.spki)
  );
}

/** Whether the certificate was signed by this authority's current certificate. */
export function isIssuedBy(certPem: string, authority: OrgAuthority): boolean {
  const certificate = parseCertificate(certPem);
  const issuer = new X509Certificate(authority.certPem);
  return certificate !== undefined && certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
}

function parseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}
