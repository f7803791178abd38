import { ledger as protos } from '@hyperledger/fabric-protos';
import type { PeerLedger } from './api';
import { PvtdataNotAvailableError } from './errors';
import { bytes, CC, collection, commitGenesis, commitNext, endorse, envelopeFor, ORGS, openTestLedger, text } from './test-fixtures';

const [ORG1, ORG2, ORG3] = ORGS;

async function readPvt(ledger: PeerLedger, mspId: string, coll: string, key: string): Promise<string | undefined> {
  const sim = await ledger.newTxSimulator(`read-${Math.random()}`, mspId);
  return text(await sim.getPrivateData(CC, coll, key));
}

async function hashOf(ledger: PeerLedger, coll: string, key: string): Promise<Uint8Array | undefined> {
  const sim = await ledger.newTxSimulator(`hash-${Math.random()}`, ORG3);
  return sim.getPrivateDataHash(CC, coll, key);
}

function writtenKeys(data: ReadonlyMap<number, protos.rwset.TxPvtReadWriteSet>): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const [txNum, txPvt] of data) {
    out[txNum] = txPvt
      .getNsPvtRwsetList()
      .flatMap((ns) => ns.getCollectionPvtRwsetList())
      .flatMap((c) => protos.rwset.kvrwset.KVRWSet.deserializeBinary(c.getRwset_asU8()).getWritesList().map((w) => `${c.getCollectionName()}/${w.getKey()}`));
  }
  return out;
}

