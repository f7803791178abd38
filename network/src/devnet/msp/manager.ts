import { msp } from '@hyperledger/fabric-protos';
import { firstPemBlock } from '../../crypto';
import { MspError, type IdentityDeserializer } from './api';
import { MspCertificate } from './certificate';
import type { MspConfig } from './config';
import { FabricMsp } from './fabric-msp';
import { X509Identity } from './identity';

export interface MspManagerOptions {
  /** Identities kept deserialized, most recently used first (Fabric's MSP cache holds 100 per MSP). */
  readonly cacheSize?: number;
}

const DEFAULT_CACHE_SIZE = 1000;

/**
 * Fabric's MSP manager for a channel (or for all MSPs of the network): finds the MSP named by a
 * SerializedIdentity and returns the validated identity. Validation parses and verifies certificates, so
 * identities are cached by their serialized bytes; endorsers and clients reuse the same few identities.
 */
export class MspManager implements IdentityDeserializer {
  readonly mspIds: readonly string[];
  readonly #msps: ReadonlyMap<string, FabricMsp>;
  readonly #cache = new Map<string, X509Identity>();
  readonly #cacheSize: number;

  /** Throws MspError when a configuration is unusable or an MSP id appears twice. */
  constructor(configs: readonly MspConfig[], options: MspManagerOptions = {}) {
    const msps = new Map<string, FabricMsp>();
    for (const config of configs) {
      if (msps.has(config.mspId)) throw new MspError(`MSP ${config.mspId} is configured twice`);
      msps.set(config.mspId, new FabricMsp(config));
    }
    this.#msps = msps;
    this.mspIds = [...msps.keys()];
    this.#cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
  }

  deserializeIdentity(serialized: Uint8Array): X509Identity {
    const key = Buffer.from(serialized.buffer, serialized.byteOffset, serialized.byteLength).toString('latin1');
    const cached = this.#cache.get(key);
    if (cached) {
      // Move to the most recent end, so eviction drops the least recently used.
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    const identity = this.#deserialize(serialized);
    this.#cache.set(key, identity);
    if (this.#cache.size > this.#cacheSize) this.#cache.delete(this.#cache.keys().next().value!);
    return identity;
  }

  #deserialize(serialized: Uint8Array): X509Identity {
    let serializedIdentity: msp.SerializedIdentity;
    try {
      serializedIdentity = msp.SerializedIdentity.deserializeBinary(serialized);
    } catch (err) {
      throw new MspError(`could not deserialize a SerializedIdentity: ${(err as Error).message}`);
    }
    const mspId = serializedIdentity.getMspid();
    const owner = this.#msps.get(mspId);
    if (!owner) throw new MspError(`MSP ${mspId} is not defined on channel`);
    const block = firstPemBlock(Buffer.from(serializedIdentity.getIdBytes_asU8()).toString('latin1'));
    if (!block) throw new MspError(`MSP ${mspId}: could not decode the PEM structure`);
    const validated = owner.validate(MspCertificate.fromDer(block.der));
    return new X509Identity(owner, validated, Uint8Array.from(serialized));
  }
}
