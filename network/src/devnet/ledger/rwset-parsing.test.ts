import { ledger } from '@hyperledger/fabric-protos';
import { parseTransaction } from '../committer/transaction';
import { parseBlockTx } from './block-txs';
import { RWSetBuilder } from './rwset-builder';
import { kvRwsetOf } from './rwset-parsing';
import { bytes, CC, envelopeFor } from './test-fixtures';

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
