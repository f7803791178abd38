import { peer } from '@hyperledger/fabric-protos';
import type { Identity } from '../msp/api';
import type { ChaincodeInvocation } from './api';
import { RUNTIME_PARAMS } from './connection';
import { chaincodeMessage, MessageTypes } from './messages';
import { handleGetStateMultiple, handleWriteBatchState } from './state-requests';
import { testCollection, testDefinition } from './test-fixtures';
import { FakeSimulator, FakeState } from './test-simulator';
import { TransactionContext } from './transaction-context';

// Fabric 3.1's WRITE_BATCH_STATE and GET_STATE_MULTIPLE, as the peer side serves them.

const definition = testDefinition('alliance', 'cc', 'cc_1:00', {
  collections: [testCollection('secret', ['Org1MSP'], { read: true, write: true })],
});

function context(state: FakeState, mspId = 'Org1MSP'): { context: TransactionContext; simulator: FakeSimulator } {
  const simulator = new FakeSimulator('tx1', state);
  const invocation = { channel: 'alliance', chaincodeName: 'cc', txId: 'tx1', creator: { mspId } as Identity, simulator } as unknown as ChaincodeInvocation;
  return { context: new TransactionContext({ invocation, definition, isInit: false }), simulator };
}

function record(type: number, key: string, options: { collection?: string; value?: string; metadata?: [string, string] } = {}): peer.WriteRecord {
  const r = new peer.WriteRecord();
  r.setType(type as peer.WriteRecord.TypeMap[keyof peer.WriteRecord.TypeMap]);
  r.setKey(key);
  r.setCollection(options.collection ?? '');
  if (options.value !== undefined) r.setValue(Buffer.from(options.value));
  if (options.metadata) {
    const entry = new peer.StateMetadata();
    entry.setMetakey(options.metadata[0]);
    entry.setValue(Buffer.from(options.metadata[1]));
    r.setMetadata(entry);
  }
  return r;
}

function batchMessage(records: peer.WriteRecord[]): peer.ChaincodeMessage {
  const batch = new peer.WriteBatchState();
  batch.setRecList(records);
  return chaincodeMessage(MessageTypes.WRITE_BATCH_STATE, 'alliance', 'tx1', batch.serializeBinary());
}

const { PUT_STATE, DEL_STATE, PUT_STATE_METADATA, PURGE_PRIVATE_DATA } = peer.WriteRecord.Type;

test('READY announces write batches and multi-key reads of up to 1000, as Fabric 3.1 does by default', () => {
  const params = peer.ChaincodeAdditionalParams.deserializeBinary(RUNTIME_PARAMS);
  expect(params.toObject()).toEqual({ useWriteBatch: true, maxSizeWriteBatch: 1000, useGetMultipleKeys: true, maxSizeGetMultipleKeys: 1000 });
});

test('WRITE_BATCH_STATE applies its records in order, public and private, as the single requests would', async () => {
  const { context: ctx, simulator } = context(new FakeState());
  const records = [
    record(PUT_STATE, 'a', { value: '1' }),
    record(PUT_STATE, 'p', { collection: 'secret', value: 'hidden' }),
    record(PUT_STATE_METADATA, 'a', { metadata: ['VALIDATION_PARAMETER', 'policy'] }),
    record(DEL_STATE, 'b'),
    record(PURGE_PRIVATE_DATA, 'q', { collection: 'secret' }),
  ];
  await expect(handleWriteBatchState(batchMessage(records), ctx)).resolves.toBeUndefined();
  expect(simulator.writes).toEqual([
    { op: 'put', ns: 'cc', key: 'a', value: '1' },
    { op: 'put', ns: 'cc', collection: 'secret', key: 'p', value: 'hidden' },
    { op: 'metadata', ns: 'cc', key: 'a' },
    { op: 'delete', ns: 'cc', key: 'b' },
    { op: 'purge', ns: 'cc', collection: 'secret', key: 'q' },
  ]);
});

test('a record the single request would refuse fails the batch', async () => {
  const { context: ctx } = context(new FakeState());
  await expect(handleWriteBatchState(batchMessage([record(PURGE_PRIVATE_DATA, 'a')]), ctx)).rejects.toThrow('only applicable for private data');
  await expect(handleWriteBatchState(batchMessage([record(PUT_STATE, 'a', { collection: 'missing', value: 'x' })]), ctx)).rejects.toThrow(
    'collection alliance/cc/missing could not be found',
  );
});

test('GET_STATE_MULTIPLE answers the values in the order asked, empty for a key that does not exist', async () => {
  const state = new FakeState();
  state.put('cc', 'a', 'A');
  state.put('cc', 'c', 'C');
  state.putPrivate('cc', 'secret', 's', 'S');
  const { context: ctx } = context(state);
  const ask = async (keys: string[], collection = '') => {
    const request = new peer.GetStateMultiple();
    request.setKeysList(keys);
    request.setCollection(collection);
    const payload = await handleGetStateMultiple(chaincodeMessage(MessageTypes.GET_STATE_MULTIPLE, 'alliance', 'tx1', request.serializeBinary()), ctx);
    return peer.GetStateMultipleResult.deserializeBinary(payload)
      .getValuesList_asU8()
      .map((v) => Buffer.from(v).toString());
  };
  expect(await ask(['c', 'missing', 'a'])).toEqual(['C', '', 'A']);
  expect(await ask(['s', 'none'], 'secret')).toEqual(['S', '']);
});
