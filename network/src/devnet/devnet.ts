import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { type common, gateway, orderer as ordererProtos, peer } from '@hyperledger/fabric-protos';
import type { Logger } from 'pino';
import { generateCryptoMaterial, ordererOrgCrypto, peerOrgCrypto, readChaincodeClientTls } from '../crypto';
import type { NetworkDescription } from '../description';
import { ChaincodeServerProcess, ChaincodeSupportImpl } from './chaincode';
import { Committer } from './committer/committer';
import { TxValidator } from './committer/txvalidator';
import { listen, newGrpcServer, shutdown, type TlsMaterial } from './comm/server';
import type { ConnectionInfo } from './connection-info';
import { ordererDeliverHandler, peerDeliverHandlers } from './deliver';
import { PeerEndorser } from './endorser/endorser';
import { endorserHandlers } from './endorser/grpc';
import { gatewayHandlers } from './gateway';
import { dataLayout } from './layout';
import { listenOperations } from './operations';
import { openPeerLedger } from './ledger';
import type { PeerLedger } from './ledger/api';
import { deployChaincodes } from './lifecycle/deployments';
import { StaticChaincodeRegistry } from './lifecycle/registry';
import { MspManager, loadMspConfig, loadSigner, type MspConfig } from './msp';
import type { Identity } from './msp/api';
import { atomicBroadcastHandlers, blockHeaderHash, createGenesisBlock, OrderingServiceImpl, raftIndexOf } from './orderer';
import { buildChannelConfig, channelPolicyManagerFromConfig } from './policies';
import type { ChannelPolicyManager } from './policies/api';
import { buildConnectionInfo } from './connection-info-builder';
import { ConfigurationSystemChaincode, LifecycleSystemChaincode, QuerySystemChaincode, SystemChaincodes, type AclSources, type InstalledPackage } from './scc';

export interface DevnetOptions {
  readonly description: NetworkDescription;
  readonly dataDir: string;
  /** One block per transaction instead of the channel's batch settings (fast tests). */
  readonly cutPerTransaction?: boolean;
  readonly logger: Logger;
}

interface ChannelRuntime {
  readonly name: string;
  readonly ledger: PeerLedger;
  readonly deserializer: MspManager;
  readonly policies: ChannelPolicyManager;
  readonly committer: Committer;
}

/** The whole devnet in one process: an orderer and one peer per org, serving Fabric's gRPC services over TLS. */
export class Devnet {
  readonly #servers: grpc.Server[] = [];
  /** Each node's operations endpoint (GET /healthz). */
  readonly #operations: Server[] = [];
  readonly #chaincodeServers: ChaincodeServerProcess[] = [];
  readonly #ledgers: PeerLedger[] = [];
  #ordering?: OrderingServiceImpl;
  #chaincodeSupport?: ChaincodeSupportImpl;

  private constructor(readonly info: ConnectionInfo) {}

  static async start(options: DevnetOptions): Promise<Devnet> {
    const devnet = new Devnet(buildConnectionInfo(options.description, options.dataDir));
    try {
      await devnet.#start(options);
    } catch (err) {
      await devnet.stop();
      throw err;
    }
    return devnet;
  }

  async #start({ description, dataDir, cutPerTransaction, logger }: DevnetOptions): Promise<void> {
    const cryptoRoot = dataLayout.crypto(dataDir);
    logger.info('crypto material: checking %s', cryptoRoot);
    await generateCryptoMaterial(description, cryptoRoot);

    const ordererCrypto = ordererOrgCrypto(cryptoRoot, description.ordererOrg);
    const mspConfigs = new Map<string, MspConfig>();
    mspConfigs.set(description.ordererOrg.mspId, loadMspConfig(description.ordererOrg.mspId, ordererCrypto.mspDir));
    const peerCrypto = new Map(description.peerOrgs.map((org) => [org.mspId, peerOrgCrypto(cryptoRoot, org)]));
    for (const org of description.peerOrgs) mspConfigs.set(org.mspId, loadMspConfig(org.mspId, peerCrypto.get(org.mspId)!.mspDir));
    const allMsps = new MspManager([...mspConfigs.values()]);
    const ordererSigner = loadSigner(description.ordererOrg.mspId, ordererCrypto.orderer.certPath, ordererCrypto.orderer.keyPath);
    const ordererTls = readTls(ordererCrypto.orderer.tls);

    // Channel config and policies, built from the description as configtxgen would.
    const channelConfigs = new Map(
      description.channels.map((channel) => {
        const members = [description.ordererOrg.mspId, ...channel.orgs.map((o) => o.mspId)];
        const deserializer = new MspManager(members.map((id) => mspConfigs.get(id)!));
        const config = buildChannelConfig(channel, description.ordererOrg, mspConfigs, {
          hostname: description.ordererOrg.orderer.hostname,
          port: description.ordererOrg.orderer.endpoint.port,
          clientTlsCertPem: ordererTls.certPem.toString(),
          serverTlsCertPem: ordererTls.certPem.toString(),
        });
        return [channel.name, { channel, config, deserializer, policies: channelPolicyManagerFromConfig(config, deserializer) }];
      }),
    );

