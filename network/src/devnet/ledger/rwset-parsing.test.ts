import { createHash } from 'node:crypto';
import { common, ledger, peer } from '@hyperledger/fabric-protos';
import { parseTransaction } from '../committer/transaction';
import type { SimulationResults } from './api';
import { parseBlockTx } from './block-txs';
import { RWSetBuilder } from './rwset-builder';
import { kvRwsetOf } from './rwset-parsing';
import { bytes, CC } from './test-fixtures';

/** An endorser transaction whose response is for its proposal, as validation requires (no signatures). */
function envelopeFor(txId: string, results: SimulationResults): Uint8Array {
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setChannelId('alliance');
  channelHeader.setTxId(txId);
  const channelHeaderBytes = channelHeader.serializeBinary();
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(CC);
  const action = new peer.ChaincodeAction();
  action.setResults(results.publicRwset.serializeBinary());
  action.setChaincodeId(chaincodeId);
  const prp = new peer.ProposalResponsePayload();
  prp.setProposalHash(createHash('sha256').update(channelHeaderBytes).digest());
  prp.setExtension$(action.serializeBinary());
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(prp.serializeBinary());
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setAction(endorsed);
  const txAction = new peer.TransactionAction();
  txAction.setPayload(actionPayload.serializeBinary());
  const tx = new peer.Transaction();
  tx.addActions(txAction);
  const header = new common.Header();
  header.setChannelHeader(channelHeaderBytes);
  header.setSignatureHeader(new common.SignatureHeader().serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(tx.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope.serializeBinary();
}

describe('read-write set parses', () => {
  it('are shared by validation and commit of one envelope, and equal a fresh parse of its bytes', () => {
    const builder = new RWSetBuilder();
    builder.addToReadSet(CC, 'r', { blockNum: 1, txNum: 2 });
    builder.addToWriteSet(CC, 'w', bytes('value'));
    builder.addToPvtAndHashedWriteSet(CC, 'secret', 'p', bytes('hidden'));
    const envelope = envelopeFor('tx1', builder.getTxSimulationResults());

    const validated = parseTransaction(envelope).endorsed!.rwset.getNsRwsetList()[0];
    const committed = parseBlockTx(envelope, 0).rwset![0];
    expect(kvRwsetOf(validated.getRwset_asU8())).toBe(committed.kv);

    const copy = Uint8Array.from(envelope);
    const fresh = parseBlockTx(copy, 0).rwset![0];
    expect(fresh.kv).not.toBe(committed.kv);
    expect(fresh.kv.toObject()).toEqual(committed.kv.toObject());
    expect(fresh.collections[0].hashed.toObject()).toEqual(committed.collections[0].hashed.toObject());
    expect(ledger.rwset.kvrwset.KVRWSet.deserializeBinary(validated.getRwset_asU8()).toObject()).toEqual(committed.kv.toObject());
  });
});
