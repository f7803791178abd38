import { createPrivateKey, createPublicKey, webcrypto, type KeyObject } from 'node:crypto';
import { pemToDer, toPem } from './pem';

/** ECDSA P-256 signing with SHA-256, the only key type our MSPs issue (cryptogen's default "ecdsa"). */
export const ECDSA_P256_SHA256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** A key pair as both webcrypto keys (for @peculiar/x509) and its PKCS#8 PEM (for the keystore). */
export interface KeyPair {
  readonly privateKey: webcrypto.CryptoKey;
  readonly publicKey: webcrypto.CryptoKey;
  /** PKCS#8 "PRIVATE KEY" PEM, the format cryptogen writes to keystore/priv_sk. */
  readonly privateKeyPem: string;
  /** DER SubjectPublicKeyInfo, to compare with a certificate's key. */
  readonly spki: Buffer;
}

export async function generateKeyPair(): Promise<KeyPair> {
  const pair = await webcrypto.subtle.generateKey(ECDSA_P256_SHA256, true, ['sign', 'verify']);
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', pair.privateKey));
  const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, privateKeyPem: toPem('PRIVATE KEY', pkcs8), spki };
}

/** Imports an existing PKCS#8 PEM key (never regenerated: certificates may already bind it). */
export async function importKeyPair(privateKeyPem: string): Promise<KeyPair> {
  const pkcs8 = pemToDer(privateKeyPem, 'PRIVATE KEY');
  const spki = spkiOf(createPrivateKey(privateKeyPem));
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, ECDSA_P256_SHA256, false, ['sign']);
  const publicKey = await webcrypto.subtle.importKey('spki', spki, ECDSA_P256_SHA256, true, ['verify']);
  return { privateKey, publicKey, privateKeyPem, spki };
}

/** DER SubjectPublicKeyInfo of a private or public key. */
export function spkiOf(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return publicKey.export({ type: 'spki', format: 'der' });
}