    const deployments = deployChaincodes(dataDir, description.chaincodes);
    for (const { deployment, change } of deployments) {
      logger.info('chaincode %s on %s: sequence %d (%s), package %s', deployment.name, deployment.channel, deployment.sequence, change, deployment.packageId);
    }
    const registry = new StaticChaincodeRegistry(description, deployments.map((d) => d.deployment), (name) => channelConfigs.get(name)!.policies);

    const channels = new Map<string, ChannelRuntime>();
    for (const [name, { channel, config, deserializer, policies }] of channelConfigs) {
      const ledger = await openPeerLedger({
        dir: dataLayout.ledger(dataDir, name),
        channel: name,
        registry,
        peerMspIds: channel.orgs.map((o) => o.mspId),
      });
      this.#ledgers.push(ledger);
      const committer = new Committer(ledger, new TxValidator({ channel: name, ledger, deserializer, registry }));
      if (ledger.height() === 0) {
        await committer.commitBlock(createGenesisBlock(name, config));
        logger.info('channel %s: genesis block committed', name);
      } else {
        logger.info('channel %s: ledger resumed at height %d', name, ledger.height());
      }
      channels.set(name, { name, ledger, deserializer, policies, committer });
    }

    // Every package is installed on every peer: the devnet's stand-in for `peer lifecycle chaincode install`.
    const installed = description.chaincodes.map((cc) => ({ label: cc.label, packageId: deployments.find((d) => d.deployment.name === cc.name)!.deployment.packageId }));
    const systemChaincodes = newSystemChaincodes(description, { channels, channelConfigs, mspConfigs, registry, installed });
    const chaincodeSupport = new ChaincodeSupportImpl({
      registry,
      peerMspIds: description.peerOrgs.map((org) => org.mspId),
      ledgerFor: (name) => channels.get(name)?.ledger,
      policiesFor: (name) => channels.get(name)?.policies,
      systemChaincodes,
    });
    this.#chaincodeSupport = chaincodeSupport;
    for (const cc of description.chaincodes) {
      const packageId = deployments.find((d) => d.deployment.name === cc.name)!.deployment.packageId;
      const server = new ChaincodeServerProcess({
        chaincode: cc,
        packageId,
        logFile: path.join(dataLayout.logs(dataDir), `chaincode-${cc.name}.log`),
        cryptoRoot,
      });
      this.#chaincodeServers.push(server);
      server.start();
      // TLS both ways, as the ccaas package's connection.json has Fabric's peers dial.
      chaincodeSupport.registerEndpoint(packageId, { endpoint: cc.endpoint, tls: readChaincodeClientTls(cryptoRoot, cc.name) });
    }
    await Promise.all(
      description.chaincodes.map(async (cc) => {
        const packageId = deployments.find((d) => d.deployment.name === cc.name)!.deployment.packageId;
        await chaincodeSupport.ready(packageId);
        logger.info('chaincode %s: server connected to every peer over TLS (%s:%d)', cc.name, cc.endpoint.host, cc.endpoint.port);
      }),
    );

    const ordering = new OrderingServiceImpl({
      channels: await Promise.all(
        [...channels.values()].map(async (c) => {
          const last = (await c.ledger.getBlock(c.ledger.height() - 1))!;
          return {
            name: c.name,
            batch: channelConfigs.get(c.name)!.channel.batch,
            policies: c.policies,
            height: c.ledger.height(),
            lastBlockHeaderHash: blockHeaderHash(last.getHeader()!),
            lastRaftIndex: raftIndexOf(last),
          };
        }),
      ),
      deserializer: allMsps,
      signer: ordererSigner,
      sink: async (name, block) => {
        await channels.get(name)!.committer.commitBlock(block);
      },
      cutPerTransaction,
    });
    this.#ordering = ordering;

