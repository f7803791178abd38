import type { ItemState } from '@crossborder-trace/domain';
import type { ChaincodeStub } from 'fabric-shim';
import { TraceLedger } from './trace-ledger';

/**
 * A stub as Fabric's simulator behaves within one transaction: reads answer the committed state only, never
 * what the transaction itself wrote. It counts the reads that reach the peer.
 */
class SimulatorStub {
  readonly committed = new Map<string, Buffer>();
  readonly committedPrivate = new Map<string, Buffer>();
  readonly written = new Map<string, Buffer>();
  readonly writtenPrivate = new Map<string, Buffer>();
  readonly reads: string[] = [];

  createCompositeKey(objectType: string, attributes: string[]): string {
    return `\u0000${objectType}\u0000${attributes.map((a) => `${a}\u0000`).join('')}`;
  }

  async getState(key: string): Promise<Buffer> {
    this.reads.push(key);
    return this.committed.get(key) ?? Buffer.alloc(0);
  }

  async putState(key: string, value: Uint8Array): Promise<void> {
    this.written.set(key, Buffer.from(value));
  }

  async getPrivateData(collection: string, key: string): Promise<Buffer> {
    this.reads.push(`${collection}/${key}`);
    return this.committedPrivate.get(`${collection}/${key}`) ?? Buffer.alloc(0);
  }

  async putPrivateData(collection: string, key: string, value: Uint8Array): Promise<void> {
    this.writtenPrivate.set(`${collection}/${key}`, Buffer.from(value));
  }
}

function ledgerOn(stub: SimulatorStub): TraceLedger {
  return new TraceLedger(stub as unknown as ChaincodeStub);
}

const ITEM: ItemState = { epc: 'urn:epc:id:sgtin:9506000.134352.S1', lastEventId: 'e1', lastEventTimeUtc: '2026-01-01T00:00:00.000Z', custodian: 'ManufacturerMSP' };

describe('TraceLedger within one transaction', () => {
  it('answers a state the transaction wrote with what it wrote, though the simulator does not', async () => {
    const stub = new SimulatorStub();
    const ledger = ledgerOn(stub);
    expect(await ledger.itemState(ITEM.epc)).toBeUndefined();
    await ledger.putItemState(ITEM);
    const moved = { ...ITEM, lastEventId: 'e2', custodian: 'LogisticsMSP' };
    await ledger.putItemState(moved);
    expect(await ledger.itemState(ITEM.epc)).toEqual(moved);
    expect(stub.written.size).toBe(1);
  });

  it('asks the peer for a key once, absent or present', async () => {
    const stub = new SimulatorStub();
    stub.committed.set(stub.createCompositeKey('item', [ITEM.epc]), Buffer.from(JSON.stringify(ITEM)));
    const ledger = ledgerOn(stub);
    for (let i = 0; i < 3; i++) {
      expect(await ledger.itemState(ITEM.epc)).toEqual(ITEM);
      expect(await ledger.itemState('urn:epc:id:sgtin:9506000.134352.none')).toBeUndefined();
    }
    expect(stub.reads).toHaveLength(2);
  });

  it('keeps each collection apart from the others and from channel state', async () => {
    const stub = new SimulatorStub();
    const ledger = ledgerOn(stub);
    await ledger.putCollectionKey('productionData-ManufacturerMSP', Buffer.from('key-a'));
    expect(Buffer.from((await ledger.collectionKey('productionData-ManufacturerMSP'))!).toString()).toBe('key-a');
    expect(await ledger.collectionKey('transportData-LogisticsMSP')).toBeUndefined();
    await ledger.putEventDetail('productionData-ManufacturerMSP', 'e1', { hashId: 'h1' });
    expect(await ledger.eventDetail('productionData-ManufacturerMSP', 'e1')).toEqual({ hashId: 'h1' });
    expect(await ledger.eventDetail('transportData-LogisticsMSP', 'e1')).toBeUndefined();
    expect(await ledger.eventSummary('e1')).toBeUndefined();
  });

  it('starts afresh for the next transaction', async () => {
    const stub = new SimulatorStub();
    await ledgerOn(stub).putItemState(ITEM);
    expect(await ledgerOn(stub).itemState(ITEM.epc)).toBeUndefined();
  });
});
