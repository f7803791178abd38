export type { GatewayDeps, GatewayEndorser, GatewayOrderer } from './deps';
export { gatewayHandlers } from './handlers';
