// What the devnet and the real-Fabric test networks share: one foreground process whose connection.json says
// where everything is, gateway connections closed on stop, a graceful stop that must exit 0, the ports released
// afterwards (the folder is a temp folder of the test file: test/support/temp-dirs.ts).
import path from 'node:path';
import { loadNetworkDescription } from '@crossborder-trace/network';
import { addUser, peerOrgCrypto } from '@crossborder-trace/network/dist/crypto';
import { readConnectionInfo, type ConnectionInfo, type IdentityPaths, type OrgConnection } from './connection-info';
import { connectGateway, identityFromFiles, type ClientIdentity, type GatewayConnection } from './gateway';
import { allocatePortOffset, type PortOffset } from './port-offset';
import type { TestNetwork } from './test-network';

/** The network's foreground process as the suites drive it. */
export interface NetworkProcess {
  readonly running: boolean;
  readonly output: string;
  signal(signal: NodeJS.Signals): Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
}

export abstract class ProcessTestNetwork<P extends NetworkProcess> implements TestNetwork {
  readonly #connections = new Set<GatewayConnection>();
  protected process?: P;
  #info?: ConnectionInfo;

  constructor(
    readonly dataDir: string,
    readonly ports: PortOffset,
    /** For messages: "the devnet", "the Fabric network". */
    private readonly label: string,
    /** The network description it runs. */
    protected readonly description: string,
  ) {}

  /** Starts the network's process on dataDir and resolves once it is ready. */
  protected abstract launch(): Promise<P>;

  abstract kill(signal: NodeJS.Signals): Promise<void>;

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

  async issueUser(orgName: string, userName: string, attrs: Readonly<Record<string, string>>): Promise<ClientIdentity> {
    const files = await addUser(loadNetworkDescription(this.description), this.#cryptoRoot, orgName, userName, attrs);
    return identityFromFiles(this.org(orgName).mspId, files);
  }

  peerIdentity(orgName: string): ClientIdentity {
    const org = loadNetworkDescription(this.description).peerOrgs.find((o) => o.name === orgName);
    if (!org) throw new Error(`no org ${orgName} in ${this.description}`);
    return identityFromFiles(org.mspId, peerOrgCrypto(this.#cryptoRoot, org).peer);
  }

  get #cryptoRoot(): string {
    return path.join(this.dataDir, 'organizations');
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
    if (this.process?.running) throw new Error(`${this.label} is already running`);
    this.process = await this.launch();
    this.#info = readConnectionInfo(path.join(this.dataDir, 'connection.json'));
  }

  async restart(): Promise<void> {
    await this.#stopGracefully();
    await this.start();
  }

  /** keepPorts: leave the port slot claimed (its ports were found busy, so the next claim goes elsewhere). */
  async stop(options: { keepPorts?: boolean } = {}): Promise<void> {
    try {
      for (const connection of this.#connections) connection.close();
      this.#connections.clear();
      await this.#stopGracefully();
    } finally {
      if (!options.keepPorts) this.ports.release();
    }
  }

  async #stopGracefully(): Promise<void> {
    const running = this.process;
    if (!running?.running) return;
    const exit = await running.signal('SIGTERM');
    if (exit.code !== 0) {
      throw new Error(`${this.label} did not stop cleanly on SIGTERM (code ${exit.code}, signal ${exit.signal})\n${running.output}`);
    }
  }
}

/** A port of the slot taken meanwhile (Linux hands out 32768-60999 to outgoing connections): try another slot. */
const START_ATTEMPTS = 3;

/**
 * Starts a network made by create on a port slot of the suite's own. When one of the slot's ports was taken
 * meanwhile, the network is stopped and started again on another slot; any other failure is reported at once,
 * with what onFailure adds to the error (such as where the logs were kept).
 */
export async function startOnFreeSlot<P extends NetworkProcess, N extends ProcessTestNetwork<P>>(
  name: string,
  create: (ports: PortOffset) => N,
  onFailure: (network: N) => string | undefined = () => undefined,
): Promise<N> {
  // Slots whose ports were busy stay claimed until a start succeeds, so the next claim lands elsewhere.
  const busy: PortOffset[] = [];
  try {
    for (let attempt = 1; ; attempt++) {
      const ports = allocatePortOffset(name);
      const network = create(ports);
      try {
        await network.start();
        return network;
      } catch (err) {
        const portTaken = /address already in use/.test((err as Error).message);
        const note = portTaken ? undefined : onFailure(network);
        // The caller never receives a network to stop, so a failed start cleans up here.
        await network.stop({ keepPorts: portTaken }).catch(() => undefined);
        if (note) (err as Error).message += `\n${note}`;
        if (!portTaken || attempt >= START_ATTEMPTS) throw err;
        busy.push(ports);
      }
    }
  } finally {
    for (const ports of busy) ports.release();
  }
}
