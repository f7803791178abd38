// Each org's REST gateway on a suite's network, as npm start runs them: its own users' identities, its own store.
import { ApiKeyStore, openDatabase, startGateway, gatewayOptionsSchema, type GatewayOptions, type RunningGateway } from '@crossborder-trace/gateway';
import pino from 'pino';
import { tempDir } from '../support/temp-dirs';
import type { TestNetwork } from '../support/test-network';

export interface OrgGateway {
  readonly org: string;
  readonly url: string;
  readonly options: GatewayOptions;
  /** A new API key for one of the org's users ('Admin' for its admin). */
  key(user: string): string;
  /** fetch against the gateway with the key, JSON in and out. */
  call(key: string | undefined, method: string, route: string, init?: { body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

/** The configuration npm start writes for an org, for this suite's network, on a free port. */
export function gatewayOptionsFor(network: TestNetwork, org: string, dataDir: string): GatewayOptions {
  const connection = network.org(org);
  return gatewayOptionsSchema.parse({
    org,
    mspId: connection.mspId,
    peer: connection.peer,
    users: [{ name: 'Admin', ...connection.admin }, ...connection.users.map(({ name, certPath, keyPath }) => ({ name, certPath, keyPath }))],
    port: 0,
    dataDir,
    commitWaitMs: 30_000,
  });
}

export async function startOrgGateway(
  network: TestNetwork,
  org: string,
  dataDir = tempDir(`gateway-${org}-`),
  overrides: Partial<Pick<GatewayOptions, 'rateLimitPerMinute' | 'commitWaitMs'>> = {},
): Promise<OrgGateway> {
  const options = { ...gatewayOptionsFor(network, org, dataDir), ...overrides };
  const running: RunningGateway = await startGateway(options, { log: pino({ level: process.env.GATEWAY_LOG ?? 'silent' }) });
  return orgGateway(org, running.url, options, () => running.close());
}

export function orgGateway(org: string, url: string, options: GatewayOptions, close: () => Promise<void>): OrgGateway {
  return {
    org,
    url,
    options,
    key(user) {
      const db = openDatabase(options.dataDir);
      try {
        return new ApiKeyStore(db).issue(user).key;
      } finally {
        db.close();
      }
    },
    call(key, method, route, init = {}) {
      const body = init.body === undefined ? undefined : typeof init.body === 'string' || init.body instanceof Uint8Array ? init.body : JSON.stringify(init.body);
      return fetch(`${url}${route}`, {
        method,
        headers: { ...(key && { authorization: `Bearer ${key}` }), ...(body !== undefined && { 'content-type': 'application/json' }), ...init.headers },
        body,
        signal: AbortSignal.timeout(60_000),
      });
    },
    close,
  };
}

