import type { msp } from '@hyperledger/fabric-protos';

/** Fabric NodeOU classification, read from the certificate's OU when the MSP enables NodeOUs. */
export type NodeOU = 'client' | 'peer' | 'admin' | 'orderer';

/** A deserialized, validated identity (Fabric msp.Identity). */
export interface Identity {
  readonly mspId: string;
  /** PEM of the X.509 certificate. */
  readonly certificatePem: string;
  /** The SerializedIdentity bytes it came from (used as a map key, and in endorsements). */
  readonly serialized: Uint8Array;
  readonly ou: NodeOU | undefined;
  /** Certificate attributes written by Fabric CA (OID 1.2.3.4.5.6.7.8.1), e.g. { role: 'customs' }. */
  readonly attributes: Readonly<Record<string, string>>;
  /**
   * The certificate's NotAfter (ms since the epoch). The MSP does not refuse an expired identity, as Fabric's does
   * not; the services that do (deliver sessions, the endorser's and the orderer's filters) look here.
   */
  readonly expiresAt?: number;
  /** ECDSA-SHA256 over message; DER signature; high-S signatures are rejected as Fabric does. */
  verify(message: Uint8Array, signature: Uint8Array): boolean;
  /** Whether the identity satisfies an MSPPrincipal (ROLE member/admin/client/peer/orderer, IDENTITY, ORGANIZATION_UNIT). */
  satisfiesPrincipal(principal: msp.MSPPrincipal): boolean;
}

/** Thrown when an identity is unknown, malformed, or does not chain to its MSP's CA, or fails its MSP's validation. */
export class MspError extends Error {
  override readonly name = 'MspError';

  /**
   * @param validation true when the certificate parsed and chained to the MSP (what Fabric's DeserializeIdentity
   * checks) but failed the MSP's Validate: a proposal's refusal then names the creator's org.
   */
  constructor(
    message: string,
    readonly validation = false,
  ) {
    super(message);
  }
}

export interface IdentityDeserializer {
  /** Parses SerializedIdentity bytes and validates the certificate; throws MspError. Results may be cached. */
  deserializeIdentity(serialized: Uint8Array): Identity;
  /** MSP ids this deserializer knows. */
  readonly mspIds: readonly string[];
}

/** A node's or user's own identity with its private key (peer, orderer, client). */
export interface Signer {
  readonly mspId: string;
  /** SerializedIdentity bytes: { mspid, id_bytes: certificate PEM }. */
  serialize(): Uint8Array;
  /** ECDSA-SHA256, DER, low-S (as Fabric requires). */
  sign(message: Uint8Array): Uint8Array;
}