    // Peers: one endorser and one TLS endpoint per org.
    const endorsers = new Map<string, { endorser: PeerEndorser; address: string; peerIdentity: Identity }>();
    for (const org of description.peerOrgs) {
      const files = peerCrypto.get(org.mspId)!;
      const signer = loadSigner(org.mspId, files.peer.certPath, files.peer.keyPath);
      const endorser = new PeerEndorser({
        mspId: org.mspId,
        signer,
        channel: (name) => channels.get(name),
        registry,
        chaincodeSupport,
        isSystemChaincode: (name) => systemChaincodes.has(name),
        localMsp: new MspManager([mspConfigs.get(org.mspId)!]),
        invokeChannelless: (name, call) => systemChaincodes.invoke(name, call),
        otherPeers: (channel) =>
          (channelConfigs.get(channel)?.channel.orgs ?? [])
            .filter((o) => o.mspId !== org.mspId)
            .map((o) => endorsers.get(o.mspId)?.peerIdentity)
            .filter((identity): identity is Identity => identity !== undefined),
      });
      endorsers.set(org.mspId, {
        endorser,
        address: `${org.peer.endpoint.host}:${org.peer.endpoint.port}`,
        peerIdentity: allMsps.deserializeIdentity(signer.serialize()),
      });
    }
    const ordererAddress = `${description.ordererOrg.orderer.endpoint.host}:${description.ordererOrg.orderer.endpoint.port}`;
    for (const org of description.peerOrgs) {
      const server = newGrpcServer();
      const deps = {
        localMspId: org.mspId,
        channels: () => [...channels.keys()],
        channelMembers: (name: string) => channelConfigs.get(name)?.channel.orgs.map((o) => o.mspId) ?? [],
        endorsers,
        orderer: { service: ordering, address: ordererAddress, mspId: description.ordererOrg.mspId },
        ledgerFor: (name: string) => channels.get(name)?.ledger,
        registry,
        policies: (name: string) => channels.get(name)?.policies,
        deserializerFor: (name: string) => channels.get(name)?.deserializer,
        deserializer: allMsps,
      };
      server.addService(peer.EndorserService, endorserHandlers(endorsers.get(org.mspId)!.endorser));
      server.addService(gateway.GatewayService, gatewayHandlers(deps));
      server.addService(peer.DeliverService, peerDeliverHandlers(deps));
      await listen(server, org.peer.endpoint, readTls(peerCrypto.get(org.mspId)!.peer.tls));
      this.#servers.push(server);
      this.#operations.push(await listenOperations(org.peer.operationsEndpoint));
      logger.info('peer %s (%s) listening on %s:%d', org.peer.hostname, org.mspId, org.peer.endpoint.host, org.peer.endpoint.port);
    }

    const ordererServer = newGrpcServer();
    ordererServer.addService(
      ordererProtos.AtomicBroadcastService,
      atomicBroadcastHandlers(
        ordering,
        ordererDeliverHandler({ ledgerFor: (name: string) => channels.get(name)?.ledger, policies: (name: string) => channels.get(name)?.policies, deserializer: allMsps }),
      ),
    );
    await listen(ordererServer, description.ordererOrg.orderer.endpoint, ordererTls);
    this.#servers.push(ordererServer);
    this.#operations.push(await listenOperations(description.ordererOrg.orderer.operationsEndpoint));
    logger.info('orderer %s listening on %s:%d', description.ordererOrg.orderer.hostname, description.ordererOrg.orderer.endpoint.host, description.ordererOrg.orderer.endpoint.port);
  }

  /** Graceful stop: no new requests, pending blocks committed, ledgers closed, chaincode servers stopped. */
  async stop(): Promise<void> {
    await Promise.all(this.#servers.map((server) => shutdown(server)));
    await Promise.all(this.#operations.map((server) => new Promise((resolve) => server.close(resolve))));
    await this.#ordering?.close();
    this.#chaincodeSupport?.close();
    await Promise.all(this.#chaincodeServers.map((server) => server.stop()));
    await Promise.all(this.#ledgers.map((ledger) => ledger.close()));
  }
}

/** qscc, cscc and _lifecycle over the devnet's channels, each peer org's local MSP deciding its peer-wide ACLs. */
function newSystemChaincodes(
  description: NetworkDescription,
  { channels, channelConfigs, mspConfigs, registry, installed }: {
    readonly channels: ReadonlyMap<string, ChannelRuntime>;
    readonly channelConfigs: ReadonlyMap<string, { readonly channel: { readonly orgs: readonly { readonly mspId: string }[] }; readonly config: common.Config }>;
    readonly mspConfigs: ReadonlyMap<string, MspConfig>;
    readonly registry: StaticChaincodeRegistry;
    readonly installed: readonly InstalledPackage[];
  },
): SystemChaincodes {
  const localMsps = new Map(description.peerOrgs.map((org) => [org.mspId, new MspManager([mspConfigs.get(org.mspId)!])]));
  const acl: AclSources = {
    channelPolicies: (name) => channels.get(name)?.policies,
    channelDeserializer: (name) => channels.get(name)?.deserializer,
    localMsp: (mspId) => localMsps.get(mspId),
  };
  const joined = new Map([...channels].map(([name, runtime]) => [name, { ledger: runtime.ledger, config: channelConfigs.get(name)!.config }]));
  return new SystemChaincodes([
    new QuerySystemChaincode((name) => channels.get(name)?.ledger, acl),
    new ConfigurationSystemChaincode(() => joined, acl),
    new LifecycleSystemChaincode(
      {
        registry,
        installed: () => installed,
        channels: () => [...channels.keys()],
        channelMembers: (name) => channelConfigs.get(name)?.channel.orgs.map((o) => o.mspId) ?? [],
      },
      acl,
    ),
  ]);
}

function readTls(files: { caPath: string; certPath: string; keyPath: string }): TlsMaterial {
  return { caPem: readFileSync(files.caPath), certPem: readFileSync(files.certPath), keyPem: readFileSync(files.keyPath) };
}
