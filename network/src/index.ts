// The network package's public face for other workspaces (tests, benchmarks, the gateway app).
export * from './description';
export type { ConnectionInfo, OrgConnection, IdentityPaths } from './devnet/connection-info';
export { connectGateway, type GatewayConnection } from './client/connect';
export { startDevnet, type DevnetArguments, type DevnetProcess } from './client/devnet-process';
export { dataLayout } from './devnet/layout';
