// The per-file network of a jest suite: started before the file's tests, stopped (and its folder removed) after.
import { startTestNetwork, type TestNetwork, type TestNetworkOptions } from './test-network';

/** Start-up generates crypto material and connects chaincode servers; stopping waits for a graceful exit. */
const LIFECYCLE_TIMEOUT_MS = 240_000;

export function useTestNetwork(options: TestNetworkOptions): () => TestNetwork {
  let network: TestNetwork | undefined;
  beforeAll(async () => {
    network = await startTestNetwork(options);
  }, LIFECYCLE_TIMEOUT_MS);
  afterAll(async () => {
    await network?.stop();
  }, LIFECYCLE_TIMEOUT_MS);
  return () => {
    if (!network) throw new Error('the test network did not start (see the beforeAll failure)');
    return network;
  };
}
