import { common, peer } from '@hyperledger/fabric-protos';
import '../comm/bounded-decoding';
import { FilteredBlockError, toFilteredBlock } from './filtered-block';
import { testBlock, transactionEnvelope } from './test-fakes';

const CHANNEL = 'alliance';

test('channel, number, tx ids, header types, validation codes and event names, without event payloads', () => {
  const block = testBlock(
    3,
    [
      transactionEnvelope({ channel: CHANNEL, txId: 'good', event: { name: 'Shipped', payload: 'secret' } }),
      transactionEnvelope({ channel: CHANNEL, txId: 'bad', event: { name: 'Forged', payload: 'secret' } }),
      transactionEnvelope({ channel: CHANNEL, txId: 'quiet' }),
      transactionEnvelope({ channel: CHANNEL, txId: 'config', type: common.HeaderType.CONFIG }),
    ],
    [peer.TxValidationCode.VALID, peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE, peer.TxValidationCode.MVCC_READ_CONFLICT, peer.TxValidationCode.VALID],
  );
  const filtered = toFilteredBlock(block);
  expect({ channel: filtered.getChannelId(), number: filtered.getNumber() }).toEqual({ channel: CHANNEL, number: 3 });
  expect(
    filtered.getFilteredTransactionsList().map((tx) => ({
      txId: tx.getTxid(),
      type: tx.getType(),
      code: tx.getTxValidationCode(),
      events: tx.getTransactionActions()?.getChaincodeActionsList().map((a) => a.getChaincodeEvent()!.toObject()),
    })),
  ).toEqual([
    { txId: 'good', type: common.HeaderType.ENDORSER_TRANSACTION, code: peer.TxValidationCode.VALID, events: [{ txId: 'good', chaincodeId: 'cc', eventName: 'Shipped', payload: '' }] },
    {
      txId: 'bad',
      type: common.HeaderType.ENDORSER_TRANSACTION,
      code: peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
      events: [{ txId: 'bad', chaincodeId: 'cc', eventName: 'Forged', payload: '' }],
    },
    { txId: 'quiet', type: common.HeaderType.ENDORSER_TRANSACTION, code: peer.TxValidationCode.MVCC_READ_CONFLICT, events: [] },
    { txId: 'config', type: common.HeaderType.CONFIG, code: peer.TxValidationCode.VALID, events: undefined },
  ]);
});

// Without the comm layer's bounded decoding, google-protobuf never returns on these bytes (a length >= 2^31).
test('an endorser transaction whose content claims a 4 GiB submessage fails the block', () => {
  const envelope = transactionEnvelope({ channel: CHANNEL, txId: 'damaged' });
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  payload.setData(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]));
  envelope.setPayload(payload.serializeBinary());
  expect(() => toFilteredBlock(testBlock(1, [envelope], [0]))).toThrow(FilteredBlockError);
});
