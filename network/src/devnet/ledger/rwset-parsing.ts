import { ledger } from '@hyperledger/fabric-protos';
import { encodeHashedRwset, encodeKvRwset } from './rwset-encoding';

type TxReadWriteSet = ledger.rwset.TxReadWriteSet;
type KVRWSet = ledger.rwset.kvrwset.KVRWSet;
type HashedRWSet = ledger.rwset.kvrwset.HashedRWSet;

// A namespace's read-write set travels as bytes inside the transaction's: the endorser serialises it and then reads
// it back for the chaincode interest, and validation reads it in more than one place. With hundreds of keys a
// transaction, each parse costs; these remember the parse of a given bytes object (the same Uint8Array, not equal
// contents) for as long as it lives. What they answer is shared: callers read it and never change it.
const kvParses = new WeakMap<Uint8Array, KVRWSet>();
const txParses = new WeakMap<Uint8Array, TxReadWriteSet>();
const hashedParses = new WeakMap<Uint8Array, HashedRWSet>();

/**
 * The read-write set of an endorser transaction, by its envelope: `results` are the ChaincodeAction results found
 * in that envelope. Validation and commit each take the same envelope of a block apart; sharing this parse lets the
 * namespaces' rwset bytes be the same objects, so each namespace's set is parsed once for both.
 */
export function txRwsetOf(envelope: Uint8Array, results: Uint8Array): TxReadWriteSet {
  let parsed = txParses.get(envelope);
  if (!parsed) txParses.set(envelope, (parsed = ledger.rwset.TxReadWriteSet.deserializeBinary(results)));
  return parsed;
}

export function kvRwsetOf(bytes: Uint8Array): KVRWSet {
  let parsed = kvParses.get(bytes);
  if (!parsed) kvParses.set(bytes, (parsed = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(bytes)));
  return parsed;
}

export function hashedRwsetOf(bytes: Uint8Array): HashedRWSet {
  let parsed = hashedParses.get(bytes);
  if (!parsed) hashedParses.set(bytes, (parsed = ledger.rwset.kvrwset.HashedRWSet.deserializeBinary(bytes)));
  return parsed;
}

/** The bytes of a read-write set just serialised: a later parse of these bytes answers the set itself. */
export function serialisedKvRwset(kv: KVRWSet): Uint8Array {
  const bytes = encodeKvRwset(kv);
  kvParses.set(bytes, kv);
  return bytes;
}

export function serialisedHashedRwset(hashed: HashedRWSet): Uint8Array {
  const bytes = encodeHashedRwset(hashed);
  hashedParses.set(bytes, hashed);
  return bytes;
}
