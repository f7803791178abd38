// The gateway package's public face: start one org's gateway (the CLI, tests and the benchmark do).
export { gatewayOptionsSchema, loadGatewayOptions, type GatewayOptions, type GatewayOptionsInput, type GatewayUser } from './config/options';
export { startGateway, type GatewayDeps, type RunningGateway } from './gateway';
export { ApiKeyStore } from './store/api-keys';
export { openDatabase } from './store/database';
