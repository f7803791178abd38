// Events as an application consumes them through the gateway: chaincode events from a block or a checkpoint, full
// blocks, filtered blocks and blocks with private data, each resumable from a checkpoint.
import { checkpointers, StatusCode, type ChaincodeEvent } from '@hyperledger/fabric-gateway';
import type { peer } from '@hyperledger/fabric-protos';
import { contains, utf8 } from '../support/bytes';
import { collect, take } from '../support/streams';
import { useTestNetwork } from '../support/suite';
import { submitAndWait, type Committed } from '../support/transactions';
import { CHAINCODE, contractsOf, type Contracts } from './conformance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

let manufacturer: Contracts;
/** Two valid events with an invalid one between them, committed once for all the tests below. */
let first: Committed;
let invalid: Committed;
let second: Committed;

beforeAll(async () => {
  manufacturer = contractsOf(network().connect('Manufacturer'));
  first = await submitAndWait(manufacturer.tx, 'emit', { arguments: ['ShipmentDispatched', '{"lot":"L-1"}'] });
  invalid = await submitAndWait(manufacturer.tx, 'emit', {
    arguments: ['ShipmentForged', '{"lot":"L-X"}'],
    endorsingOrganizations: ['ManufacturerMSP'],
  });
  second = await submitAndWait(manufacturer.tx, 'emit', { arguments: ['ShipmentArrived', '{"lot":"L-1"}'] });
  expect([first, invalid, second].map((c) => c.status.code)).toEqual([
    StatusCode.VALID,
    StatusCode.ENDORSEMENT_POLICY_FAILURE,
    StatusCode.VALID,
  ]);
});

function summary(event: ChaincodeEvent) {
  return {
    blockNumber: event.blockNumber,
    transactionId: event.transactionId,
    chaincodeName: event.chaincodeName,
    eventName: event.eventName,
    payload: Buffer.from(event.payload).toString(),
  };
}

describe('chaincode events', () => {
  test('from a start block: each valid transaction\'s event, in order; an invalid transaction\'s event never', async () => {
    const events = await take(await manufacturer.network.getChaincodeEvents(CHAINCODE, { startBlock: first.status.blockNumber }), 2);
    expect(events.map(summary)).toEqual([
      { blockNumber: first.status.blockNumber, transactionId: first.txId, chaincodeName: CHAINCODE, eventName: 'ShipmentDispatched', payload: '{"lot":"L-1"}' },
      { blockNumber: second.status.blockNumber, transactionId: second.txId, chaincodeName: CHAINCODE, eventName: 'ShipmentArrived', payload: '{"lot":"L-1"}' },
    ]);
  });

  test('from a checkpoint: resumes after the last event processed', async () => {
    const checkpointer = checkpointers.inMemory();
    const [processed] = await take(await manufacturer.network.getChaincodeEvents(CHAINCODE, { startBlock: first.status.blockNumber }), 1);
    await checkpointer.checkpointChaincodeEvent(processed);
    const [next] = await take(await manufacturer.network.getChaincodeEvents(CHAINCODE, { checkpoint: checkpointer }), 1);
    expect(summary(next)).toMatchObject({ transactionId: second.txId, eventName: 'ShipmentArrived' });
  });
});

