import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import type { GatewayOptions } from './config/options';
import { FabricGatewayPort } from './fabric/fabric-gateway-port';
import type { LedgerPort } from './fabric/port';
import { createApp } from './http/app';
import { AuditTrail } from './services/audit-trail';
import { CaptureService } from './services/capture';
import { Complaints } from './services/complaints';
import { CreditWrites } from './services/credit';
import { CreditAccess } from './services/credit-access';
import { alongside, CreditFacts } from './services/credit-facts';
import { CreditReports } from './services/credit-reports';
import { AlertDesk } from './services/alert-desk';
import { FigureService } from './services/figures';
import { JobRunner } from './services/job-runner';
import { LedgerReads } from './services/ledger-reads';
import { MasterData } from './services/master-data';
import { Recalls } from './services/recalls';
import { CustomsDocuments } from './services/customs';
import { Sales } from './services/sales';
import { ScreeningModule } from './services/screening';
import { TraceExporter } from './services/trace-export';
import { ReadModel } from './services/read-model';
import { ReadModelFollower } from './services/read-model-follower';
import { PublicItems } from './services/public-items';
import { PublicReadModel } from './services/public-read-model';
import { Writes } from './services/writes';
import { AlertStore } from './store/alerts';
import { CreditFactStore, type CreditHeights } from './store/credit-facts';
import { FigureStore } from './store/figures';
import { ApiKeyStore } from './store/api-keys';
import { openDatabase } from './store/database';
import { JobStore } from './store/jobs';
import { PublicReadModelStore } from './store/public-read-model';
import { ReadModelStore } from './store/read-model';
import { ScreeningStore } from './store/screening';

const VERSION = '0.1.0';

export interface RunningGateway {
  /** http://host:port of the listening server. */
  readonly url: string;
  /** Takes on the users of a rewritten configuration (a user added while the gateway runs). */
  useUsers(users: GatewayOptions['users']): void;
  close(): Promise<void>;
}

export interface GatewayDeps {
  readonly log?: Logger;
  /** Another ledger (tests use one that fails on cue); the org's peer through fabric-gateway otherwise. */
  readonly ledger?: LedgerPort;
  /** The same for the public channel. */
  readonly publicLedger?: LedgerPort;
  /** Empties the read models first, so that they are built again from block 0 (serve --rebuild-read-model). */
  readonly rebuildReadModel?: boolean;
}

