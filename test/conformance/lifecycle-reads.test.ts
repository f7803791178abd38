// Every read-write set holds a read of each invoked chaincode's definition sequence in the _lifecycle namespace,
// at the version its definition was committed at: a definition changed between endorsement and commit then fails
// the transaction's MVCC check, as Fabric intends.
import { StatusCode } from '@hyperledger/fabric-gateway';
import { common, ledger, peer } from '@hyperledger/fabric-protos';
import { useTestNetwork } from '../support/suite';
import { submitAndWait } from '../support/transactions';
import { ALLIANCE, CALLEE, CHAINCODE, contractsOf, type Contracts } from './conformance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

let manufacturer: Contracts;

beforeAll(() => {
  manufacturer = contractsOf(network().connect('Manufacturer'));
});

interface Read {
  readonly key: string;
  readonly blockNum: number | undefined;
}

/** The committed transaction's public reads, by namespace. */
async function readsOf(txId: string): Promise<Map<string, Read[]>> {
  const qscc = manufacturer.network.getContract('qscc');
  const processed = peer.ProcessedTransaction.deserializeBinary(await qscc.evaluateTransaction('GetTransactionByID', ALLIANCE, txId));
  const payload = common.Payload.deserializeBinary(processed.getTransactionenvelope()!.getPayload_asU8());
  const [action] = peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList();
  const endorsed = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction()!;
  const responsePayload = peer.ProposalResponsePayload.deserializeBinary(endorsed.getProposalResponsePayload_asU8());
  const results = peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8()).getResults_asU8();
  const reads = new Map<string, Read[]>();
  for (const ns of ledger.rwset.TxReadWriteSet.deserializeBinary(results).getNsRwsetList()) {
    const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
    reads.set(
      ns.getNamespace(),
      kv.getReadsList().map((r) => ({ key: r.getKey(), blockNum: r.getVersion()?.getBlockNum() })),
    );
  }
  return reads;
}

const sequenceKey = (chaincode: string) => `namespaces/fields/${chaincode}/Sequence`;

test("a write reads its chaincode's definition sequence, at a version committed before the transaction's block", async () => {
  const committed = await submitAndWait(manufacturer.data, 'put', { arguments: ['lifecycle-read', 'v1'] });
  expect(committed.status.code).toBe(StatusCode.VALID);
  const reads = await readsOf(committed.txId);
  expect([...reads.keys()]).toEqual(['_lifecycle', CHAINCODE]);
  const [sequence] = reads.get('_lifecycle')!;
  expect(reads.get('_lifecycle')).toHaveLength(1);
  expect(sequence.key).toBe(sequenceKey(CHAINCODE));
  expect(sequence.blockNum).toBeLessThan(Number(committed.status.blockNumber));
});

test('a chaincode calling another on the channel reads both definitions', async () => {
  const committed = await submitAndWait(manufacturer.tx, 'invoke', { arguments: [CALLEE, '', JSON.stringify(['put', 'called', 'v1'])] });
  expect(committed.status.code).toBe(StatusCode.VALID);
  const reads = await readsOf(committed.txId);
  // The caller touched no state of its own: only the callee's namespace and _lifecycle are in the set.
  expect([...reads.keys()]).toEqual(['_lifecycle', CALLEE]);
  expect(reads.get('_lifecycle')!.map((r) => r.key)).toEqual([sequenceKey(CHAINCODE), sequenceKey(CALLEE)].sort());
});

test('a transaction that reads and writes nothing else still reads the definition', async () => {
  const committed = await submitAndWait(manufacturer.tx, 'emit', { arguments: ['lifecycle-event', 'payload'] });
  expect(committed.status.code).toBe(StatusCode.VALID);
  const reads = await readsOf(committed.txId);
  expect(reads.get('_lifecycle')!.map((r) => r.key)).toEqual([sequenceKey(CHAINCODE)]);
});
