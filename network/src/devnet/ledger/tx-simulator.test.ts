import { ledger as ledgerProtos } from '@hyperledger/fabric-protos';
import type { PeerLedger } from './api';
import { CollConfigNotDefinedError, InvalidCollNameError, PvtdataNotAvailableError, SimulationError } from './errors';
import { sha256 } from './ordering';
import { bytes, CC, collection, commitGenesis, commitNext, endorse, ORGS, openTestLedger, text } from './test-fixtures';

const { KVRWSet, HashedRWSet } = ledgerProtos.rwset.kvrwset;

function kvOf(results: { publicRwset: ledgerProtos.rwset.TxReadWriteSet }, ns = CC) {
  const nsRwset = results.publicRwset.getNsRwsetList().find((n) => n.getNamespace() === ns)!;
  return KVRWSet.deserializeBinary(nsRwset.getRwset_asU8());
}

describe('TxSimulator', () => {
  let ledger: PeerLedger;

  beforeEach(async () => {
    ({ ledger } = await openTestLedger([collection('secret', [ORGS[0]])]));
    await commitGenesis(ledger);
    await commitNext(ledger, [
      (
        await endorse(ledger, 'seed', (sim) => {
          sim.setState(CC, 'a', bytes('1'));
          sim.setState(CC, 'b', bytes('2'));
          sim.setState(CC, 'c', bytes('3'));
          sim.setPrivateData(CC, 'secret', 'p', bytes('hidden'));
        })
      ).envelope,
    ]);
  });

  afterEach(() => ledger.close());

  it('reads committed state only: its own writes are invisible to it', async () => {
    const sim = await ledger.newTxSimulator('t1', ORGS[0]);
    sim.setState(CC, 'a', bytes('changed'));
    sim.setState(CC, 'new', bytes('x'));
    expect(text(await sim.getState(CC, 'a'))).toBe('1');
    expect(await sim.getState(CC, 'new')).toBeUndefined();
    const kv = kvOf(sim.getResults());
    expect(kv.getReadsList().map((r) => [r.getKey(), r.getVersion()?.toObject()])).toEqual([
      ['a', { blockNum: 1, txNum: 0 }],
      ['new', undefined],
    ]);
    expect(kv.getWritesList().map((w) => w.getKey())).toEqual(['a', 'new']);
  });

  it('records deletes, metadata writes sorted by name, and reads metadata with a read', async () => {
    const sim = await ledger.newTxSimulator('t2', ORGS[0]);
    sim.deleteState(CC, 'b');
    sim.setStateMetadata(CC, 'a', new Map([['z', bytes('1')], ['VALIDATION_PARAMETER', bytes('p')]]));
    expect(await sim.getStateMetadata(CC, 'a')).toBeUndefined();
    const kv = kvOf(sim.getResults());
    expect(kv.getWritesList()[0].getIsDelete()).toBe(true);
    expect(kv.getMetadataWritesList()[0].getEntriesList().map((e) => e.getName())).toEqual(['VALIDATION_PARAMETER', 'z']);
    expect(kv.getReadsList().map((r) => r.getKey())).toEqual(['a']);
  });

  it('produces byte-identical read-write sets for the same operations in a different order', async () => {
    const run = async (txId: string, reverse: boolean) => {
      const sim = await ledger.newTxSimulator(txId, ORGS[0]);
      const ops = [
        () => sim.setState(CC, 'k\u{1F600}', bytes('emoji')),
        () => sim.setState(CC, 'k\uFFFD', bytes('bmp')),
        () => sim.setPrivateData(CC, 'secret', 'q', bytes('v')),
        () => sim.setState('other', 'x', bytes('y')),
      ];
      for (const op of reverse ? ops.reverse() : ops) op();
      await sim.getState(CC, 'c');
      return sim.getResults();
    };
    const one = await run('same', false);
    const two = await run('same', true);
    expect(Buffer.from(one.publicRwset.serializeBinary())).toEqual(Buffer.from(two.publicRwset.serializeBinary()));
    expect(one.publicRwset.getNsRwsetList().map((n) => n.getNamespace())).toEqual(['other', CC]);
    // Go (UTF-8 byte) order: U+FFFD before U+1F600, unlike JavaScript's UTF-16 order.
    expect(kvOf(one, CC).getWritesList().map((w) => w.getKey())).toEqual(['k\uFFFD', 'k\u{1F600}']);
  });

  it('records range queries: raw reads and end key while iterating, query end key once exhausted', async () => {
    const sim = await ledger.newTxSimulator('t3', ORGS[0]);
    const partial = await sim.getStateRange(CC, 'a', 'z');
    expect((await partial.next())?.key).toBe('a');
    expect((await partial.next())?.key).toBe('b');
    await partial.close();
    const full = await sim.getStateRange(CC, 'b', '');
    const keys: string[] = [];
    for (let kv = await full.next(); kv; kv = await full.next()) keys.push(kv.key);
    expect(keys).toEqual(['b', 'c']);
    const infos = kvOf(sim.getResults()).getRangeQueriesInfoList();
    expect(infos.map((q) => [q.getStartKey(), q.getEndKey(), q.getItrExhausted()])).toEqual([
      ['a', 'b', false],
      ['b', '', true],
    ]);
    expect(infos[0].getRawReads()!.getKvReadsList().map((r) => r.getKey())).toEqual(['a', 'b']);
  });

  it('paginates with a bookmark and refuses writes in a transaction that paginated, with Fabric texts', async () => {
    const sim = await ledger.newTxSimulator('tx-page', ORGS[0]);
    const page = await sim.getStateRangeWithPagination(CC, '', '', 2);
    expect((await page.next())?.key).toBe('a');
    expect((await page.next())?.key).toBe('b');
    expect(await page.next()).toBeUndefined();
    expect(page.bookmark()).toBe('c');
    expect(page.fetchedCount()).toBe(2);
    const rest = await sim.getStateRangeWithPagination(CC, page.bookmark(), '', 2);
    expect((await rest.next())?.key).toBe('c');
    expect(await rest.next()).toBeUndefined();
    expect(rest.bookmark()).toBe('');
    expect(() => sim.setState(CC, 'a', bytes('x'))).toThrow(
      'txid [tx-page]: unsuppored transaction. Transaction has already performed a paginated query. Writes are not allowed',
    );

    const writer = await ledger.newTxSimulator('tx-w', ORGS[0]);
    writer.setState(CC, 'a', bytes('x'));
    await expect(writer.getStateRangeWithPagination(CC, '', '', 1)).rejects.toThrow(
      'txid [tx-w]: unsuppored transaction. Paginated queries are supported only in a read-only transaction',
    );
  });

  it('summarises more than 50 range results as a Merkle tree', async () => {
    await commitNext(ledger, [
      (
        await endorse(ledger, 'many', (sim) => {
          for (let i = 0; i < 120; i++) sim.setState(CC, `m${String(i).padStart(3, '0')}`, bytes('v'));
        })
      ).envelope,
    ]);
    const sim = await ledger.newTxSimulator('scan', ORGS[0]);
    const it = await sim.getStateRange(CC, 'm', 'n');
    let count = 0;
    while (await it.next()) count++;
    expect(count).toBe(120);
    const info = kvOf(sim.getResults()).getRangeQueriesInfoList()[0];
    expect(info.getRawReads()).toBeUndefined();
    expect(info.getReadsMerkleHashes()!.getMaxDegree()).toBe(50);
    expect(info.getReadsMerkleHashes()!.getMaxLevelHashesList().length).toBe(3);
  });

  it('keeps private values out of the public rwset: hashes there, clear values in the private rwset', async () => {
    const sim = await ledger.newTxSimulator('pvt', ORGS[0]);
    expect(text(await sim.getPrivateData(CC, 'secret', 'p'))).toBe('hidden');
    sim.setPrivateData(CC, 'secret', 'p', bytes('new'));
    sim.purgePrivateData(CC, 'secret', 'gone');
    const { publicRwset, privateRwset } = sim.getResults();
    const collHashed = publicRwset.getNsRwsetList()[0].getCollectionHashedRwsetList()[0];
    const hashed = HashedRWSet.deserializeBinary(collHashed.getHashedRwset_asU8());
    expect(hashed.getHashedReadsList()[0].getVersion()?.toObject()).toEqual({ blockNum: 1, txNum: 0 });
    expect(hashed.getHashedWritesList().map((w) => w.getIsPurge())).toEqual([true, false]);
    expect(Buffer.from(publicRwset.serializeBinary()).includes(Buffer.from('new'))).toBe(false);
    const collPvt = privateRwset!.getNsPvtRwsetList()[0].getCollectionPvtRwsetList()[0];
    expect(Buffer.from(collHashed.getPvtRwsetHash_asU8())).toEqual(sha256(collPvt.getRwset_asU8()));
    expect(KVRWSet.deserializeBinary(collPvt.getRwset_asU8()).getWritesList().map((w) => w.getKey())).toEqual(['gone', 'p']);
  });

  it('on a non-member peer: an existing private key fails as on Fabric, the hash is readable', async () => {
    const sim = await ledger.newTxSimulator('nm', ORGS[1]);
    await expect(sim.getPrivateData(CC, 'secret', 'p')).rejects.toThrow(PvtdataNotAvailableError);
    await expect(sim.getPrivateData(CC, 'secret', 'p')).rejects.toThrow(
      'private data matching public hash version is not available. Public hash version = {BlockNum: 1, TxNum: 0}, Private data version = <nil>',
    );
    expect(await sim.getPrivateData(CC, 'secret', 'absent')).toBeUndefined();
    expect((await sim.getPrivateDataHash(CC, 'secret', 'p'))?.length).toBe(32);
    const range = await sim.getPrivateDataRange(CC, 'secret', '', '');
    expect(await range.next()).toBeUndefined();
  });

  it('validates collection names as Fabric does, implicit org collections included', async () => {
    const sim = await ledger.newTxSimulator('names', ORGS[0]);
    await expect(sim.getPrivateData(CC, 'nope', 'k')).rejects.toThrow(InvalidCollNameError);
    await expect(sim.getPrivateData('unknown', 'secret', 'k')).rejects.toThrow(CollConfigNotDefinedError);
    expect(() => sim.setPrivateData(CC, `_implicit_org_${ORGS[2]}`, 'k', bytes('v'))).not.toThrow();
    expect(() => sim.setPrivateData(CC, '_implicit_org_Stranger', 'k', bytes('v'))).toThrow(
      `collection [_implicit_org_Stranger] not defined in the collection config for chaincode [${CC}]`,
    );
  });

  it('refuses writes after a private range query, and any use after getResults', async () => {
    const sim = await ledger.newTxSimulator('pq', ORGS[0]);
    const range = await sim.getPrivateDataRange(CC, 'secret', '', '');
    expect((await range.next())?.key).toBe('p');
    expect(() => sim.setState(CC, 'x', bytes('1'))).toThrow(SimulationError);
    sim.getResults();
    expect(() => sim.getResults()).toThrow('this function should only be called once on a transaction simulator instance');
    await expect(sim.getState(CC, 'a')).rejects.toThrow('this instance should not be used after calling Done()');
  });

  it('never sees part of a block while commits run', async () => {
    const envelopes = [];
    for (let i = 0; i < 20; i++) {
      envelopes.push((await endorse(ledger, `both${i}`, (s) => ['x', 'y', 'z'].forEach((k) => s.setState(CC, k, bytes(String(i)))))).envelope);
    }
    let done = false;
    const commits = (async () => {
      for (const envelope of envelopes) await commitNext(ledger, [envelope]);
      done = true;
    })();
    const views = new Set<string>();
    while (!done) {
      const sim = await ledger.newTxSimulator(`view${views.size}`, ORGS[0]);
      const x = text(await sim.getState(CC, 'x'));
      await new Promise((resolve) => setImmediate(resolve));
      const [y, z] = await Promise.all([sim.getState(CC, 'y'), sim.getState(CC, 'z')]);
      expect([text(y), text(z)]).toEqual([x, x]);
      views.add(String(x));
      sim.getResults();
    }
    await commits;
    expect(views.size).toBeGreaterThan(1);
  });

  it('does not see a block committed after the simulation started', async () => {
    const sim = await ledger.newTxSimulator('old-view', ORGS[0]);
    await commitNext(ledger, [(await endorse(ledger, 'update', (s) => s.setState(CC, 'a', bytes('9')))).envelope]);
    expect(text(await sim.getState(CC, 'a'))).toBe('1');
    const fresh = await ledger.newTxSimulator('new-view', ORGS[0]);
    expect(text(await fresh.getState(CC, 'a'))).toBe('9');
  });
});