/** Opens the store, resumes jobs left running, and serves the org's REST API. */
export async function startGateway(options: GatewayOptions, deps: GatewayDeps = {}): Promise<RunningGateway> {
  const log = deps.log ?? pino({ name: `gateway-${options.org}` });
  const db = openDatabase(options.dataDir);
  const fabric = deps.ledger ? undefined : new FabricGatewayPort(options);
  const ledger = deps.ledger ?? fabric!;
  const publicFabric = deps.publicLedger ? undefined : new FabricGatewayPort(publicChannelOptions(options));
  const publicLedger = deps.publicLedger ?? publicFabric!;
  const jobs = new JobStore(db);
  const runner = new JobRunner(ledger, jobs, log, { commitWaitMs: options.commitWaitMs, kinds: ['capture', 'write'] });
  const writes = new Writes(jobs, runner);
  // The public channel's writes (complaints) are jobs too, run against its own port.
  const publicRunner = new JobRunner(publicLedger, jobs, log, { commitWaitMs: options.commitWaitMs, kinds: ['public'] });
  const screeningStore = new ScreeningStore(db);
  const screening = new ScreeningModule(
    ledger,
    publicLedger,
    screeningStore,
    options.mspId,
    { user: options.screening.user ?? options.users[0].name, maxAttempts: options.screening.maxAttempts, commitWaitMs: options.commitWaitMs },
    log.child({ module: 'screening' }),
  );
  const capture = new CaptureService(writes);
  const sales = new Sales(capture, screeningStore, options.commitWaitMs);
  const reads = new LedgerReads(ledger);
  const readModelStore = new ReadModelStore(db);
  if (deps.rebuildReadModel) readModelStore.clear();
  const alerts = new AlertStore(db);
  const readModel = new ReadModel(readModelStore, alerts, options.mspId);
  // Credit facts ride on the read models' block feeds, each channel's with its own checkpoint.
  const creditStore = new CreditFactStore(db);
  if (deps.rebuildReadModel) creditStore.clear();
  const follower = new ReadModelFollower(ledger, alongside(readModel, new CreditFacts(creditStore, 'alliance')), log);
  // Every gateway keeps the public channel too: consumers' lookups are answered here, never by the peer.
  const publicStore = new PublicReadModelStore(db);
  if (deps.rebuildReadModel) publicStore.clear();
  const publicReadModel = new PublicReadModel(publicStore);
  const publicFollower = new ReadModelFollower(publicLedger, alongside(publicReadModel, new CreditFacts(creditStore, 'public')), log.child({ channel: options.public.channel }));
  const creditAccess = new CreditAccess(ledger, readModelStore, options.mspId, options.users);
  const app = createApp({
    org: options.org,
    mspId: options.mspId,
    version: VERSION,
    log,
    ledger,
    publicLedger,
    keys: new ApiKeyStore(db),
    jobs,
    capture,
    reads,
    masterData: new MasterData(writes, options.commitWaitMs),
    recalls: new Recalls(ledger, writes, options.commitWaitMs),
    audit: new AuditTrail(ledger, reads, writes, options.mspId, options.commitWaitMs),
    exporter: new TraceExporter(reads),
    alerts: new AlertDesk(alerts, readModel, readModelStore, options.mspId),
    readModel,
    publicItems: new PublicItems(publicStore),
    publicReadModel,
    figures: new FigureService(new FigureStore(db), readModelStore, options.mspId),
    screening,
    sales,
    complaints: new Complaints(publicLedger, new Writes(jobs, publicRunner), sales, options.commitWaitMs),
    credit: { reports: new CreditReports(creditStore), access: creditAccess, writes: new CreditWrites(writes, options.commitWaitMs) },
    customs: new CustomsDocuments(ledger, writes, options.commitWaitMs),
    rateLimitPerMinute: options.rateLimitPerMinute,
    commitWaitMs: options.commitWaitMs,
  });
  const server: Server = app.listen(options.port, options.host);
  await once(server, 'listening');
  runner.resume();
  publicRunner.resume();
  screening.start();
  follower.start();
  publicFollower.start();
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address}:${port}`;
  log.info({ url, org: options.org }, 'gateway listening');
  return {
    url,
    useUsers(users) {
      fabric?.useUsers(users);
      publicFabric?.useUsers(users);
      creditAccess.useUsers(users);
      log.info({ users: users.map((u) => u.name) }, 'users taken on from the configuration');
    },
    async close() {
      server.closeAllConnections();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // The ledger first: calls in flight then fail at once, and the runner's steps end with them.
      const screeningClosed = screening.close();
      await follower.close();
      await publicFollower.close();
      ledger.close();
      publicLedger.close();
      await runner.close();
      await publicRunner.close();
      await screeningClosed;
      await closed;
      db.close();
    },
  };
}

/**
 * Empties the org's read models, the alliance's and the public channel's, with the credit facts, and builds each
 * again from block 0 up to its channel's height as it is now, or up to and including the blocks `to` names (a
 * credit report's heights: the rebuilt facts then give that report again).
 */
export async function rebuildReadModel(
  options: GatewayOptions,
  log: Logger = pino({ name: `gateway-${options.org}`, level: 'warn' }),
  to?: CreditHeights,
): Promise<{ blocks: bigint; alerts: number; publicBlocks: bigint }> {
  const db = openDatabase(options.dataDir);
  const ledger = new FabricGatewayPort(options);
  const publicLedger = new FabricGatewayPort(publicChannelOptions(options));
  try {
    const store = new ReadModelStore(db);
    store.clear();
    const alerts = new AlertStore(db);
    const credit = new CreditFactStore(db);
    credit.clear();
    const upTo = (block: number | undefined) => (block === undefined ? undefined : BigInt(block) + 1n);
    const blocks = await new ReadModelFollower(ledger, alongside(new ReadModel(store, alerts, options.mspId), new CreditFacts(credit, 'alliance')), log).catchUp(upTo(to?.alliance));
    const publicStore = new PublicReadModelStore(db);
    publicStore.clear();
    const publicBlocks = await new ReadModelFollower(publicLedger, alongside(new PublicReadModel(publicStore), new CreditFacts(credit, 'public')), log).catchUp(upTo(to?.public));
    return { blocks, alerts: alerts.list({ limit: Number.MAX_SAFE_INTEGER }).length, publicBlocks };
  } finally {
    ledger.close();
    publicLedger.close();
    db.close();
  }
}

/** The options of the org's connection to the public channel: the same peer and users, the open chain's chaincode. */
export function publicChannelOptions(options: GatewayOptions): GatewayOptions {
  return { ...options, channel: options.public.channel, chaincode: options.public.chaincode };
}
