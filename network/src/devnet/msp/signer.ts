import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { msp } from '@hyperledger/fabric-protos';
import { pemToDer, signEcdsaSha256, spkiOf } from '../../crypto';
import { MspError, type Signer } from './api';
import { MspCertificate } from './certificate';

/** A local signing identity from its certificate and key files (signcerts/…-cert.pem, keystore/priv_sk). */
class FileSigner implements Signer {
  readonly #serialized: Uint8Array;
  readonly #key: KeyObject;

  constructor(
    readonly mspId: string,
    certificate: MspCertificate,
    key: KeyObject,
  ) {
    this.#key = key;
    const identity = new msp.SerializedIdentity();
    identity.setMspid(mspId);
    identity.setIdBytes(Buffer.from(certificate.pem, 'utf8'));
    this.#serialized = identity.serializeBinary();
  }

  serialize(): Uint8Array {
    return this.#serialized;
  }

  sign(message: Uint8Array): Uint8Array {
    return signEcdsaSha256(this.#key, message);
  }
}

/** Loads a signer; MspError when a file is unreadable or the key is not the certificate's. */
export function loadSigner(mspId: string, certPath: string, keyPath: string): Signer {
  let certificate: MspCertificate;
  let key: KeyObject;
  try {
    certificate = MspCertificate.fromDer(pemToDer(readFileSync(certPath, 'utf8'), 'CERTIFICATE'));
    key = createPrivateKey(readFileSync(keyPath, 'utf8'));
  } catch (err) {
    throw new MspError(`cannot load the signing identity of ${mspId} (${certPath}, ${keyPath}): ${(err as Error).message}`);
  }
  if (!spkiOf(key).equals(spkiOf(certificate.publicKey))) {
    throw new MspError(`the key ${keyPath} does not belong to the certificate ${certPath}`);
  }
  return new FileSigner(mspId, certificate, key);
}
