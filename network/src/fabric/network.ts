// The native Fabric network of a description: one Raft orderer and one peer per org as processes of the
// official binaries, the channels and chaincodes set up through Fabric's own CLIs, and the chaincode servers
// started and restarted here. Every step is idempotent, so a second start on the same folder resumes.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { generateCryptoMaterial } from '../crypto';
import type { NetworkDescription } from '../description';
import { ChaincodeServerProcess } from '../devnet/chaincode/launcher';
import { initialiseChaincodes } from '../client/chaincode-init';
import { buildConnectionInfo } from '../devnet/connection-info-builder';
import type { ConnectionInfo } from '../devnet/connection-info';
import type { FabricBinaries } from './binaries';
import { createGenesisBlocks, joinOrderer, joinPeers } from './channels';
import { deployDefinitions, installChaincodes, packageChaincodes, type Deployment } from './chaincodes';
import { writeConfigFiles } from './config-files';
import { fabricContext, peerCrypto, type FabricContext } from './context';
import { discoverEndorsers } from './discovery';
import { FabricNetworkError } from './errors';
import { fabricLayout } from './layout';
import { accepting, logTail, raftLeadership, sleep } from './node-process';
import { SupervisedNode } from './supervised-node';

export interface FabricNetworkOptions {
  readonly description: NetworkDescription;
  readonly binaries: FabricBinaries;
  readonly dataDir: string;
  /** MaxMessageCount 1 in the channels' genesis blocks (takes effect when the channels are created). */
  readonly blockPerTx?: boolean;
  readonly log: (message: string) => void;
  readonly readyTimeoutMs?: number;
}

export class FabricNetwork {
  readonly #ctx: FabricContext;
  #orderer?: SupervisedNode;
  readonly #peers: SupervisedNode[] = [];
  readonly #chaincodeServers: Array<{ name: string; server: ChaincodeServerProcess }> = [];
  #deployments: Deployment[] = [];
  #info?: ConnectionInfo;

  private constructor(readonly options: FabricNetworkOptions) {
    this.#ctx = fabricContext(options.description, options.binaries, options.dataDir, options.log);
  }

  static async start(options: FabricNetworkOptions): Promise<FabricNetwork> {
    const network = new FabricNetwork(options);
    try {
      await network.#start();
    } catch (err) {
      await network.stop();
      throw err;
    }
    return network;
  }

