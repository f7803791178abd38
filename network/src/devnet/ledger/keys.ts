import { encodeUint64, writeUint64 } from './encoding';

/**
 * Key layout of the state database. Every entry there can be rebuilt from the block file and the private data
 * store, so one savepoint covers all of it. Namespaces, collections and MSP ids cannot contain 0x00, so it
 * separates components; a key comes last (or length-prefixed) because chaincode keys may contain 0x00.
 */
const PUBLIC = 0x64; // 'd': (ns, key) -> versioned value
const HASHED = 0x68; // 'h': (ns, coll, keyHash) -> versioned value hash
const PRIVATE = 0x70; // 'p': (msp, ns, coll, key) -> versioned value
const PRIVATE_KEY_BY_HASH = 0x6b; // 'k': (msp, ns, coll, keyHash) -> key, to purge by hash
const HISTORY = 0x48; // 'H': (ns, len(key), key, block, tx) -> empty
const TX_ID = 0x74; // 't': txId -> TxStatus
const EXPIRY = 0x78; // 'x': (expiring block, ns, coll, keyHash) -> committing block
const PURGE_MARKER = 0x6d; // 'm': (ns, coll, keyHash) -> height of the last purge
const COLLECTION_PURGE_MARKER = 0x4d; // 'M': (ns, coll) -> height of the last purge in the collection
const WITH_METADATA = 0x76; // 'v': (ns, coll or '', key or keyHash) -> empty: a key of public or hashed state with metadata
const METADATA_INDEXED = Buffer.from('V'); // the last block whose state the 'v' entries cover
const SAVEPOINT = Buffer.from('s');

const SEP = Buffer.of(0x00);
/** Sorts after SEP and before any key character: the end of a component's range. */
const AFTER_SEP = Buffer.of(0x01);

/**
 * Writes the parts straight into one buffer: a block builds thousands of keys, and concatenating parts is slower.
 * Chaincode keys, namespaces and collection names are nearly always ASCII, whose bytes are their code units: those
 * are copied here without a native call per part, and the first other character sends the key to keyUtf8.
 */
function key(prefix: number, ...parts: (string | Uint8Array)[]): Buffer {
  let length = parts.length;
  for (const part of parts) length += part.length;
  const buf = Buffer.allocUnsafe(length);
  buf[0] = prefix;
  let at = 1;
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) buf[at++] = SEP[0];
    const part = parts[i];
    if (typeof part !== 'string') {
      buf.set(part, at);
      at += part.length;
      continue;
    }
    for (let j = 0; j < part.length; j++) {
      const code = part.charCodeAt(j);
      if (code >= 0x80) return keyUtf8(prefix, parts);
      buf[at++] = code;
    }
  }
  return buf;
}

function keyUtf8(prefix: number, parts: (string | Uint8Array)[]): Buffer {
  let length = parts.length;
  for (const part of parts) length += typeof part === 'string' ? Buffer.byteLength(part, 'utf8') : part.length;
  const buf = Buffer.allocUnsafe(length);
  buf[0] = prefix;
  let at = 1;
  parts.forEach((part, i) => {
    if (i > 0) buf[at++] = SEP[0];
    if (typeof part === 'string') {
      at += buf.write(part, at, 'utf8');
    } else {
      buf.set(part, at);
      at += part.length;
    }
  });
  return buf;
}

export interface KeyRange {
  readonly gte: Buffer;
  readonly lt: Buffer;
}

/** [startKey, endKey) under a prefix that ends with SEP; '' endKey means the rest of the prefix. */
function rangeUnder(prefix: Buffer, startKey: string, endKey: string): KeyRange {
  return {
    gte: Buffer.concat([prefix, Buffer.from(startKey, 'utf8')]),
    lt: endKey === '' ? Buffer.concat([prefix.subarray(0, -1), AFTER_SEP]) : Buffer.concat([prefix, Buffer.from(endKey, 'utf8')]),
  };
}