describe('private data', () => {
  let ledger: PeerLedger;

  beforeEach(async () => {
    ({ ledger } = await openTestLedger([collection('pair', [ORG1, ORG2]), collection('short', [ORG1], 2)]));
    await commitGenesis(ledger);
  });

  afterEach(() => ledger.close());

  it('is stored for the collection members only', async () => {
    await commitNext(ledger, [
      (
        await endorse(ledger, 'w', (sim) => {
          sim.setPrivateData(CC, 'pair', 'k', bytes('v'));
          sim.setPrivateData(CC, 'short', 'k', bytes('s'));
        })
      ).envelope,
    ]);
    expect(await readPvt(ledger, ORG1, 'pair', 'k')).toBe('v');
    expect(await readPvt(ledger, ORG2, 'pair', 'k')).toBe('v');
    await expect(readPvt(ledger, ORG3, 'pair', 'k')).rejects.toThrow(PvtdataNotAvailableError);
    await expect(readPvt(ledger, ORG2, 'short', 'k')).rejects.toThrow(PvtdataNotAvailableError);
    expect(writtenKeys(await ledger.getPrivateData(1, ORG1))).toEqual({ 0: ['pair/k', 'short/k'] });
    expect(writtenKeys(await ledger.getPrivateData(1, ORG2))).toEqual({ 0: ['pair/k'] });
    expect((await ledger.getPrivateData(1, ORG3)).size).toBe(0);
  });

  it('is checked against the hashes in the block: a mismatching copy is not stored', async () => {
    const simulate = async (value: string) => {
      const sim = await ledger.newTxSimulator('tx', ORG1);
      sim.setPrivateData(CC, 'pair', 'k', bytes(value));
      return sim.getResults();
    };
    const endorsed = await simulate('real');
    const forged = await simulate('forged');
    ledger.persistTransientData('tx', forged.privateRwset!);
    await commitNext(ledger, [envelopeFor('tx', endorsed)]);
    await expect(readPvt(ledger, ORG1, 'pair', 'k')).rejects.toThrow(PvtdataNotAvailableError);
    expect(await hashOf(ledger, 'pair', 'k')).toBeDefined();
    expect((await ledger.getPrivateData(1, ORG1)).size).toBe(0);

    const again = await ledger.newTxSimulator('tx2', ORG1);
    again.setPrivateData(CC, 'pair', 'k', bytes('second'));
    const results = again.getResults();
    ledger.persistTransientData('tx2', forged.privateRwset!);
    ledger.persistTransientData('tx2', results.privateRwset!);
    await commitNext(ledger, [envelopeFor('tx2', results)]);
    expect(await readPvt(ledger, ORG2, 'pair', 'k')).toBe('second');
  });

  it('expires with BlockToLive: written at b with BTL 2, gone when b + 3 commits', async () => {
    await commitNext(ledger, [(await endorse(ledger, 'w', (sim) => sim.setPrivateData(CC, 'short', 'k', bytes('s')))).envelope]);
    const written = ledger.height() - 1;
    await commitNext(ledger, []);
    await commitNext(ledger, []);
    expect(await readPvt(ledger, ORG1, 'short', 'k')).toBe('s');
    expect(writtenKeys(await ledger.getPrivateData(written, ORG1))).toEqual({ 0: ['short/k'] });
    await commitNext(ledger, []);
    expect(ledger.height() - 1).toBe(written + 3);
    expect(await readPvt(ledger, ORG1, 'short', 'k')).toBeUndefined();
    expect(await hashOf(ledger, 'short', 'k')).toBeUndefined();
    expect((await ledger.getPrivateData(written, ORG1)).size).toBe(0);
  });

  it('does not expire a value rewritten later by the earlier schedule', async () => {
    await commitNext(ledger, [(await endorse(ledger, 'w1', (sim) => sim.setPrivateData(CC, 'short', 'k', bytes('1')))).envelope]);
    await commitNext(ledger, [(await endorse(ledger, 'w2', (sim) => sim.setPrivateData(CC, 'short', 'k', bytes('2')))).envelope]);
    await commitNext(ledger, []);
    await commitNext(ledger, []); // block 4: the first write (block 1) expires
    expect(await readPvt(ledger, ORG1, 'short', 'k')).toBe('2');
    await commitNext(ledger, []); // block 5: the second write (block 2) expires
    expect(await readPvt(ledger, ORG1, 'short', 'k')).toBeUndefined();
  });

  it('purges a key from hashed and private state of every org, and from stored private data', async () => {
    await commitNext(ledger, [
      (
        await endorse(ledger, 'w', (sim) => {
          sim.setPrivateData(CC, 'pair', 'k', bytes('v'));
          sim.setPrivateData(CC, 'pair', 'keep', bytes('x'));
          sim.setState(CC, 'public', bytes('p'));
        })
      ).envelope,
    ]);
    // The purge's private data never reaches the store: orgs still drop the key, found by its hash.
    const purgeSim = await ledger.newTxSimulator('purge', ORG1);
    purgeSim.purgePrivateData(CC, 'pair', 'k');
    await commitNext(ledger, [envelopeFor('purge', purgeSim.getResults())]);
    for (const org of [ORG1, ORG2]) expect(await readPvt(ledger, org, 'pair', 'k')).toBeUndefined();
    expect(await hashOf(ledger, 'pair', 'k')).toBeUndefined();
    expect(await readPvt(ledger, ORG2, 'pair', 'keep')).toBe('x');
    expect(writtenKeys(await ledger.getPrivateData(1, ORG2))).toEqual({ 0: ['pair/keep'] });
    const sim = await ledger.newTxSimulator('history', ORG1);
    const history = await sim.getHistoryForKey(CC, 'public');
    expect((await history.next())?.txId).toBe('w');
  });

  it('keeps the private value readable after a metadata-only update of the hashed key', async () => {
    await commitNext(ledger, [(await endorse(ledger, 'w', (sim) => sim.setPrivateData(CC, 'pair', 'k', bytes('v')))).envelope]);
    await commitNext(ledger, [
      (await endorse(ledger, 'm', (sim) => sim.setPrivateDataMetadata(CC, 'pair', 'k', new Map([['VALIDATION_PARAMETER', bytes('p')]])))).envelope,
    ]);
    expect(await readPvt(ledger, ORG2, 'pair', 'k')).toBe('v');
    const sim = await ledger.newTxSimulator('meta', ORG3);
    expect(text((await sim.getPrivateDataMetadata(CC, 'pair', 'k'))?.get('VALIDATION_PARAMETER'))).toBe('p');
  });
});
