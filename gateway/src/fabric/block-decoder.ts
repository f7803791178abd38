import { common, ledger, msp, peer } from '@hyperledger/fabric-protos';
import type { CommittedBlock, CommittedTransaction, KeyWrite } from './port';

const VALIDATION_CODES = new Map<number, string>(Object.entries(peer.TxValidationCode).map(([name, code]) => [code as number, name]));

/**
 * A delivered block with private data, in the port's terms: the endorser transactions, each with its validation
 * code (the TRANSACTIONS_FILTER metadata, one byte per envelope), and the writes of one chaincode namespace. The
 * private data map is keyed by the transaction's position in the block; it holds only collections the requesting
 * org is a member of.
 */
export function decodeBlock(delivered: peer.BlockAndPrivateData, namespace: string): CommittedBlock {
  const block = delivered.getBlock();
  const header = block?.getHeader();
  if (!block || !header) throw new Error('a delivered block without a header');
  const flags = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
  const privateData = delivered.getPrivateDataMapMap();
  const transactions: CommittedTransaction[] = [];
  block
    .getData()
    ?.getDataList_asU8()
    .forEach((bytes, index) => {
      const envelope = common.Envelope.deserializeBinary(bytes);
      const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
      const channelHeader = common.ChannelHeader.deserializeBinary(payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array());
      if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) return;
      // A block's flags are written at commit; a missing flag is not a valid transaction.
      const code = index < flags.length ? flags[index] : peer.TxValidationCode.INVALID_OTHER_REASON;
      const valid = code === peer.TxValidationCode.VALID;
      const sets = valid ? namespaceSets(payload, namespace) : [];
      transactions.push({
        txId: channelHeader.getTxId(),
        index,
        valid,
        code: VALIDATION_CODES.get(code) ?? String(code),
        timestamp: isoOf(channelHeader.getTimestamp()),
        creatorMspId: creatorOf(payload),
        // An invalid transaction wrote nothing: its write set is not applied, its private data not kept.
        writes: valid ? [...publicWrites(sets), ...privateWrites(privateData.get(index), namespace)] : [],
        privateCollections: valid ? collectionsWritten(sets) : [],
      });
    });
  return { number: BigInt(header.getNumber()), transactions };
}

function creatorOf(payload: common.Payload): string {
  const signatureHeader = common.SignatureHeader.deserializeBinary(payload.getHeader()?.getSignatureHeader_asU8() ?? new Uint8Array());
  return msp.SerializedIdentity.deserializeBinary(signatureHeader.getCreator_asU8()).getMspid();
}

/** The read-write sets of one namespace in each action of the transaction. */
function namespaceSets(payload: common.Payload, namespace: string): ledger.rwset.NsReadWriteSet[] {
  const sets: ledger.rwset.NsReadWriteSet[] = [];
  for (const action of peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList()) {
    const endorsed = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction();
    const response = peer.ProposalResponsePayload.deserializeBinary(endorsed?.getProposalResponsePayload_asU8() ?? new Uint8Array());
    const results = peer.ChaincodeAction.deserializeBinary(response.getExtension_asU8()).getResults_asU8();
    sets.push(...ledger.rwset.TxReadWriteSet.deserializeBinary(results).getNsRwsetList().filter((set) => set.getNamespace() === namespace));
  }
  return sets;
}

function publicWrites(sets: readonly ledger.rwset.NsReadWriteSet[]): KeyWrite[] {
  return sets.flatMap((set) => kvWrites(set.getRwset_asU8()));
}

/** Collections whose hashed write set holds writes: each has private data that its members' peers should hold. */
function collectionsWritten(sets: readonly ledger.rwset.NsReadWriteSet[]): string[] {
  const names = sets.flatMap((set) =>
    set
      .getCollectionHashedRwsetList()
      .filter((collection) => ledger.rwset.kvrwset.HashedRWSet.deserializeBinary(collection.getHashedRwset_asU8()).getHashedWritesList().length > 0)
      .map((collection) => collection.getCollectionName()),
  );
  return [...new Set(names)];
}

function privateWrites(transaction: ledger.rwset.TxPvtReadWriteSet | undefined, namespace: string): KeyWrite[] {
  const writes: KeyWrite[] = [];
  for (const set of transaction?.getNsPvtRwsetList() ?? []) {
    if (set.getNamespace() !== namespace) continue;
    for (const collection of set.getCollectionPvtRwsetList()) {
      writes.push(...kvWrites(collection.getRwset_asU8(), collection.getCollectionName()));
    }
  }
  return writes;
}

function kvWrites(bytes: Uint8Array, collection?: string): KeyWrite[] {
  return ledger.rwset.kvrwset.KVRWSet.deserializeBinary(bytes)
    .getWritesList()
    .map((write) => ({ ...(collection !== undefined && { collection }), key: write.getKey(), ...(!write.getIsDelete() && { value: write.getValue_asU8() }) }));
}

function isoOf(timestamp: { getSeconds(): number; getNanos(): number } | undefined): string {
  return new Date((timestamp?.getSeconds() ?? 0) * 1000 + Math.floor((timestamp?.getNanos() ?? 0) / 1e6)).toISOString();
}
