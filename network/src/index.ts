// The network package's public face for other workspaces (tests, benchmarks, the gateway app).
export * from './description';
export type { ConnectionInfo, OrgConnection, IdentityPaths } from './devnet/connection-info';
export { connectGateway, type GatewayConnection } from './client/connect';
export { DevnetProcess, type DevnetArguments, type Exit } from './client/devnet-process';
export { dataLayout } from './devnet/layout';
