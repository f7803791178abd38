import { ledger } from '@hyperledger/fabric-protos';
import type { ChaincodeRegistry } from '../lifecycle/api';
import type { Identity } from '../msp/api';

/** The collection of stored private data has no definition any more; Fabric fails the stream. */
export class CollectionConfigError extends Error {
  override readonly name = 'CollectionConfigError';
}

/**
 * Fabric's blockAndPrivateDataResponseSender.getPrivateData, after the peer's own data was read: of what the
 * peer holds for the block, only the collections the requester may read. A collection without memberOnlyRead
 * is readable by any channel reader; otherwise the requester must satisfy the collection's member policy,
 * so a client of another org never receives the data through a member's peer.
 */
export function eligiblePrivateData(
  held: ReadonlyMap<number, ledger.rwset.TxPvtReadWriteSet>,
  channelId: string,
  registry: ChaincodeRegistry,
  requester: Identity,
): Map<number, ledger.rwset.TxPvtReadWriteSet> {
  const eligible = new Map<number, ledger.rwset.TxPvtReadWriteSet>();
  for (const [txNum, txPvt] of held) {
    const namespaces: ledger.rwset.NsPvtReadWriteSet[] = [];
    for (const ns of txPvt.getNsPvtRwsetList()) {
      const collections = ns
        .getCollectionPvtRwsetList()
        .filter((collection) => mayRead(registry, channelId, ns.getNamespace(), collection.getCollectionName(), requester));
      if (collections.length === 0) continue;
      const filteredNs = new ledger.rwset.NsPvtReadWriteSet();
      filteredNs.setNamespace(ns.getNamespace());
      filteredNs.setCollectionPvtRwsetList(collections);
      namespaces.push(filteredNs);
    }
    if (namespaces.length === 0) continue;
    const filteredTx = new ledger.rwset.TxPvtReadWriteSet();
    filteredTx.setDataModel(txPvt.getDataModel());
    filteredTx.setNsPvtRwsetList(namespaces);
    eligible.set(txNum, filteredTx);
  }
  return eligible;
}

function mayRead(registry: ChaincodeRegistry, channelId: string, namespace: string, collectionName: string, requester: Identity): boolean {
  const collection = registry.get(channelId, namespace)?.collections.get(collectionName);
  if (!collection) {
    throw new CollectionConfigError(`no collection config was found for collection ${collectionName} for chaincode ${namespace}`);
  }
  return !collection.memberOnlyRead || collection.memberPolicy.evaluate([requester]);
}
