import path from 'node:path';
import { ClassicLevel } from 'classic-level';
import type { PeerLedger } from './api';
import { bytes, CC, collection, commitGenesis, commitNext, endorse, ORGS, openTestLedger, text } from './test-fixtures';

const COLLECTIONS = [collection('secret', ORGS)];
const POLICY = new Map([['VALIDATION_PARAMETER', bytes('policy')]]);
const INDEX_ENTRY = 0x76;
const INDEX_COMPLETE = 'V'; // its value: the last block the entries cover

type StateDb = ClassicLevel<Buffer, Buffer>;

async function withStateDb<T>(dir: string, use: (db: StateDb) => Promise<T>): Promise<T> {
  const db: StateDb = new ClassicLevel<Buffer, Buffer>(path.join(dir, 'statedb'), { keyEncoding: 'buffer', valueEncoding: 'buffer' });
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}

/** The index entries on disk, each as its last part: the public key, or the hex of a private key's hash. */
async function entriesOnDisk(dir: string): Promise<string[]> {
  return withStateDb(dir, async (db) => {
    const entries: string[] = [];
    for await (const key of db.keys({ gte: Buffer.of(INDEX_ENTRY), lt: Buffer.of(INDEX_ENTRY + 1) })) {
      const [, coll, ...rest] = key.subarray(1).toString('latin1').split('\u0000');
      const last = Buffer.from(rest.join('\u0000'), 'latin1');
      entries.push(coll === '' ? last.toString('utf8') : `${coll}:${last.toString('hex')}`);
    }
    return entries.sort();
  });
}

/** What an endorser's simulator reports as the committed metadata of the keys written (the chaincode interest's). */
async function writesetPolicy(ledger: PeerLedger, write: (sim: Awaited<ReturnType<PeerLedger['newTxSimulator']>>) => void): Promise<(string | undefined)[]> {
  const sim = await ledger.newTxSimulator('probe', ORGS[0]);
  write(sim);
  const metadata = (await sim.getWritesetMetadata!()).get(CC)!;
  sim.getResults();
  return [...metadata.values()].flatMap((keys) => [...keys.values()].map((m) => text(m?.get('VALIDATION_PARAMETER'))));
}

async function ledgerWithPolicies(): Promise<{ ledger: PeerLedger; dir: string }> {
  const opened = await openTestLedger(COLLECTIONS);
  const { ledger } = opened;
  await commitGenesis(ledger);
  await commitNext(ledger, [
    (
      await endorse(ledger, 'values', (sim) => {
        sim.setState(CC, 'guarded', bytes('1'));
        sim.setState(CC, 'plain', bytes('1'));
        sim.setPrivateData(CC, 'secret', 'p', bytes('s'));
      })
    ).envelope,
  ]);
  await commitNext(ledger, [
    (
      await endorse(ledger, 'policies', (sim) => {
        sim.setStateMetadata(CC, 'guarded', POLICY);
        sim.setPrivateDataMetadata(CC, 'secret', 'p', POLICY);
      })
    ).envelope,
  ]);
  return opened;
}

test('the keys given metadata have index entries, written with the block; a key written without metadata has none', async () => {
  const { ledger, dir } = await ledgerWithPolicies();
  expect(await writesetPolicy(ledger, (sim) => sim.setState(CC, 'guarded', bytes('2')))).toEqual(['policy']);
  expect(await writesetPolicy(ledger, (sim) => sim.setState(CC, 'plain', bytes('2')))).toEqual([undefined]);
  expect(await writesetPolicy(ledger, (sim) => sim.setPrivateData(CC, 'secret', 'p', bytes('t')))).toEqual(['policy']);
  // A value written later keeps the key's metadata, so its entry stays.
  await commitNext(ledger, [(await endorse(ledger, 'again', (sim) => sim.setState(CC, 'guarded', bytes('3')))).envelope]);
  const sim = await ledger.newTxSimulator('check', ORGS[0]);
  expect(text((await sim.getStateMetadata(CC, 'guarded'))?.get('VALIDATION_PARAMETER'))).toBe('policy');
  sim.getResults();
  await ledger.close();
  expect(await entriesOnDisk(dir)).toEqual(['guarded', expect.stringMatching(/^secret:[0-9a-f]{64}$/)]);
});

test('metadata removed takes the entry out of the database; the ledger, opened again, no longer looks the key up', async () => {
  const { ledger, dir } = await ledgerWithPolicies();
  await commitNext(ledger, [(await endorse(ledger, 'lift', (sim) => sim.setStateMetadata(CC, 'guarded', new Map()))).envelope]);
  expect(await writesetPolicy(ledger, (sim) => sim.setState(CC, 'guarded', bytes('2')))).toEqual([undefined]);
  await ledger.close();
  expect(await entriesOnDisk(dir)).toEqual([expect.stringMatching(/^secret:/)]);
  const { ledger: reopened } = await openTestLedger(COLLECTIONS, dir);
  expect(await writesetPolicy(reopened, (sim) => sim.setState(CC, 'guarded', bytes('2')))).toEqual([undefined]);
  expect(await writesetPolicy(reopened, (sim) => sim.setPrivateData(CC, 'secret', 'p', bytes('t')))).toEqual(['policy']);
  await reopened.close();
});

test('a state database from before the index is scanned once when it opens, and finds every key with metadata', async () => {
  const { ledger, dir } = await ledgerWithPolicies();
  await ledger.close();
  const before = await entriesOnDisk(dir);
  await withStateDb(dir, async (db) => {
    const keys = [Buffer.from(INDEX_COMPLETE)];
    for await (const key of db.keys({ gte: Buffer.of(INDEX_ENTRY), lt: Buffer.of(INDEX_ENTRY + 1) })) keys.push(key);
    await db.batch(keys.map((key) => ({ type: 'del' as const, key })));
  });
  expect(await entriesOnDisk(dir)).toEqual([]);

  const { ledger: reopened } = await openTestLedger(COLLECTIONS, dir);
  expect(await writesetPolicy(reopened, (sim) => sim.setState(CC, 'guarded', bytes('2')))).toEqual(['policy']);
  expect(await writesetPolicy(reopened, (sim) => sim.setPrivateData(CC, 'secret', 'p', bytes('t')))).toEqual(['policy']);
  await reopened.close();
  expect(await entriesOnDisk(dir)).toEqual(before);
  expect(await withStateDb(dir, (db) => db.get(Buffer.from(INDEX_COMPLETE)))).toBeDefined();
});

test('entries that stop short of the savepoint (a version without the index committed since) are not trusted: the state is scanned', async () => {
  const { ledger, dir } = await ledgerWithPolicies();
  await ledger.close();
  const before = await entriesOnDisk(dir);
  await withStateDb(dir, async (db) => {
    const keys: Buffer[] = [];
    for await (const key of db.keys({ gte: Buffer.of(INDEX_ENTRY), lt: Buffer.of(INDEX_ENTRY + 1) })) keys.push(key);
    // As if the older version had given 'guarded' its policy: its entry is missing, and the entries name block 1.
    const block1 = Buffer.alloc(8);
    block1.writeUInt32BE(1, 4);
    await db.batch([...keys.map((key) => ({ type: 'del' as const, key })), { type: 'put' as const, key: Buffer.from(INDEX_COMPLETE), value: block1 }]);
  });

  const { ledger: reopened } = await openTestLedger(COLLECTIONS, dir);
  expect(await writesetPolicy(reopened, (sim) => sim.setState(CC, 'guarded', bytes('2')))).toEqual(['policy']);
  await reopened.close();
  expect(await entriesOnDisk(dir)).toEqual(before);
});
