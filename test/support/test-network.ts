// startTestNetwork: a network of the suite's own (own temp folder, own ports) with the controls the suites need:
// connect as any org's user, restart gracefully, crash it, start it again on the same ledger, tear it down.
import path from 'node:path';
import type { ConnectionInfo, IdentityPaths, OrgConnection } from './connection-info';
import { startDevnet, type DevnetProcess } from '@crossborder-trace/network';
import { startFabricNetwork } from './fabric-network';
import type { ClientIdentity, GatewayConnection } from './gateway';
import type { PortOffset } from './port-offset';
import { ProcessTestNetwork, startOnFreeSlot } from './process-network';
import { tempDir } from './temp-dirs';
import { TEST_DESCRIPTION } from './test-description';

export interface TestNetworkOptions {
  /** The test file (pass __filename): it picks the port offset and names the temp folder. */
  readonly name: string;
  /** One block per transaction instead of the channel's batch settings (the devnet's --block-per-tx). */
  readonly blockPerTx?: boolean;
  /**
   * 'devnet' starts the devnet even when FABRIC_BIN is set: for suites whose point is a Fabric tool (the peer CLI)
   * talking to the devnet. By default FABRIC_BIN selects real Fabric.
   */
  readonly network?: 'devnet';
  /** Another network description than TEST_DESCRIPTION (its chaincodes' paths are relative to its parent folder). */
  readonly description?: string;
}

export interface TestNetwork {
  readonly info: ConnectionInfo;
  readonly dataDir: string;
  readonly portOffset: number;
  org(name: string): OrgConnection;
  /** An org's user's certificate and key files ('Admin' for the org admin). */
  user(orgName: string, userName?: string): IdentityPaths;
  /** The same user as a signing identity. */
  identity(orgName: string, userName?: string): ClientIdentity;
  /** A gateway client of the org's peer as one of its users ('Admin' for the org admin); closed by stop(). */
  connect(orgName: string, userName?: string): GatewayConnection;
  /** A new user of the org, issued by the org's own CA with these certificate attributes (e.g. a role). */
  issueUser(orgName: string, userName: string, attrs: Readonly<Record<string, string>>): Promise<ClientIdentity>;
  /** The org's peer's own signing identity (its enrollment certificate and key): what a peer endorses with. */
  peerIdentity(orgName: string): ClientIdentity;
  /** A gateway client of the org's peer with any identity: another org's user, or one the network never issued. */
  connectAs(orgName: string, identity: ClientIdentity): GatewayConnection;
  /** SIGTERM, wait for a clean exit (code 0), start again on the same data folder and ports. */
  restart(): Promise<void>;
  /** Sends the signal and waits for the process to end, whatever its exit code (a crash is the point). */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Starts the network again after kill(), on the same data folder and ports. */
  start(): Promise<void>;
  /** Stops the network; rejects if it did not stop cleanly. Its folder goes with the test file's temp folders. */
  stop(): Promise<void>;
}

export async function startTestNetwork(options: TestNetworkOptions): Promise<TestNetwork> {
  const fabricBin = process.env.FABRIC_BIN;
  if (fabricBin && options.network !== 'devnet') return startFabricNetwork(fabricBin, options);
  return startOnFreeSlot(
    options.name,
    (ports) => new DevnetTestNetwork(tempDir(`devnet-${path.basename(options.name, '.ts')}-`), ports, options),
  );
}

/**
 * A devnet starts in seconds, but its chaincode servers connect late on a loaded machine (and the peers' reconnect
 * backoff grows meanwhile): a start is given three minutes before it counts as failed.
 */
const DEVNET_READY_WITHIN_MS = 180_000;

class DevnetTestNetwork extends ProcessTestNetwork<DevnetProcess> {
  constructor(
    dataDir: string,
    ports: PortOffset,
    private readonly settings: TestNetworkOptions,
  ) {
    super(dataDir, ports, 'the devnet', settings.description ?? TEST_DESCRIPTION);
  }

  protected launch(): Promise<DevnetProcess> {
    const { blockPerTx } = this.settings;
    return startDevnet({ dataDir: this.dataDir, portOffset: this.ports.offset, blockPerTx, description: this.description }, DEVNET_READY_WITHIN_MS);
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    await this.process?.signal(signal);
  }
}
