import { rmSync } from 'node:fs';
import path from 'node:path';
import { ensureChaincodeTls, readChaincodeClientTls } from '../../crypto/chaincode-tls';
import type { ChaincodeDescription } from '../../description';
import type { ChaincodeRegistry } from '../lifecycle/api';
import type { Identity } from '../msp/api';
import type { ChaincodeExecution } from './api';
import { ChaincodeSupportImpl, type ChaincodeSupportOptions } from './chaincode-support';
import type { ChaincodeServerConnection } from './connection';
import { ChaincodeServerProcess } from './launcher';
import { freePort, newInvocation, testCollection, testDefinition, testIdentity, testRegistry, writeTestChaincode } from './test-fixtures';
import { fakeChannelLedger, FakeSimulator, FakeState } from './test-simulator';

/**
 * Test support: the test chaincode run by fabric-shim's cli as servers in child processes, and a ChaincodeSupportImpl
 * connected to them over TLS, as the devnet runs them. Package A serves "cc" on alliance and public and "initcc"
 * (init required) on alliance; package B serves "callee" on alliance. Only the packages asked for are started.
 */

export const PACKAGE_A = 'testcc_1:aaaa';
export const PACKAGE_B = 'callee_1:bbbb';

export interface RunOptions {
  readonly creator?: Identity;
  readonly chaincodeName?: string;
  readonly isInit?: boolean;
  readonly txId?: string;
  /** The simulating peer's org (Org1MSP by default). */
  readonly peerMspId?: string;
  /** Another ChaincodeSupportImpl than the harness's. */
  readonly on?: ChaincodeSupportImpl;
}

export interface Run {
  readonly execution: ChaincodeExecution;
  readonly simulator: FakeSimulator;
  readonly txId: string;
  /** The response payload as text. */
  readonly payload: string;
}

export class Harness {
  readonly alliance = new FakeState();
  readonly publicState = new FakeState();
  readonly ledgers = new Map([
    ['alliance', fakeChannelLedger('alliance', this.alliance)],
    ['public', fakeChannelLedger('public', this.publicState)],
  ]);
  readonly registry: ChaincodeRegistry = testRegistry([
    testDefinition('alliance', 'cc', PACKAGE_A, {
      collections: [
        testCollection('secret', ['Org1MSP'], { read: true, write: true }),
        testCollection('open', ['Org1MSP'], { read: false, write: false }),
      ],
    }),
    testDefinition('public', 'cc', PACKAGE_A),
    testDefinition('alliance', 'initcc', PACKAGE_A, { initRequired: true }),
    testDefinition('alliance', 'callee', PACKAGE_B),
  ]);
  readonly servers = new Map<string, ChaincodeServerProcess>();
  readonly #connections = new Map<string, ChaincodeServerConnection>();
  #dir?: string;
  #support?: ChaincodeSupportImpl;
  #org1?: Identity;
  #org2?: Identity;

  get support(): ChaincodeSupportImpl {
    return required(this.#support);
  }

  /** A member of the "secret" collection. */
  get org1(): Identity {
    return required(this.#org1);
  }

  get org2(): Identity {
    return required(this.#org2);
  }

  /** How the peers dial the package's server. */
  connection(packageId: string): ChaincodeServerConnection {
    return required(this.#connections.get(packageId));
  }

  /** The chaincode TLS material's root (crypto layout), with a server certificate per started package. */
  get cryptoRoot(): string {
    return path.join(required(this.#dir), 'crypto');
  }

  newSupport(options: Partial<ChaincodeSupportOptions> = {}): ChaincodeSupportImpl {
    return new ChaincodeSupportImpl({
      registry: this.registry,
      peerMspIds: ['Org1MSP'],
      ledgerFor: (channel) => this.ledgers.get(channel),
      ...options,
    });
  }

  async start(packageIds: readonly string[]): Promise<void> {
    const dir = (this.#dir = writeTestChaincode());
    [this.#org1, this.#org2] = await Promise.all([testIdentity('Org1MSP'), testIdentity('Org2MSP')]);
    const support = (this.#support = this.newSupport());
    const chaincodes = new Map<string, ChaincodeDescription>();
    for (const packageId of packageIds) {
      const [label] = packageId.split(':');
      chaincodes.set(packageId, { name: label, label, path: dir, endpoint: { host: '127.0.0.1', port: await freePort() }, definitions: [] });
    }
    await ensureChaincodeTls(this.cryptoRoot, [...chaincodes.values()]);
    for (const [packageId, chaincode] of chaincodes) {
      const server = new ChaincodeServerProcess({
        chaincode,
        packageId,
        logFile: path.join(dir, 'logs', `${chaincode.label}.log`),
        cryptoRoot: this.cryptoRoot,
        stopGraceMs: 2000,
      });
      server.start();
      this.servers.set(packageId, server);
      this.#connections.set(packageId, { endpoint: chaincode.endpoint, tls: readChaincodeClientTls(this.cryptoRoot, chaincode.name) });
      support.registerEndpoint(packageId, this.connection(packageId));
    }
    await Promise.all(packageIds.map((packageId) => support.ready(packageId)));
  }

  async stop(): Promise<void> {
    try {
      this.#support?.close();
      await Promise.all([...this.servers.values()].map((server) => server.stop()));
    } finally {
      if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    }
  }

  /** Executes a transaction of the test chaincode on alliance, on a fresh simulator over the alliance state. */
  async run(args: readonly string[], options: RunOptions = {}): Promise<Run> {
    const simulator = new FakeSimulator('', this.alliance);
    const invocation = newInvocation({
      channel: 'alliance',
      chaincodeName: options.chaincodeName ?? 'cc',
      args,
      creator: options.creator ?? this.org1,
      simulator,
      isInit: options.isInit,
      txId: options.txId,
      peerMspId: options.peerMspId,
    });
    const execution = await (options.on ?? this.support).execute(invocation);
    return { execution, simulator, txId: invocation.txId, payload: Buffer.from(execution.response.getPayload_asU8()).toString() };
  }
}

/** A harness started before the file's tests and stopped after them. */
export function useHarness(packageIds: readonly string[]): Harness {
  const harness = new Harness();
  beforeAll(() => harness.start(packageIds), 30_000);
  afterAll(() => harness.stop(), 30_000);
  return harness;
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the harness has not started');
  return value;
}
