import type { ledger } from '@hyperledger/fabric-protos';
import type { ChaincodeRegistry } from '../lifecycle/api';
import { implicitCollectionMspId } from '../lifecycle/implicit-collections';
import type { Identity } from '../msp/api';

/**
 * Fabric's private data distributor (gossip/privdata/distributor.go computeDisseminationPlan), its refusal: before
 * endorsing, a peer must know at least requiredPeerCount other peers of the channel eligible for each collection
 * written, that is peers whose identity satisfies the collection's member policy. Each devnet org runs one peer and
 * every peer knows every other, as gossip would tell it. Returns Fabric's error, or undefined when the plan holds.
 */
export function disseminationRefusal(
  registry: ChaincodeRegistry,
  channel: string,
  privateRwset: ledger.rwset.TxPvtReadWriteSet,
  otherPeers: readonly Identity[],
): string | undefined {
  for (const ns of privateRwset.getNsPvtRwsetList()) {
    const namespace = ns.getNamespace();
    const definition = registry.get(channel, namespace);
    for (const collectionRwset of ns.getCollectionPvtRwsetList()) {
      const name = collectionRwset.getCollectionName();
      const collection = definition?.collections.get(name);
      // An implicit collection asks for peer.gossip.pvtData.implicitCollectionDisseminationPolicy: none by default.
      if (!collection || implicitCollectionMspId(name) !== undefined) continue;
      const eligible = otherPeers.filter((peerIdentity) => collection.memberPolicy.evaluate([peerIdentity])).length;
      if (eligible < collection.requiredPeerCount) {
        return (
          `could not build private data dissemination plan for chaincode ${namespace} and collection ${name}: ` +
          `required to disseminate to at least ${collection.requiredPeerCount} peers, but know of only ${eligible} eligible peers`
        );
      }
    }
  }
  return undefined;
}
