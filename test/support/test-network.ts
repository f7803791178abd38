// startTestNetwork: a network of the suite's own (own temp folder, own ports) with the controls the suites need:
// connect as any org's user, restart gracefully, crash it, start it again on the same ledger, tear it down.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConnectionInfo, type ConnectionInfo, type IdentityPaths, type OrgConnection } from './connection-info';
import { DevnetProcess } from '@crossborder-trace/network';
import { startFabricNetwork } from './fabric-network';
import { connectGateway, identityFromFiles, type ClientIdentity, type GatewayConnection } from './gateway';
import { allocatePortOffset, type PortOffset } from './port-offset';

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
  /** A gateway client of the org's peer with any identity: another org's user, or one the network never issued. */
  connectAs(orgName: string, identity: ClientIdentity): GatewayConnection;
  /** SIGTERM, wait for a clean exit (code 0), start again on the same data folder and ports. */
  restart(): Promise<void>;
  /** Sends the signal and waits for the process to end, whatever its exit code (a crash is the point). */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Starts the network again after kill(), on the same data folder and ports. */
  start(): Promise<void>;
  /** Stops the network and removes its folder; rejects afterwards if the devnet did not stop cleanly. */
  stop(): Promise<void>;
}

export async function startTestNetwork(options: TestNetworkOptions): Promise<TestNetwork> {
  const fabricBin = process.env.FABRIC_BIN;
  if (fabricBin && options.network !== 'devnet') return startFabricNetwork(fabricBin, options);
  const ports = allocatePortOffset(options.name);
  const dataDir = mkdtempSync(path.join(tmpdir(), `devnet-${path.basename(options.name, '.ts')}-`));
  const network = new DevnetTestNetwork(dataDir, ports, options.blockPerTx ?? false);
  try {
    await network.start();
    return network;
  } catch (err) {
    // The caller never receives a network to stop, so a failed start cleans up here.
    await network.stop().catch(() => undefined);
    throw err;
  }
}

class DevnetTestNetwork implements TestNetwork {
  readonly #connections = new Set<GatewayConnection>();
  #process?: DevnetProcess;
  #info?: ConnectionInfo;

  constructor(
    readonly dataDir: string,
    readonly ports: PortOffset,
    readonly blockPerTx: boolean,
  ) {}

  get portOffset(): number {
    return this.ports.offset;
  }

  get info(): ConnectionInfo {
    if (!this.#info) throw new Error('the network has not started');
    return this.#info;
  }

  org(name: string): OrgConnection {
    const org = this.info.orgs.find((o) => o.name === name);
    if (!org) throw new Error(`no org ${name}; the network has ${this.info.orgs.map((o) => o.name).join(', ')}`);
    return org;
  }

  user(orgName: string, userName = 'User1'): IdentityPaths {
    const org = this.org(orgName);
    const paths = userName === 'Admin' ? org.admin : org.users.find((u) => u.name === userName);
    if (!paths) throw new Error(`no user ${userName} in ${orgName}`);
    return paths;
  }

  identity(orgName: string, userName = 'User1'): ClientIdentity {
    return identityFromFiles(this.org(orgName).mspId, this.user(orgName, userName));
  }

  connect(orgName: string, userName = 'User1'): GatewayConnection {
    return this.connectAs(orgName, this.identity(orgName, userName));
  }

  connectAs(orgName: string, identity: ClientIdentity): GatewayConnection {
    const connection = connectGateway(this.org(orgName).peer, identity);
    this.#connections.add(connection);
    return {
      gateway: connection.gateway,
      close: () => {
        this.#connections.delete(connection);
        connection.close();
      },
    };
  }

  async start(): Promise<void> {
    if (this.#process?.running) throw new Error('the devnet is already running');
    this.#process = await DevnetProcess.start({ dataDir: this.dataDir, portOffset: this.ports.offset, blockPerTx: this.blockPerTx });
    this.#info = readConnectionInfo(path.join(this.dataDir, 'connection.json'));
  }

  async restart(): Promise<void> {
    await this.#stopGracefully();
    await this.start();
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    await this.#process?.signal(signal);
  }

  async stop(): Promise<void> {
    try {
      for (const connection of this.#connections) connection.close();
      this.#connections.clear();
      await this.#stopGracefully();
    } finally {
      rmSync(this.dataDir, { recursive: true, force: true });
      this.ports.release();
    }
  }

  async #stopGracefully(): Promise<void> {
    const devnet = this.#process;
    if (!devnet?.running) return;
    const exit = await devnet.signal('SIGTERM');
    if (exit.code !== 0) {
      throw new Error(`devnet did not stop cleanly on SIGTERM (code ${exit.code}, signal ${exit.signal})\n${devnet.output}`);
    }
  }
}
