// The gateway package's public face: start one org's gateway (the CLI, tests and the benchmark do).
export { gatewayOptionsSchema, loadGatewayOptions, type GatewayOptions, type GatewayOptionsInput, type GatewayUser } from './config/options';
export { rebuildReadModel, startGateway, type GatewayDeps, type RunningGateway } from './gateway';
export { ALERT_RULES, MIN_BORDER_CROSSING_MS, SILENCE_DEADLINE_MS } from './services/alert-rules';
export { AlertStore, type Alert } from './store/alerts';
export { ReadModelStore } from './store/read-model';
export { PublicReadModelStore } from './store/public-read-model';
export { ApiKeyStore } from './store/api-keys';
export { openDatabase } from './store/database';
export { FabricGatewayPort } from './fabric/fabric-gateway-port';
export { LedgerUnavailable } from './fabric/errors';
export type { BlockFeed, ChaincodeCall, CommitOutcome, EndorsedTransaction, LedgerPort } from './fabric/port';
export { CreditFactStore, type CreditHeights } from './store/credit-facts';
export { CreditReports, CREDIT_REPORT_LABEL, type CreditReport } from './services/credit-reports';
