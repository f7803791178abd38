import { type ledger, peer } from '@hyperledger/fabric-protos';
import { hashedRwsetOf, kvRwsetOf } from '../ledger/rwset-parsing';

const SYSTEM_NAMESPACES = new Set(['_lifecycle', 'cscc', 'qscc']);

/**
 * The chaincode interest a peer reports with its endorsement (Fabric endorser buildChaincodeInterest): which
 * chaincodes the simulation touched and which collections it wrote, so that the gateway can add the
 * endorsers those collections' policies require.
 */
export function buildChaincodeInterest(rwset: ledger.rwset.TxReadWriteSet): peer.ChaincodeInterest {
  const interest = new peer.ChaincodeInterest();
  for (const ns of rwset.getNsRwsetList()) {
    // As Fabric: system chaincode namespaces (the _lifecycle read of every invocation) carry no policy.
    if (SYSTEM_NAMESPACES.has(ns.getNamespace())) continue;
    const call = new peer.ChaincodeCall();
    call.setName(ns.getNamespace());
    const kv = kvRwsetOf(ns.getRwset_asU8());
    call.setNoPublicWrites(kv.getWritesList().length === 0 && kv.getMetadataWritesList().length === 0);
    let privateReads = false;
    for (const collection of ns.getCollectionHashedRwsetList()) {
      const hashed = hashedRwsetOf(collection.getHashedRwset_asU8());
      if (hashed.getHashedReadsList().length > 0) privateReads = true;
      if (hashed.getHashedWritesList().length > 0 || hashed.getMetadataWritesList().length > 0) {
        call.addCollectionNames(collection.getCollectionName());
      }
    }
    call.setNoPrivateReads(!privateReads);
    interest.addChaincodes(call);
  }
  return interest;
}
