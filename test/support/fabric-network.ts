// Real Fabric mode: when FABRIC_BIN names the bin/ folder of a Fabric 3.1 release, each suite runs on a network of
// official binaries (one Raft orderer, one peer per org, chaincode servers) set up from network/network.yaml on the
// suite's own ports and folder, behind the same TestNetwork controls as the devnet.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FabricSupervisorProcess, locateFabricBinaries } from '@crossborder-trace/network/dist/fabric';
import { readConnectionInfo, type ConnectionInfo, type IdentityPaths, type OrgConnection } from './connection-info';
import { connectGateway, identityFromFiles, type ClientIdentity, type GatewayConnection } from './gateway';
import { allocatePortOffset, type PortOffset } from './port-offset';
import type { TestNetwork, TestNetworkOptions } from './test-network';

/** A port of the slot taken meanwhile (Linux hands out 32768-60999 to outgoing connections): try another slot. */
const START_ATTEMPTS = 3;

export async function startFabricNetwork(fabricBin: string, options: TestNetworkOptions): Promise<TestNetwork> {
  locateFabricBinaries(fabricBin);
  // Slots whose ports were busy stay claimed until a start succeeds, so the next claim lands elsewhere.
  const busy: PortOffset[] = [];
  try {
    for (let attempt = 1; ; attempt++) {
      const ports = allocatePortOffset(options.name);
      const dataDir = mkdtempSync(path.join(tmpdir(), `fabric-${path.basename(options.name, '.ts')}-`));
      const network = new FabricTestNetwork(fabricBin, dataDir, ports, options.blockPerTx ?? false);
      try {
        await network.start();
        return network;
      } catch (err) {
        const portTaken = /address already in use/.test((err as Error).message);
        const kept = portTaken ? undefined : keepLogs(dataDir, options.name);
        await network.stop({ keepPorts: portTaken }).catch(() => undefined);
        if (kept) (err as Error).message += `\n(the nodes' logs are kept in ${kept})`;
        if (!portTaken || attempt >= START_ATTEMPTS) throw err;
        busy.push(ports);
      }
    }
  } finally {
    for (const ports of busy) ports.release();
  }
}

/** A failed start's logs, copied out of the folder that stop() removes. */
function keepLogs(dataDir: string, name: string): string | undefined {
  const logs = path.join(dataDir, 'logs');
  if (!existsSync(logs)) return undefined;
  const kept = mkdtempSync(path.join(tmpdir(), `fabric-logs-${path.basename(name, '.ts')}-`));
  cpSync(logs, kept, { recursive: true });
  return kept;
}

class FabricTestNetwork implements TestNetwork {
  readonly #connections = new Set<GatewayConnection>();
  #process?: FabricSupervisorProcess;
  #info?: ConnectionInfo;

  constructor(
    readonly fabricBin: string,
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
    if (this.#process?.running) throw new Error('the Fabric network is already running');
    this.#process = await FabricSupervisorProcess.start({
      fabricBin: this.fabricBin,
      dataDir: this.dataDir,
      portOffset: this.ports.offset,
      blockPerTx: this.blockPerTx,
    });
    this.#info = readConnectionInfo(path.join(this.dataDir, 'connection.json'));
  }

  async restart(): Promise<void> {
    await this.#stopGracefully();
    await this.start();
  }

  /** The whole network at once: the supervisor, the orderer, every peer and every chaincode server. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    await this.#process?.killAll(signal);
  }

  async stop(options: { keepPorts?: boolean } = {}): Promise<void> {
    try {
      for (const connection of this.#connections) connection.close();
      this.#connections.clear();
      await this.#stopGracefully();
    } finally {
      rmSync(this.dataDir, { recursive: true, force: true });
      if (!options.keepPorts) this.ports.release();
    }
  }

  async #stopGracefully(): Promise<void> {
    const network = this.#process;
    if (!network?.running) return;
    const exit = await network.signal('SIGTERM');
    if (exit.code !== 0) {
      throw new Error(`the Fabric network did not stop cleanly on SIGTERM (code ${exit.code}, signal ${exit.signal})\n${network.output}`);
    }
  }
}