describe('block events', () => {
  test('full blocks from a start block, then from a checkpoint', async () => {
    const [block] = await take(await manufacturer.network.getBlockEvents({ startBlock: first.status.blockNumber }), 1);
    expect(BigInt(block.getHeader()?.getNumber() ?? -1)).toBe(first.status.blockNumber);
    expect(contains(block.serializeBinary(), utf8(first.txId))).toBe(true);

    const checkpointer = checkpointers.inMemory();
    await checkpointer.checkpointBlock(first.status.blockNumber);
    const [resumed] = await take(await manufacturer.network.getBlockEvents({ checkpoint: checkpointer }), 1);
    expect(BigInt(resumed.getHeader()?.getNumber() ?? -1)).toBe(first.status.blockNumber + 1n);
  });

  test('filtered blocks: transaction ids, validation codes and event names, without payloads', async () => {
    const blocks = await collect(
      await manufacturer.network.getFilteredBlockEvents({ startBlock: first.status.blockNumber }),
      (items) => items.some((b) => BigInt(b.getNumber()) === second.status.blockNumber),
    );
    const transactions = blocks.flatMap((b) =>
      b.getFilteredTransactionsList().map((t) => ({
        block: BigInt(b.getNumber()),
        channel: b.getChannelId(),
        txId: t.getTxid(),
        code: t.getTxValidationCode(),
        events: (t.getTransactionActions()?.getChaincodeActionsList() ?? []).map((a) => ({
          chaincode: a.getChaincodeEvent()?.getChaincodeId(),
          name: a.getChaincodeEvent()?.getEventName(),
          payloadBytes: a.getChaincodeEvent()?.getPayload_asU8().length,
        })),
      })),
    );
    const expected = (c: Committed, code: number, name: string) => ({
      block: c.status.blockNumber,
      channel: 'alliance',
      txId: c.txId,
      code,
      events: [{ chaincode: CHAINCODE, name, payloadBytes: 0 }],
    });
    expect(transactions).toEqual([
      expected(first, StatusCode.VALID, 'ShipmentDispatched'),
      expected(invalid, StatusCode.ENDORSEMENT_POLICY_FAILURE, 'ShipmentForged'),
      expected(second, StatusCode.VALID, 'ShipmentArrived'),
    ]);
  });

  test('filtered blocks from a checkpoint', async () => {
    const checkpointer = checkpointers.inMemory();
    await checkpointer.checkpointBlock(invalid.status.blockNumber);
    const [resumed] = await take(await manufacturer.network.getFilteredBlockEvents({ checkpoint: checkpointer }), 1);
    expect(BigInt(resumed.getNumber())).toBe(invalid.status.blockNumber + 1n);
  });

  // manufacturerPrivate (Manufacturer + Regulator, memberOnlyRead): the peer filters private data per client.
  describe('blocks with private data', () => {
    const secret = 'pallet 12: 480 units at 2.15 EUR';
    let written: Committed;

    beforeAll(async () => {
      written = await submitAndWait(manufacturer.data, 'putPrivate', {
        arguments: ['manufacturerPrivate', 'price'],
        transientData: { value: utf8(secret) },
      });
      expect(written.status.code).toBe(StatusCode.VALID);
    });

    const privateWrites = (event: peer.BlockAndPrivateData) => {
      const writes: Array<{ namespace: string; collection: string; rwset: Uint8Array }> = [];
      event.getPrivateDataMapMap().forEach((tx) => {
        for (const ns of tx.getNsPvtRwsetList()) {
          for (const collection of ns.getCollectionPvtRwsetList()) {
            writes.push({ namespace: ns.getNamespace(), collection: collection.getCollectionName(), rwset: collection.getRwset_asU8() });
          }
        }
      });
      return writes;
    };

    test("a member org's client receives the block with the collection's private writes", async () => {
      const [event] = await take(await manufacturer.network.getBlockAndPrivateDataEvents({ startBlock: written.status.blockNumber }), 1);
      expect(BigInt(event.getBlock()?.getHeader()?.getNumber() ?? -1)).toBe(written.status.blockNumber);
      const writes = privateWrites(event);
      expect(writes.map((w) => [w.namespace, w.collection])).toEqual([[CHAINCODE, 'manufacturerPrivate']]);
      expect(contains(writes[0].rwset, utf8(secret))).toBe(true);
    });

    test("a non-member org's client receives the block without the private writes, even from a peer that holds them", async () => {
      // The Logistics user's client, connected to the Manufacturer's peer.
      const connection = network().connectAs('Manufacturer', network().identity('Logistics'));
      const channel = connection.gateway.getNetwork('alliance');
      const [event] = await take(await channel.getBlockAndPrivateDataEvents({ startBlock: written.status.blockNumber }), 1);
      expect(BigInt(event.getBlock()?.getHeader()?.getNumber() ?? -1)).toBe(written.status.blockNumber);
      expect(contains(event.getBlock()?.serializeBinary() ?? new Uint8Array(), utf8(written.txId))).toBe(true);
      expect(privateWrites(event)).toEqual([]);
      expect(contains(event.serializeBinary(), utf8(secret))).toBe(false);
    });

    test('from a checkpoint: the next block', async () => {
      const checkpointer = checkpointers.inMemory();
      await checkpointer.checkpointBlock(written.status.blockNumber - 1n);
      const [resumed] = await take(await manufacturer.network.getBlockAndPrivateDataEvents({ checkpoint: checkpointer }), 1);
      expect(BigInt(resumed.getBlock()?.getHeader()?.getNumber() ?? -1)).toBe(written.status.blockNumber);
      expect(privateWrites(resumed).map((w) => w.collection)).toEqual(['manufacturerPrivate']);
    });
  });
});
