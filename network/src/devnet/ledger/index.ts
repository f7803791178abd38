export { openPeerLedger, type PeerLedgerOptions } from './kv-ledger';
export { CollConfigNotDefinedError, InvalidCollNameError, LedgerError, PvtdataNotAvailableError, SimulationError } from './errors';
