// Real Fabric only: the orderer and the peers are separate processes there, and the network keeps them running. A
// node that dies (here SIGKILL, as the OOM killer would end it) is started again on its own ledger, and the
// network serves transactions again. The devnet is one process; its crash and restart are in durability.test.ts.
import { readFileSync } from 'node:fs';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { fabricLayout, readPids } from '@crossborder-trace/network/dist/fabric';
import { contractsOf, valueOf } from '../conformance/conformance';
import { useTestNetwork } from '../support/suite';
import { submitAndWait } from '../support/transactions';

const RECOVERY_LIMIT_MS = 90_000;

if (!process.env.FABRIC_BIN) {
  test.skip('node supervision: skipped because FABRIC_BIN is not set (the devnet has no separate nodes)', () => undefined);
} else {
  describe('a crashed Fabric node is restarted', () => {
    jest.setTimeout(240_000);
    const network = useTestNetwork({ name: __filename });

    /** Kills the node by its recorded pid and waits until pids.json names another, living process for it. */
    async function crash(node: string): Promise<{ before: number; after: number }> {
      const before = readPids(network().dataDir)[node];
      expect(before).toBeGreaterThan(0);
      process.kill(before, 'SIGKILL');
      const deadline = Date.now() + RECOVERY_LIMIT_MS;
      for (;;) {
        const after = readPids(network().dataDir)[node];
        if (after !== undefined && after !== before) return { before, after };
        if (Date.now() > deadline) throw new Error(`${node} was not restarted within ${RECOVERY_LIMIT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }

    /** The first VALID commit through the org's peer, retried while the restarted node catches up. */
    async function commitsAgain(orgName: string, key: string): Promise<void> {
      const connection = network().connect(orgName);
      const deadline = Date.now() + RECOVERY_LIMIT_MS;
      let last: unknown;
      while (Date.now() < deadline) {
        try {
          const result = await submitAndWait(contractsOf(connection).data, 'put', { arguments: [key, 'after the crash'] });
          expect(result.status.code).toBe(StatusCode.VALID);
          expect(await valueOf(contractsOf(connection).data, key)).toEqual({ key, value: 'after the crash' });
          return;
        } catch (err) {
          last = err;
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
      }
      throw last;
    }

    function networkLog(): string {
      return readFileSync(fabricLayout.log(network().dataDir, 'network'), 'utf8');
    }

    test('a peer killed with SIGKILL comes back on its ledger and endorses again', async () => {
      const peer = network().org('Platform').peer.hostname;
      const connection = network().connect('Platform');
      const before = await submitAndWait(contractsOf(connection).data, 'put', { arguments: ['peer-crash', 'before the crash'] });
      expect(before.status.code).toBe(StatusCode.VALID);

      const { before: oldPid, after: newPid } = await crash(peer);

      expect(() => process.kill(oldPid, 0)).toThrow();
      expect(() => process.kill(newPid, 0)).not.toThrow();
      await commitsAgain('Platform', 'peer-crash-after');
      // The restarted peer kept its ledger: the value written before, and its commit status, are still there.
      expect(await valueOf(contractsOf(network().connect('Platform')).data, 'peer-crash')).toEqual({ key: 'peer-crash', value: 'before the crash' });
      expect(networkLog()).toMatch(new RegExp(`${peer.replace(/\./g, '\\.')} exited unexpectedly \\(signal SIGKILL\\); restarting in \\d+ ms`));
      expect(networkLog()).toContain(`${peer} restarted (pid ${newPid})`);
    });

    test('the orderer killed with SIGKILL comes back, leads its channels again, and orders new transactions', async () => {
      const orderer = network().info.orderer.hostname;
      const { after } = await crash(orderer);
      await commitsAgain('Manufacturer', 'orderer-crash-after');
      expect(networkLog()).toContain(`${orderer} restarted (pid ${after})`);
    });
  });
}
