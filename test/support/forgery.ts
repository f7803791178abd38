// A lying transaction, built as a member that runs its own peer could build it: a real endorsed transaction whose
// write set is replaced by one no honest chaincode produced, endorsed with the peers' own keys (the colluding
// orgs' peers sign whatever they are given) and signed by the client. Only validation stands in its way.
import { common, gateway, ledger, msp, peer } from '@hyperledger/fabric-protos';
import { signEcdsaSha256 } from '@crossborder-trace/network/dist/crypto';
import type { ClientIdentity } from './gateway';

/** A public write: the key as the chaincode's state API names it, and its new value. */
export interface ForgedWrite {
  readonly key: string;
  readonly value: Uint8Array;
}

export interface Forgery {
  /** A PreparedTransaction, for gateway.newSignedTransaction(). */
  readonly bytes: Uint8Array;
  /** The client's signature over its envelope's payload. */
  readonly signature: Uint8Array;
}

/**
 * Rewrites the endorsed transaction `prepared` (Transaction.getBytes() after endorse()): in `namespace`, the
 * writes become `writes` (undefined keeps the honest ones), the endorsements are made anew with `endorsers`' keys,
 * and `client` signs the envelope.
 */
export function forgeTransaction(
  prepared: Uint8Array,
  namespace: string,
  writes: readonly ForgedWrite[] | undefined,
  endorsers: readonly ClientIdentity[],
  client: ClientIdentity,
): Forgery {
  const transaction = gateway.PreparedTransaction.deserializeBinary(prepared);
  const envelope = transaction.getEnvelope()!;
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const tx = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const [action] = tx.getActionsList();
  const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
  const endorsed = actionPayload.getAction()!;
  const responsePayload = peer.ProposalResponsePayload.deserializeBinary(endorsed.getProposalResponsePayload_asU8());
  const chaincodeAction = peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8());

  if (writes) {
    const results = ledger.rwset.TxReadWriteSet.deserializeBinary(chaincodeAction.getResults_asU8());
    const ns = results.getNsRwsetList().find((set) => set.getNamespace() === namespace);
    if (!ns) throw new Error(`the transaction writes nothing in ${namespace}`);
    const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
    kv.setWritesList(
      writes.map(({ key, value }) => {
        const write = new ledger.rwset.kvrwset.KVWrite();
        write.setKey(key);
        write.setValue(value);
        return write;
      }),
    );
    kv.setMetadataWritesList([]);
    ns.setRwset(kv.serializeBinary());
    chaincodeAction.setResults(results.serializeBinary());
  }
  responsePayload.setExtension$(chaincodeAction.serializeBinary());
  const responseBytes = responsePayload.serializeBinary();

  endorsed.setProposalResponsePayload(responseBytes);
  endorsed.setEndorsementsList(
    endorsers.map((endorser) => {
      const identity = new msp.SerializedIdentity();
      identity.setMspid(endorser.mspId);
      identity.setIdBytes(Buffer.from(endorser.certificatePem));
      const endorserBytes = identity.serializeBinary();
      const endorsement = new peer.Endorsement();
      endorsement.setEndorser(endorserBytes);
      // What a peer signs: the proposal response payload followed by its own serialized identity.
      endorsement.setSignature(signEcdsaSha256(endorser.privateKey, Buffer.concat([responseBytes, endorserBytes])));
      return endorsement;
    }),
  );
  actionPayload.setAction(endorsed);
  action.setPayload(actionPayload.serializeBinary());
  tx.setActionsList([action]);
  payload.setData(tx.serializeBinary());
  const payloadBytes = payload.serializeBinary();
  envelope.setPayload(payloadBytes);
  transaction.setEnvelope(envelope);
  return { bytes: transaction.serializeBinary(), signature: signEcdsaSha256(client.privateKey, payloadBytes) };
}
