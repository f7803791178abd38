import { msp } from '@hyperledger/fabric-protos';
import { sha256 } from '../ledger/ordering';
import { parsePem } from './fabric-msp';

/**
 * Expiries of the creators seen lately, by the SHA-256 of their serialized identity: a client sends the same
 * identity with every proposal and envelope, and parsing its certificate here costs about a millisecond (Go's parser,
 * which Fabric runs each time, is much cheaper). The answer depends on the bytes alone, so every peer and the orderer
 * share it; keyed by a hash, an entry is small whatever a creator holds. Emptied when full.
 */
const expiries = new Map<string, number | undefined>();
const CREATORS_KEPT = 10_000;

/**
 * Fabric's crypto.ExpiresAt of a creator (SerializedIdentity bytes): its certificate's NotAfter in ms, or undefined
 * when it does not parse as one (the signature check then refuses it). Fabric's filters refuse a creator when the
 * time is after it.
 */
export function creatorExpiry(creator: Uint8Array): number | undefined {
  const key = sha256(creator).toString('latin1');
  if (expiries.has(key)) return expiries.get(key);
  let notAfter: number | undefined;
  try {
    notAfter = parsePem(msp.SerializedIdentity.deserializeBinary(creator).getIdBytes_asU8()).notAfter;
  } catch {
    notAfter = undefined;
  }
  if (expiries.size >= CREATORS_KEPT) expiries.clear();
  expiries.set(key, notAfter);
  return notAfter;
}
