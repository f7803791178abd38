import { common, type ledger, peer } from '@hyperledger/fabric-protos';
import type { TxValidationCode } from './api';
import { hashedRwsetOf, kvRwsetOf, txRwsetOf } from './rwset-parsing';

const Code = peer.TxValidationCode;

export interface CollHashedRwset {
  readonly collection: string;
  readonly hashed: ledger.rwset.kvrwset.HashedRWSet;
  /** SHA-256 of the collection's private rwset bytes; empty when the transaction wrote no private data there. */
  readonly pvtRwsetHash: Uint8Array;
}

export interface NsRwset {
  readonly namespace: string;
  readonly kv: ledger.rwset.kvrwset.KVRWSet;
  readonly collections: readonly CollHashedRwset[];
}

/** What the ledger needs of one transaction of a block. */
export interface BlockTx {
  readonly txNum: number;
  readonly txId: string;
  readonly timestamp: { readonly seconds: number; readonly nanos: number };
  /** Only endorser transactions carry a read-write set; other types change no state. */
  readonly rwset?: readonly NsRwset[];
}

/** A transaction whose envelope cannot be taken apart: it is invalid with this code. */
class UnparsableTx extends Error {
  constructor(readonly code: TxValidationCode) {
    super(`transaction is unparsable (validation code ${code})`);
  }
}

/**
 * Takes an envelope apart as far as the ledger needs it (Fabric's preprocessProtoBlock): Envelope → Payload →
 * ChannelHeader, and for endorser transactions Transaction → actions[0] → ChaincodeActionPayload →
 * ProposalResponsePayload → ChaincodeAction.results → TxReadWriteSet.
 */
export function parseBlockTx(envelopeBytes: Uint8Array, txNum: number): BlockTx {
  const payload = attempt(Code.BAD_PAYLOAD, () =>
    common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8()),
  );
  const channelHeader = attempt(Code.BAD_CHANNEL_HEADER, () =>
    common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8()),
  );
  const ts = channelHeader.getTimestamp();
  const base = {
    txNum,
    txId: channelHeader.getTxId(),
    timestamp: { seconds: ts?.getSeconds() ?? 0, nanos: ts?.getNanos() ?? 0 },
  };
  if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) return base;

  const action = attempt(Code.NIL_TXACTION, () => {
    const tx = peer.Transaction.deserializeBinary(payload.getData_asU8());
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(tx.getActionsList()[0].getPayload_asU8());
    const prp = peer.ProposalResponsePayload.deserializeBinary(actionPayload.getAction()!.getProposalResponsePayload_asU8());
    return peer.ChaincodeAction.deserializeBinary(prp.getExtension_asU8());
  });
  const rwset = attempt(Code.INVALID_OTHER_REASON, () =>
    txRwsetOf(envelopeBytes, action.getResults_asU8())
      .getNsRwsetList()
      .map((ns) => ({
        namespace: ns.getNamespace(),
        kv: kvRwsetOf(ns.getRwset_asU8()),
        collections: ns.getCollectionHashedRwsetList().map((c) => ({
          collection: c.getCollectionName(),
          hashed: hashedRwsetOf(c.getHashedRwset_asU8()),
          pvtRwsetHash: c.getPvtRwsetHash_asU8(),
        })),
      })),
  );
  return { ...base, rwset };
}

function attempt<T>(code: TxValidationCode, decode: () => T): T {
  try {
    return decode();
  } catch {
    throw new UnparsableTx(code);
  }
}

/** Parses every envelope; a transaction still valid whose envelope cannot be parsed gets the parser's code. */
export function parseTxs(envelopes: readonly Uint8Array[], codes: TxValidationCode[]): (BlockTx | undefined)[] {
  return envelopes.map((envelope, txNum) => {
    try {
      return parseBlockTx(envelope, txNum);
    } catch (err) {
      if (!(err instanceof UnparsableTx)) throw err;
      if (codes[txNum] === Code.VALID) codes[txNum] = err.code;
      return undefined;
    }
  });
}
