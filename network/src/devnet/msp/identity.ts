import type { msp } from '@hyperledger/fabric-protos';
import { verifyEcdsaSha256, type CertificateAttributes } from '../../crypto';
import type { Identity, NodeOU } from './api';
import type { FabricMsp, ValidatedCertificate } from './fabric-msp';
import { satisfiesPrincipal } from './principal';

/** A validated X.509 identity of one MSP (Fabric's msp.identity). */
export class X509Identity implements Identity {
  readonly mspId: string;
  /** Canonical PEM of the certificate (the same for every PEM spelling of it). */
  readonly certificatePem: string;
  readonly serialized: Uint8Array;
  readonly ou: NodeOU | undefined;
  readonly attributes: CertificateAttributes;
  /** The certificate's NotAfter (ms): past it, the deserializer no longer hands the identity out. */
  readonly expiresAt: number;
  readonly #owner: FabricMsp;
  readonly #validated: ValidatedCertificate;

  constructor(owner: FabricMsp, validated: ValidatedCertificate, serialized: Uint8Array) {
    this.mspId = owner.mspId;
    this.certificatePem = validated.certificate.pem;
    this.serialized = serialized;
    this.ou = validated.ou;
    this.attributes = validated.certificate.attributes;
    this.expiresAt = validated.certificate.notAfter;
    this.#owner = owner;
    this.#validated = validated;
  }

  verify(message: Uint8Array, signature: Uint8Array): boolean {
    return verifyEcdsaSha256(this.#validated.certificate.publicKey, message, signature);
  }

  satisfiesPrincipal(principal: msp.MSPPrincipal): boolean {
    return satisfiesPrincipal(this.#owner, this.#validated, principal);
  }
}
