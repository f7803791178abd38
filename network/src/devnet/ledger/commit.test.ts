import { common, peer } from '@hyperledger/fabric-protos';
import type { CommittedBlock, PeerLedger } from './api';
import { LedgerError } from './errors';
import { blockOf, bytes, CC, collection, commitGenesis, commitNext, endorse, ORGS, openTestLedger, text } from './test-fixtures';

const { VALID, MVCC_READ_CONFLICT, PHANTOM_READ_CONFLICT, ENDORSEMENT_POLICY_FAILURE } = peer.TxValidationCode;

describe('PeerLedger commit', () => {
  let ledger: PeerLedger;

  beforeEach(async () => {
    ({ ledger } = await openTestLedger([collection('secret', ORGS)]));
    await commitGenesis(ledger);
    await commitNext(ledger, [(await endorse(ledger, 'seed', (sim) => sim.setState(CC, 'k', bytes('0')))).envelope]);
  });

  afterEach(() => ledger.close());

  const readModifyWrite = (txId: string, value: string) =>
    endorse(ledger, txId, async (sim) => {
      await sim.getState(CC, 'k');
      sim.setState(CC, 'k', bytes(value));
    });

  it('commits the config block as valid, with no state', async () => {
    const block = (await ledger.getBlock(0))!;
    expect(block.getMetadata()!.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER]).toEqual(Uint8Array.of(VALID));
    expect(ledger.height()).toBe(2);
  });

  it('invalidates the second of two transactions that read the same version in one block', async () => {
    const a = await readModifyWrite('a', 'A');
    const b = await readModifyWrite('b', 'B');
    expect(await commitNext(ledger, [a.envelope, b.envelope])).toEqual([VALID, MVCC_READ_CONFLICT]);
    const sim = await ledger.newTxSimulator('check', ORGS[0]);
    expect(text(await sim.getState(CC, 'k'))).toBe('A');
    const stored = (await ledger.getBlock(2))!;
    expect(stored.getMetadata()!.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER]).toEqual(
      Uint8Array.of(VALID, MVCC_READ_CONFLICT),
    );
    expect(ledger.getTxStatus('b')).toEqual({ blockNum: 2, txNum: 1, validationCode: MVCC_READ_CONFLICT });
  });

  it('invalidates a transaction whose read was overwritten by an earlier block', async () => {
    const stale = await readModifyWrite('stale', 'S');
    await commitNext(ledger, [(await readModifyWrite('first', 'F')).envelope]);
    expect(await commitNext(ledger, [stale.envelope])).toEqual([MVCC_READ_CONFLICT]);
  });

  it('reads of a key that did not exist conflict once it is created', async () => {
    const reader = await endorse(ledger, 'reader', async (sim) => {
      await sim.getState(CC, 'fresh');
      sim.setState(CC, 'other', bytes('1'));
    });
    const creator = await endorse(ledger, 'creator', (sim) => sim.setState(CC, 'fresh', bytes('1')));
    expect(await commitNext(ledger, [creator.envelope, reader.envelope])).toEqual([VALID, MVCC_READ_CONFLICT]);
  });

  it('leaves transactions the validator rejected out of state, and keeps their codes', async () => {
    const tx = await readModifyWrite('rejected', 'R');
    const committed = await ledger.commit(blockOf(2, [tx.envelope]), [ENDORSEMENT_POLICY_FAILURE]);
    expect(committed.validationCodes).toEqual([ENDORSEMENT_POLICY_FAILURE]);
    const sim = await ledger.newTxSimulator('check', ORGS[0]);
    expect(text(await sim.getState(CC, 'k'))).toBe('0');
  });

  it('detects a phantom: a key inserted into a scanned range', async () => {
    const scanner = await endorse(ledger, 'scan', async (sim) => {
      const it = await sim.getStateRange(CC, 'a', 'z');
      while (await it.next());
      sim.setState(CC, 'summary', bytes('1'));
    });
    const inserter = await endorse(ledger, 'insert', (sim) => sim.setState(CC, 'm', bytes('new')));
    expect(await commitNext(ledger, [inserter.envelope, scanner.envelope])).toEqual([VALID, PHANTOM_READ_CONFLICT]);
  });

  it('does not count a key past where a stopped scan ended as a phantom', async () => {
    await commitNext(ledger, [(await endorse(ledger, 'more', (sim) => sim.setState(CC, 'b', bytes('1')))).envelope]);
    const scanner = await endorse(ledger, 'scan', async (sim) => {
      const it = await sim.getStateRange(CC, 'a', 'z');
      await it.next(); // sees 'b', stops
      sim.setState(CC, 'summary', bytes('1'));
    });
    const inserter = await endorse(ledger, 'insert', (sim) => sim.setState(CC, 'x', bytes('late')));
    expect(await commitNext(ledger, [inserter.envelope, scanner.envelope])).toEqual([VALID, VALID]);
  });

  it('detects a phantom in a Merkle-summarised range', async () => {
    await commitNext(ledger, [
      (
        await endorse(ledger, 'many', (sim) => {
          for (let i = 0; i < 80; i++) sim.setState(CC, `r${String(i).padStart(2, '0')}`, bytes('v'));
        })
      ).envelope,
    ]);
    const scan = () =>
      endorse(ledger, `scan-${Math.random()}`, async (sim) => {
        const it = await sim.getStateRange(CC, 'r', 's');
        while (await it.next());
        sim.setState(CC, 'summary', bytes('1'));
      });
    const unchanged = await scan();
    expect(await commitNext(ledger, [unchanged.envelope])).toEqual([VALID]);
    const changed = await scan();
    const deleter = await endorse(ledger, 'del', (sim) => sim.deleteState(CC, 'r40'));
    expect(await commitNext(ledger, [deleter.envelope, changed.envelope])).toEqual([VALID, PHANTOM_READ_CONFLICT]);
  });

  it('validates private reads by their hashed versions', async () => {
    await commitNext(ledger, [(await endorse(ledger, 'p0', (sim) => sim.setPrivateData(CC, 'secret', 'p', bytes('0')))).envelope]);
    const rmw = (txId: string) =>
      endorse(ledger, txId, async (sim) => {
        await sim.getPrivateData(CC, 'secret', 'p');
        sim.setPrivateData(CC, 'secret', 'p', bytes(txId));
      });
    const one = await rmw('one');
    const two = await rmw('two');
    expect(await commitNext(ledger, [one.envelope, two.envelope])).toEqual([VALID, MVCC_READ_CONFLICT]);
  });

  it('keeps metadata across value writes and drops metadata writes on missing keys', async () => {
    await commitNext(ledger, [
      (
        await endorse(ledger, 'meta', (sim) => {
          sim.setStateMetadata(CC, 'k', new Map([['VALIDATION_PARAMETER', bytes('policy')]]));
          sim.setStateMetadata(CC, 'missing', new Map([['VALIDATION_PARAMETER', bytes('x')]]));
        })
      ).envelope,
    ]);
    await commitNext(ledger, [(await endorse(ledger, 'value', (sim) => sim.setState(CC, 'k', bytes('1')))).envelope]);
    const sim = await ledger.newTxSimulator('check', ORGS[0]);
    expect(text((await sim.getStateMetadata(CC, 'k'))?.get('VALIDATION_PARAMETER'))).toBe('policy');
    expect(text(await sim.getState(CC, 'k'))).toBe('1');
    expect(await sim.getState(CC, 'missing')).toBeUndefined();
  });

  it('keeps the first occurrence of a transaction id in the index', async () => {
    const tx = await readModifyWrite('dup', 'D');
    await commitNext(ledger, [tx.envelope]);
    await ledger.commit(blockOf(3, [tx.envelope]), [peer.TxValidationCode.DUPLICATE_TXID]);
    expect(ledger.getTxStatus('dup')).toEqual({ blockNum: 2, txNum: 0, validationCode: VALID });
    expect(ledger.getTxStatus('unknown')).toBeUndefined();
  });

  it('refuses blocks out of order', async () => {
    await expect(ledger.commit(blockOf(5, []), [])).rejects.toThrow(new LedgerError('block number should have been 2 but was 5'));
  });

  it('notifies listeners in block order after the block is durable', async () => {
    const seen: number[] = [];
    const stop = ledger.onCommit((c: CommittedBlock) => seen.push(c.block.getHeader()!.getNumber()));
    await Promise.all([
      ledger.commit(blockOf(2, [(await readModifyWrite('x', '1')).envelope]), [VALID]),
      ledger.commit(blockOf(3, []), []),
    ]);
    stop();
    await commitNext(ledger, []);
    expect(seen).toEqual([2, 3]);
  });

  it('returns history newest first, with deletes, from the blocks', async () => {
    await commitNext(ledger, [(await endorse(ledger, 'h1', (sim) => sim.setState(CC, 'k', bytes('1')))).envelope]);
    await commitNext(ledger, [(await endorse(ledger, 'h2', (sim) => sim.deleteState(CC, 'k'))).envelope]);
    await commitNext(ledger, [(await endorse(ledger, 'h3', (sim) => sim.setState(CC, 'k\u0000sub', bytes('other')))).envelope]);
    const sim = await ledger.newTxSimulator('history', ORGS[0]);
    const it = await sim.getHistoryForKey(CC, 'k');
    const entries = [];
    for (let m = await it.next(); m; m = await it.next()) entries.push([m.txId, text(m.value), m.isDelete, m.timestamp.seconds]);
    expect(entries).toEqual([
      ['h2', '', true, 1_700_000_000],
      ['h1', '1', false, 1_700_000_000],
      ['seed', '0', false, 1_700_000_000],
    ]);
    // History is not part of the read set.
    expect(sim.getResults().publicRwset.getNsRwsetList()).toEqual([]);
  });
});