export const stateKeys = {
  savepoint: SAVEPOINT,

  public: (ns: string, k: string) => key(PUBLIC, ns, k),
  publicPrefix: (ns: string) => key(PUBLIC, ns, ''),
  publicRange: (ns: string, startKey: string, endKey: string) => rangeUnder(key(PUBLIC, ns, ''), startKey, endKey),

  hashed: (ns: string, coll: string, keyHash: Uint8Array) => key(HASHED, ns, coll, keyHash),

  private: (msp: string, ns: string, coll: string, k: string) => key(PRIVATE, msp, ns, coll, k),
  privatePrefix: (msp: string, ns: string, coll: string) => key(PRIVATE, msp, ns, coll, ''),
  privateRange: (msp: string, ns: string, coll: string, startKey: string, endKey: string) =>
    rangeUnder(key(PRIVATE, msp, ns, coll, ''), startKey, endKey),
  privateKeyByHash: (msp: string, ns: string, coll: string, keyHash: Uint8Array) =>
    key(PRIVATE_KEY_BY_HASH, msp, ns, coll, keyHash),

  history: (ns: string, k: string, blockNum: number, txNum: number) => {
    const buf = historyKey(ns, k, 16);
    writeUint64(buf, blockNum, buf.length - 16);
    writeUint64(buf, txNum, buf.length - 8);
    return buf;
  },
  historyPrefix,

  txId: (txId: string) => key(TX_ID, txId),
  txIdRange: { gte: Buffer.of(TX_ID), lt: Buffer.of(TX_ID + 1) },

  expiry: (expiringBlock: number, ns: string, coll: string, keyHash: Uint8Array) =>
    Buffer.concat([Buffer.of(EXPIRY), encodeUint64(expiringBlock), key(EXPIRY, ns, coll, keyHash).subarray(1)]),
  /** Every schedule entry expiring at or before the block. */
  expiryUpTo: (blockNum: number): KeyRange => ({ gte: Buffer.of(EXPIRY), lt: Buffer.concat([Buffer.of(EXPIRY), encodeUint64(blockNum + 1)]) }),

  purgeMarker: (ns: string, coll: string, keyHash: Uint8Array) => key(PURGE_MARKER, ns, coll, keyHash),
  collectionPurgeMarker: (ns: string, coll: string) => key(COLLECTION_PURGE_MARKER, ns, coll),

  /** coll '' and the key for public state; the collection and the key's hash for hashed state. */
  withMetadata: (ns: string, coll: string, k: string | Uint8Array) => key(WITH_METADATA, ns, coll, k),
  withMetadataRange: { gte: Buffer.of(WITH_METADATA), lt: Buffer.of(WITH_METADATA + 1) },
  metadataIndexed: METADATA_INDEXED,
  publicRangeAll: { gte: Buffer.of(PUBLIC), lt: Buffer.of(PUBLIC + 1) },
  hashedRangeAll: { gte: Buffer.of(HASHED), lt: Buffer.of(HASHED + 1) },
};

/** Length-prefixed key, so that the history of "a" never includes that of "a\0b" (Fabric does the same). */
function historyPrefix(ns: string, k: string): Buffer {
  return historyKey(ns, k, 0);
}

/** (ns, len(key), key) followed by room for `suffix` bytes, written into one buffer. */
function historyKey(ns: string, k: string, suffix: number): Buffer {
  const nsLength = Buffer.byteLength(ns, 'utf8');
  const keyLength = Buffer.byteLength(k, 'utf8');
  const buf = Buffer.allocUnsafe(1 + nsLength + 1 + 4 + keyLength + suffix);
  buf[0] = HISTORY;
  let at = 1 + buf.write(ns, 1, 'utf8');
  buf[at++] = SEP[0];
  at = buf.writeUInt32BE(keyLength, at);
  buf.write(k, at, 'utf8');
  return buf;
}

/** Splits an expiry schedule key back into its parts. */
export function decodeExpiryKey(k: Uint8Array): { ns: string; coll: string; keyHash: Buffer } {
  const rest = Buffer.from(k.buffer, k.byteOffset, k.byteLength).subarray(9);
  const nsEnd = rest.indexOf(0);
  const collEnd = rest.indexOf(0, nsEnd + 1);
  return {
    ns: rest.subarray(0, nsEnd).toString('utf8'),
    coll: rest.subarray(nsEnd + 1, collEnd).toString('utf8'),
    keyHash: rest.subarray(collEnd + 1),
  };
}
