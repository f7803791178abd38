import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import type { GatewayOptions } from './config/options';
import { FabricGatewayPort } from './fabric/fabric-gateway-port';
import type { LedgerPort } from './fabric/port';
import { createApp } from './http/app';
import { CaptureService } from './services/capture';
import { JobRunner } from './services/job-runner';
import { LedgerReads } from './services/ledger-reads';
import { MasterData } from './services/master-data';
import { Writes } from './services/writes';
import { ApiKeyStore } from './store/api-keys';
import { openDatabase } from './store/database';
import { JobStore } from './store/jobs';

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
}

/** Opens the store, resumes jobs left running, and serves the org's REST API. */
export async function startGateway(options: GatewayOptions, deps: GatewayDeps = {}): Promise<RunningGateway> {
  const log = deps.log ?? pino({ name: `gateway-${options.org}` });
  const db = openDatabase(options.dataDir);
  const fabric = deps.ledger ? undefined : new FabricGatewayPort(options);
  const ledger = deps.ledger ?? fabric!;
  const jobs = new JobStore(db);
  const runner = new JobRunner(ledger, jobs, log, { commitWaitMs: options.commitWaitMs });
  const writes = new Writes(jobs, runner);
  const app = createApp({
    org: options.org,
    version: VERSION,
    log,
    ledger,
    keys: new ApiKeyStore(db),
    jobs,
    capture: new CaptureService(writes),
    reads: new LedgerReads(ledger),
    masterData: new MasterData(writes, options.commitWaitMs),
    rateLimitPerMinute: options.rateLimitPerMinute,
    commitWaitMs: options.commitWaitMs,
  });
  const server: Server = app.listen(options.port, options.host);
  await once(server, 'listening');
  runner.resume();
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address}:${port}`;
  log.info({ url, org: options.org }, 'gateway listening');
  return {
    url,
    useUsers(users) {
      fabric?.useUsers(users);
      log.info({ users: users.map((u) => u.name) }, 'users taken on from the configuration');
    },
    async close() {
      server.closeAllConnections();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // The ledger first: calls in flight then fail at once, and the runner's steps end with them.
      ledger.close();
      await runner.close();
      await closed;
      db.close();
    },
  };
}
