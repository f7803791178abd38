// Real Fabric mode: when FABRIC_BIN names the bin/ folder of a Fabric 3.1 release, each suite runs on a network of
// official binaries (one Raft orderer, one peer per org, chaincode servers) set up from network/network.yaml on the
// suite's own ports and folder, behind the same TestNetwork controls as the devnet.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { FabricSupervisorProcess, locateFabricBinaries } from '@crossborder-trace/network/dist/fabric';
import type { PortOffset } from './port-offset';
import { ProcessTestNetwork, startOnFreeSlot } from './process-network';
import { tempDir } from './temp-dirs';
import { TEST_DESCRIPTION } from './test-description';
import type { TestNetwork, TestNetworkOptions } from './test-network';

export async function startFabricNetwork(fabricBin: string, options: TestNetworkOptions): Promise<TestNetwork> {
  locateFabricBinaries(fabricBin);
  return startOnFreeSlot(
    options.name,
    (ports) => new FabricTestNetwork(fabricBin, tempDir(`fabric-${path.basename(options.name, '.ts')}-`), ports, options),
    (network) => logsNote(network.dataDir),
  );
}

/** Where a failed start's logs are: in the network's folder, which a test file that fails keeps. */
function logsNote(dataDir: string): string | undefined {
  const logs = path.join(dataDir, 'logs');
  return existsSync(logs) ? `(the nodes' logs: ${logs}, kept when the test file fails)` : undefined;
}

class FabricTestNetwork extends ProcessTestNetwork<FabricSupervisorProcess> {
  constructor(
    readonly fabricBin: string,
    dataDir: string,
    ports: PortOffset,
    private readonly settings: TestNetworkOptions,
  ) {
    super(dataDir, ports, 'the Fabric network', settings.description ?? TEST_DESCRIPTION);
  }

  protected launch(): Promise<FabricSupervisorProcess> {
    const { blockPerTx } = this.settings;
    return FabricSupervisorProcess.start({ fabricBin: this.fabricBin, dataDir: this.dataDir, portOffset: this.ports.offset, blockPerTx, description: this.description });
  }

  /** The whole network at once: the supervisor, the orderer, every peer and every chaincode server. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    await this.process?.killAll(signal);
  }
}
