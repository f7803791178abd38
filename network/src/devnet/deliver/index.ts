export { ordererDeliverHandler, type OrdererDeliverDeps } from './orderer-handler';
export { peerDeliverHandlers, type PeerDeliverDeps } from './peer-handlers';
