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
