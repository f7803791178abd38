// SEAM: real Fabric mode. When FABRIC_BIN names a Fabric 3.1 bin directory, the suites must run against real
// Fabric processes started from those binaries instead of the devnet. That network arrives with a later issue; until
// then this mode refuses loudly rather than silently testing the devnet under a Fabric label.
import type { TestNetwork, TestNetworkOptions } from './test-network';

export async function startFabricNetwork(fabricBin: string, _options: TestNetworkOptions): Promise<TestNetwork> {
  throw new Error(`FABRIC_BIN=${fabricBin}: real Fabric mode is not available yet; unset FABRIC_BIN to run against the devnet`);
}
