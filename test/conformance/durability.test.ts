// What survives the network process: a graceful restart, and a crash (SIGKILL) in the middle of concurrent
// submissions, after which every transaction acknowledged as VALID must still be there, once, and still VALID.
// The channel's own batch settings apply here (no --block-per-tx), so blocks carry many transactions.
import { StatusCode } from '@hyperledger/fabric-gateway';
import { json } from '../support/bytes';
import type { GatewayConnection } from '../support/gateway';
import { useTestNetwork } from '../support/suite';
import { submitAndWait, type Committed } from '../support/transactions';
import { contractsOf, ORGS, valueOf } from './conformance';

jest.setTimeout(180_000);
const network = useTestNetwork({ name: __filename });

test('restart (SIGTERM): state, commit statuses and the chain survive, and new transactions commit after them', async () => {
  const before = network().connect('Manufacturer');
  const written = await submitAndWait(contractsOf(before).data, 'put', { arguments: ['survivor', 'written before the restart'] });
  expect(written.status.code).toBe(StatusCode.VALID);
  before.close();

  await network().restart();

  const after = network().connect('Manufacturer');
  const { data } = contractsOf(after);
  expect(await valueOf(data, 'survivor')).toEqual({ key: 'survivor', value: 'written before the restart' });
  expect(await after.gateway.newCommit(written.commitRequest).getStatus()).toMatchObject({
    code: StatusCode.VALID,
    blockNumber: written.status.blockNumber,
  });
  const next = await submitAndWait(data, 'put', { arguments: ['newcomer', 'written after the restart'] });
  expect(next.status.code).toBe(StatusCode.VALID);
  expect(next.status.blockNumber).toBeGreaterThan(written.status.blockNumber);
  expect(await valueOf(data, 'newcomer')).toEqual({ key: 'newcomer', value: 'written after the restart' });
});

describe('SIGKILL under load', () => {
  const CLIENTS = 20;
  const PER_CLIENT = 10;
  /** Killed once this many transactions are acknowledged, or at the latest after LOAD_LIMIT_MS. */
  const KILL_AFTER_ACKS = 60;
  const LOAD_LIMIT_MS = 60_000;

  interface Acknowledged extends Committed {
    readonly client: number;
    readonly key: string;
    readonly value: string;
  }

  test('every transaction acknowledged VALID before the crash is present once, and still VALID, after it', async () => {
    const clients: GatewayConnection[] = Array.from({ length: CLIENTS }, (_, i) => network().connect(ORGS[i % ORGS.length]));
    const acknowledged: Acknowledged[] = [];
    let killing: Promise<void> | undefined;
    const kill = () => (killing ??= network().kill('SIGKILL'));
    const limit = setTimeout(kill, LOAD_LIMIT_MS);

    await Promise.all(
      clients.map(async (connection, client) => {
        const { data } = contractsOf(connection);
        for (let i = 0; i < PER_CLIENT && !killing; i++) {
          const key = `load-${client}-${i}`;
          const value = `value-${client}-${i}`;
          try {
            const committed = await submitAndWait(data, 'put', { arguments: [key, value] });
            if (committed.status.code === StatusCode.VALID) acknowledged.push({ ...committed, client, key, value });
          } catch {
            // Calls cut off by the crash are not acknowledged; nothing is asserted about them.
          }
          if (acknowledged.length >= KILL_AFTER_ACKS) void kill();
        }
      }),
    );
    clearTimeout(limit);
    await kill();
    clients.forEach((c) => c.close());

    // The crash came mid-way: some transactions were acknowledged, not all of them.
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeLessThan(CLIENTS * PER_CLIENT);

    await network().start();

    // Fresh connections, one per client identity: a commit-status request is valid for the user who signed it.
    const fresh = Array.from({ length: CLIENTS }, (_, i) => network().connect(ORGS[i % ORGS.length]));
    try {
      for (const ack of acknowledged) {
        const { gateway } = fresh[ack.client];
        const { data, query } = contractsOf(fresh[ack.client]);
        expect(await valueOf(data, ack.key)).toEqual({ key: ack.key, value: ack.value });
        const { history } = json<{ history: Array<{ txId: string }> }>(await query.evaluateTransaction('history', ack.key));
        expect({ key: ack.key, writers: history.map((h) => h.txId) }).toEqual({ key: ack.key, writers: [ack.txId] });
        const status = await gateway.newCommit(ack.commitRequest).getStatus();
        expect({ key: ack.key, code: status.code, block: status.blockNumber }).toEqual({
          key: ack.key,
          code: StatusCode.VALID,
          block: ack.status.blockNumber,
        });
      }
    } finally {
      fresh.forEach((c) => c.close());
    }
  });
});