  get info(): ConnectionInfo {
    if (!this.#info) throw new FabricNetworkError('the network has not started');
    return this.#info;
  }

  get deployments(): readonly Deployment[] {
    return this.#deployments;
  }

  /** Name -> pid of every process this network runs, this one included. */
  pids(): Record<string, number> {
    const pids: Record<string, number> = { supervisor: process.pid };
    for (const node of this.#nodes()) if (node.pid !== undefined) pids[node.name] = node.pid;
    for (const { name, server } of this.#chaincodeServers) if (server.pid !== undefined) pids[`chaincode-${name}`] = server.pid;
    return pids;
  }

  #nodes(): SupervisedNode[] {
    return [...(this.#orderer ? [this.#orderer] : []), ...this.#peers];
  }

  async #start(): Promise<void> {
    const ctx = this.#ctx;
    const { description, dataDir } = ctx;
    mkdirSync(fabricLayout.logs(dataDir), { recursive: true });
    await generateCryptoMaterial(description, fabricLayout.crypto(dataDir));
    writeConfigFiles(ctx, { blockPerTx: this.options.blockPerTx });
    await createGenesisBlocks(ctx);

    const packages = packageChaincodes(ctx);
    for (const cc of description.chaincodes) {
      const server = new ChaincodeServerProcess({
        chaincode: cc,
        packageId: packages.get(cc.name)!.packageId,
        logFile: fabricLayout.log(dataDir, `chaincode-${cc.name}`),
        cryptoRoot: fabricLayout.crypto(dataDir),
      });
      this.#chaincodeServers.push({ name: cc.name, server });
      server.start();
    }

    const orderer = description.ordererOrg.orderer;
    this.#orderer = this.#supervised({
      name: orderer.hostname,
      executable: ctx.binaries.path('orderer'),
      args: [],
      configDir: fabricLayout.nodeConfig(dataDir, orderer.hostname),
      logFile: fabricLayout.log(dataDir, orderer.hostname),
      operations: orderer.operationsEndpoint,
      listens: [orderer.endpoint, orderer.adminEndpoint],
    });
    await this.#orderer.start();
    ctx.log(`orderer ${orderer.hostname} up on ${orderer.endpoint.host}:${orderer.endpoint.port}`);
    await joinOrderer(ctx);
    await this.#waitForRaftLeader();

    for (const org of description.peerOrgs) {
      this.#peers.push(
        this.#supervised({
          name: org.peer.hostname,
          executable: ctx.binaries.path('peer'),
          args: ['node', 'start'],
          configDir: fabricLayout.nodeConfig(dataDir, org.peer.hostname),
          logFile: fabricLayout.log(dataDir, org.peer.hostname),
          operations: org.peer.operationsEndpoint,
          listens: [org.peer.endpoint],
        }),
      );
    }
    await Promise.all(this.#peers.map((peer) => peer.start()));
    ctx.log(`peers up: ${description.peerOrgs.map((o) => `${o.peer.hostname} ${o.peer.endpoint.host}:${o.peer.endpoint.port}`).join(', ')}`);
    await joinPeers(ctx);

    await installChaincodes(ctx, packages);
    this.#deployments = await deployDefinitions(ctx, packages);
    await this.#waitUntilDiscoverable();
    await this.#waitForChaincodeServers();

    this.#info = { ...buildConnectionInfo(description, dataDir), kind: 'fabric', pid: process.pid };
    await initialiseChaincodes(description, this.#info, ctx.log);
    const file = fabricLayout.connectionInfo(dataDir);
    writeFileSync(`${file}.tmp`, JSON.stringify(this.#info, null, 2));
    renameSync(`${file}.tmp`, file);
    this.writePids();
  }

  /**
   * Fabric's peers dial a chaincode server only when a transaction first needs it, so a server that could not
   * listen (its port taken by another program's outgoing connection, say) would show up only as a refused
   * endorsement. Each must accept connections before the first transaction; otherwise the error carries the end of
   * its log (an "address already in use" there lets a caller retry on other ports).
   */
  async #waitForChaincodeServers(timeoutMs = 60_000): Promise<void> {
    const { description, dataDir } = this.#ctx;
    for (const cc of description.chaincodes) {
      const deadline = Date.now() + timeoutMs;
      while (!(await accepting(cc.endpoint))) {
        if (Date.now() > deadline) {
          const logFile = fabricLayout.log(dataDir, `chaincode-${cc.name}`);
          throw new FabricNetworkError(`chaincode server ${cc.name} does not accept connections on ${cc.endpoint.host}:${cc.endpoint.port} after ${timeoutMs} ms; ${logFile} ends:\n${logTail(logFile)}`);
        }
        await sleep(250);
      }
    }
  }

  #supervised(options: SupervisedNode['options']): SupervisedNode {
    // A node that dies is started again; pids.json, once written (the network is ready), names its new process.
    return new SupervisedNode(options, { log: this.#ctx.log, onRestarted: () => this.#info && this.writePids() });
  }

  writePids(): void {
    const file = fabricLayout.pids(this.#ctx.dataDir);
    writeFileSync(`${file}.tmp`, JSON.stringify(this.pids(), null, 2));
    renameSync(`${file}.tmp`, file);
  }

  /** A single-node Raft elects itself after its election timeout; until then the orderer refuses transactions. */
  async #waitForRaftLeader(): Promise<void> {
    const { description, log } = this.#ctx;
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 120_000);
    const channels = description.channels.map((c) => c.name);
    for (;;) {
      const leading = await raftLeadership(description.ordererOrg.orderer.operationsEndpoint);
      const waiting = channels.filter((name) => !leading.has(name));
      if (waiting.length === 0) break;
      if (Date.now() > deadline) throw new FabricNetworkError(`the orderer has not become Raft leader of ${waiting.join(', ')}`);
      await sleep(250);
    }
    log(`orderer: Raft leader of ${channels.join(', ')}`);
  }

  /** Every peer's discovery offers every member org's peer for every chaincode on every channel. */
  async #waitUntilDiscoverable(): Promise<void> {
    const ctx = this.#ctx;
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 120_000);
    for (const channel of ctx.description.channels) {
      const chaincodes = ctx.description.chaincodes.filter((cc) => cc.definitions.some((d) => d.channel === channel.name)).map((cc) => cc.name);
      if (chaincodes.length === 0) continue;
      for (const org of channel.orgs) {
        const files = peerCrypto(ctx, org);
        let last = '';
        for (;;) {
          try {
            const results = await discoverEndorsers(
              { endpoint: org.peer.endpoint, hostname: org.peer.hostname, tlsCaCertPath: files.tlsCaCertPath, mspId: org.mspId, ...files.admin },
              channel.name,
              chaincodes,
            );
            const missing = [...results].filter(([, found]) => found !== channel.orgs.length);
            if (missing.length === 0) break;
            last = missing.map(([name, found]) => `${name}: ${typeof found === 'number' ? `${found} of ${channel.orgs.length} peers` : found}`).join('; ');
          } catch (err) {
            last = (err as Error).message;
          }
          if (Date.now() > deadline) {
            throw new FabricNetworkError(`${org.peer.hostname} on ${channel.name}: discovery does not offer every member's peer (${last})`);
          }
          await sleep(500);
        }
      }
    }
    ctx.log('discovery: every peer offers every member org for every chaincode');
  }

  /** SIGTERM to the peers, then the orderer, then the chaincode servers; waits for each to end. */
  async stop(): Promise<void> {
    await Promise.all(this.#peers.map((node) => node.stop()));
    await this.#orderer?.stop();
    await Promise.all(this.#chaincodeServers.map(({ server }) => server.stop()));
  }
}
