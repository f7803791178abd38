// Fabric's own peer CLI against the devnet: a client the project did not write, speaking the Endorser, Broadcast and
// Deliver protocols directly. It needs the peer binary, which only a Fabric install provides (FABRIC_BIN).
import { StatusCode } from '@hyperledger/fabric-gateway';
import { ordererFlags, peerCliEnvironment, runPeer } from '../support/peer-cli';
import { useTestNetwork } from '../support/suite';
import { submitAndWait } from '../support/transactions';
import { ALLIANCE, CHAINCODE, contractsOf, PUBLIC, valueOf } from './conformance';

const fabricBin = process.env.FABRIC_BIN;

if (!fabricBin) {
  test.skip('peer CLI: skipped because FABRIC_BIN is not set (the peer binary comes with a Fabric install)', () => undefined);
} else {
  describe('peer CLI against the devnet', () => {
    jest.setTimeout(120_000);
    // The devnet even though FABRIC_BIN is set: the point is Fabric's tool talking to the devnet.
    const network = useTestNetwork({ name: __filename, network: 'devnet' });

    const asUser = (orgName: string) => peerCliEnvironment(fabricBin, network().org(orgName), network().user(orgName));

    const asAdmin = (orgName: string) => peerCliEnvironment(fabricBin, network().org(orgName), network().user(orgName, 'Admin'));

    test('peer channel list: a proposal without a channel, answered by cscc on the peer itself', async () => {
      const result = await runPeer(fabricBin, ['channel', 'list'], asUser('Manufacturer'));
      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split('\n').map((line) => line.trim());
      expect(lines[0]).toBe('Channels peers has joined:');
      expect(lines.slice(1).sort()).toEqual([ALLIANCE, PUBLIC]);
    });

    test('peer channel getinfo: qscc GetChainInfo', async () => {
      const result = await runPeer(fabricBin, ['channel', 'getinfo', '-c', ALLIANCE], asUser('Manufacturer'));
      expect(result.code).toBe(0);
      const info = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as { height: number };
      expect(info.height).toBeGreaterThan(0);
    });

    test('peer lifecycle chaincode querycommitted and queryinstalled: _lifecycle, the latter for the org admin only', async () => {
      const committed = await runPeer(fabricBin, ['lifecycle', 'chaincode', 'querycommitted', '-C', ALLIANCE, '-n', CHAINCODE, '-O', 'json'], asUser('Manufacturer'));
      expect(committed.code).toBe(0);
      expect(JSON.parse(committed.stdout)).toMatchObject({ sequence: 1, endorsement_plugin: 'escc', validation_plugin: 'vscc' });

      const installed = await runPeer(fabricBin, ['lifecycle', 'chaincode', 'queryinstalled', '-O', 'json'], asAdmin('Manufacturer'));
      expect(installed.code).toBe(0);
      const labels = (JSON.parse(installed.stdout) as { installed_chaincodes: { label: string }[] }).installed_chaincodes.map((c) => c.label);
      expect(labels.sort()).toEqual(['conformance_1', 'conformance_callee_1', 'public_1', 'trace_1']);

      const refused = await runPeer(fabricBin, ['lifecycle', 'chaincode', 'queryinstalled'], asUser('Manufacturer'));
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('Failed to authorize invocation due to failed ACL check');
    });

    test('peer chaincode query reads what a gateway client wrote', async () => {
      const written = await submitAndWait(contractsOf(network().connect('Manufacturer')).data, 'put', { arguments: ['cli-read', 'from the gateway'] });
      expect(written.status.code).toBe(StatusCode.VALID);
      const result = await runPeer(
        fabricBin,
        ['chaincode', 'query', '-C', ALLIANCE, '-n', CHAINCODE, '-c', JSON.stringify({ Args: ['get', 'cli-read'] })],
        asUser('Manufacturer'),
      );
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
      expect(JSON.parse(result.stdout)).toEqual({ key: 'cli-read', value: 'from the gateway' });
    });

    test('peer chaincode invoke --waitForEvent commits VALID, and a gateway client reads the value', async () => {
      const env = asUser('Platform');
      const args = [
        'chaincode', 'invoke', '-C', PUBLIC, '-n', CHAINCODE,
        '-c', JSON.stringify({ Args: ['put', 'cli-write', 'from the peer CLI'] }),
        '--peerAddresses', env.CORE_PEER_ADDRESS, '--tlsRootCertFiles', env.CORE_PEER_TLS_ROOTCERT_FILE,
        '--waitForEvent',
        ...ordererFlags(network().info),
      ];
      const result = await runPeer(fabricBin, args, env);
      expect({ code: result.code, output: result.stderr }).toEqual({ code: 0, output: expect.stringMatching(/committed with status \(VALID\)/) });
      expect(await valueOf(contractsOf(network().connect('Platform'), PUBLIC).data, 'cli-write')).toEqual({
        key: 'cli-write',
        value: 'from the peer CLI',
      });
    });
  });
}
