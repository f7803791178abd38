import { appendFileSync, cpSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { ClassicLevel } from 'classic-level';
import type { CollectionDefinition } from '../lifecycle/api';
import type { PeerLedger } from './api';
import { KeyValueDB } from './kv-db';
import { PvtStore } from './pvt-store';
import { bytes, CC, collection, commitGenesis, commitNext, endorse, ORGS, openTestLedger, tempDir, text } from './test-fixtures';

const COLLECTIONS: CollectionDefinition[] = [collection('pair', [ORGS[0], ORGS[1]]), collection('short', [ORGS[0]], 1)];

/** Every entry of the state database: state, private state, history, indexes, schedules, savepoint. */
async function dumpState(dir: string): Promise<[string, string][]> {
  const db = new ClassicLevel<Buffer, Buffer>(path.join(dir, 'statedb'), { keyEncoding: 'buffer', valueEncoding: 'buffer' });
  const entries: [string, string][] = [];
  for await (const [k, v] of db.iterator()) entries.push([k.toString('hex'), v.toString('hex')]);
  await db.close();
  return entries;
}

/** A ledger with public, private, expiring and purged data over several blocks. */
async function populatedLedger(): Promise<{ ledger: PeerLedger; dir: string }> {
  const opened = await openTestLedger(COLLECTIONS);
  const { ledger } = opened;
  await commitGenesis(ledger);
  for (let i = 0; i < 4; i++) {
    await commitNext(ledger, [
      (
        await endorse(ledger, `tx${i}`, (sim) => {
          sim.setState(CC, `k${i % 2}`, bytes(`v${i}`));
          sim.setPrivateData(CC, 'pair', `p${i % 2}`, bytes(`secret${i}`));
          sim.setPrivateData(CC, 'short', 's', bytes(`short${i}`));
        })
      ).envelope,
      (await endorse(ledger, `conflict${i}`, async (sim) => sim.setState(CC, 'c', (await sim.getState(CC, `k${i % 2}`)) ?? bytes('-')))).envelope,
    ]);
  }
  await commitNext(ledger, [(await endorse(ledger, 'purge', (sim) => sim.purgePrivateData(CC, 'pair', 'p0'))).envelope]);
  return opened;
}

describe('ledger recovery', () => {
  it('rebuilds identical state from the blocks and the private data store when the state database is lost', async () => {
    const { ledger, dir } = await populatedLedger();
    await ledger.close();
    const before = await dumpState(dir);
    rmSync(path.join(dir, 'statedb'), { recursive: true });

    const { ledger: reopened } = await openTestLedger(COLLECTIONS, dir);
    expect(reopened.height()).toBe(6);
    expect(reopened.getTxStatus('tx3')).toEqual({ blockNum: 4, txNum: 0, validationCode: 0 });
    const sim = await reopened.newTxSimulator('read', ORGS[1]);
    expect(text(await sim.getPrivateData(CC, 'pair', 'p1'))).toBe('secret3');
    await reopened.close();
    expect(await dumpState(dir)).toEqual(before);
  });

  it('replays blocks the state missed (crash between block append and state write)', async () => {
    const { ledger, dir } = await populatedLedger();
    await ledger.close();
    const stale = path.join(tempDir('ledger-stale-'), 'statedb');
    cpSync(path.join(dir, 'statedb'), stale, { recursive: true });

    const { ledger: more } = await openTestLedger(COLLECTIONS, dir);
    await commitNext(more, [(await endorse(more, 'late', (sim) => sim.setPrivateData(CC, 'pair', 'late', bytes('L')))).envelope]);
    await commitNext(more, []);
    await more.close();
    const expected = await dumpState(dir);

    rmSync(path.join(dir, 'statedb'), { recursive: true });
    cpSync(stale, path.join(dir, 'statedb'), { recursive: true });
    const { ledger: recovered } = await openTestLedger(COLLECTIONS, dir);
    expect(recovered.height()).toBe(8);
    await recovered.close();
    expect(await dumpState(dir)).toEqual(expected);
  });

  it('rebuilds from scratch when the savepoint is gone', async () => {
    const { ledger, dir } = await populatedLedger();
    await ledger.close();
    const before = await dumpState(dir);
    const db = new ClassicLevel<Buffer, Buffer>(path.join(dir, 'statedb'), { keyEncoding: 'buffer', valueEncoding: 'buffer' });
    await db.del(Buffer.from('s'));
    await db.put(Buffer.from('d-junk'), Buffer.from('left over'));
    await db.close();

    const { ledger: reopened } = await openTestLedger(COLLECTIONS, dir);
    await reopened.close();
    expect(await dumpState(dir)).toEqual(before);
  });

  it('forgets private data stored for a block that was never appended', async () => {
    const { ledger, dir } = await populatedLedger();
    const sim = await ledger.newTxSimulator('orphan', ORGS[0]);
    sim.setPrivateData(CC, 'pair', 'orphan', bytes('o'));
    const orphan = sim.getResults().privateRwset!;
    await ledger.close();
    const pvtDb = await KeyValueDB.open(path.join(dir, 'pvtdatastore'));
    await new PvtStore(pvtDb).commit(6, new Map([[ORGS[0], new Map([[0, orphan]])]]), () => undefined);
    await pvtDb.close();

    const { ledger: reopened } = await openTestLedger(COLLECTIONS, dir);
    await commitNext(reopened, [(await endorse(reopened, 'public-only', (s) => s.setState(CC, 'x', bytes('1')))).envelope]);
    expect((await reopened.getPrivateData(6, ORGS[0])).size).toBe(0);
    await reopened.close();
  });

  it('drops a torn block write and keeps committing', async () => {
    const { ledger, dir } = await populatedLedger();
    await ledger.close();
    const before = await dumpState(dir);
    const file = path.join(dir, 'blockfile');
    const size = statSync(file).size;
    appendFileSync(file, Buffer.concat([Buffer.of(0, 0, 1, 0), Buffer.alloc(40, 1)]));

    const { ledger: reopened } = await openTestLedger(COLLECTIONS, dir);
    expect(reopened.height()).toBe(6);
    expect(statSync(file).size).toBe(size);
    await reopened.close();
    expect(await dumpState(dir)).toEqual(before);

    const { ledger: again } = await openTestLedger(COLLECTIONS, dir);
    expect(await commitNext(again, [(await endorse(again, 'after', (sim) => sim.setState(CC, 'k0', bytes('z')))).envelope])).toEqual([0]);
    const sim = await again.newTxSimulator('read', ORGS[0]);
    expect(text(await sim.getState(CC, 'k0'))).toBe('z');
    await again.close();
  });
});
