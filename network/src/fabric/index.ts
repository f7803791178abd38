// Real Fabric from official binaries (FABRIC_BIN): config generation, processes, channels and chaincode lifecycle.
export { FABRIC_INSTALL_HINT, FABRIC_EXECUTABLES, locateFabricBinaries, type FabricBinaries } from './binaries';
export { FabricNetworkError } from './errors';
export { fabricLayout } from './layout';
export { FabricNetwork, type FabricNetworkOptions } from './network';
export { FABRIC_MAIN, FabricSupervisorProcess, readPids, type FabricNetworkArguments } from './supervisor-process';
export { peerStates, processStates, type PeerState, type ProcessState } from './status';
