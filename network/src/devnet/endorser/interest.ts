import { common, type ledger, peer } from '@hyperledger/fabric-protos';
import type { PrivateReads, WritesetMetadata } from '../ledger/api';

const SYSTEM_NAMESPACES = new Set(['_lifecycle', 'cscc', 'qscc']);

/** The metadata entry holding a key's own endorsement policy (Fabric's MetaDataKeys_VALIDATION_PARAMETER). */
const VALIDATION_PARAMETER = 'VALIDATION_PARAMETER';

/** What the endorser knows of a simulation when it reports the chaincode interest. */
export interface InterestSources {
  readonly publicRwset: ledger.rwset.TxReadWriteSet;
  /** Collections whose private values were read, by namespace. */
  readonly privateReads?: PrivateReads;
  /** Committed metadata of every key written, by namespace and collection ('' for public state). */
  readonly writesetMetadata?: WritesetMetadata;
}

/** What one namespace asks of discovery. */
interface NamespaceNeeds {
  /** Whether the chaincode's own policy is required: undefined where nothing was written in the namespace. */
  chaincodePolicy?: boolean;
  /** Collections written without a key policy, or read. */
  readonly collections: Set<string>;
  /** The key-level (state-based) policies of the keys written, public or private. */
  readonly keyPolicies: common.SignaturePolicyEnvelope[];
}

/**
 * The chaincode interest a peer reports with its endorsement (Fabric endorser buildChaincodeInterest), one
 * ChaincodeCall per policy discovery has to meet:
 * - per namespace, a call without collections for the chaincode's policy, present where a public key without a
 *   key-level policy was written, or where the namespace was touched (read, private reads included, since their
 *   hashed reads are in the public rwset) without anything written in it; it carries the key-level policies of
 *   the keys written, and DisregardNamespacePolicy when only those are needed;
 * - per collection written without a key-level policy, or whose private values were read, a call naming that
 *   collection alone, with NoPrivateReads false only where it was read (only then must endorsers be members).
 * System chaincodes' namespaces carry no policy. Fabric lists calls in its maps' order, which Go randomises;
 * here namespaces come in rwset order, each with its call without collections first, then collections sorted.
 */
export function buildChaincodeInterest(sources: InterestSources): peer.ChaincodeInterest {
  const needs = new Map<string, NamespaceNeeds>();
  const needsOf = (ns: string): NamespaceNeeds => {
    let entry = needs.get(ns);
    if (!entry) needs.set(ns, (entry = { collections: new Set(), keyPolicies: [] }));
    return entry;
  };

  // Fabric's parseWritesetMetadata: a written key's committed key-level policy stands in for the chaincode's or
  // the collection's; a key without one needs that policy.
  for (const ns of [...(sources.writesetMetadata?.keys() ?? [])].sort()) {
    const entry = needsOf(ns);
    entry.chaincodePolicy = false;
    for (const [collection, keys] of sortedEntries(sources.writesetMetadata!.get(ns)!)) {
      // Only key policies are listed in key order: the keys without one, most of a large write set, need no sort.
      const parameters = new Map<string, Uint8Array>();
      for (const [key, metadata] of keys) {
        const parameter = metadata?.get(VALIDATION_PARAMETER);
        if (parameter !== undefined) {
          parameters.set(key, parameter);
        } else if (collection === '') {
          entry.chaincodePolicy = true;
        } else {
          entry.collections.add(collection);
        }
      }
      for (const [, parameter] of sortedEntries(parameters)) entry.keyPolicies.push(common.SignaturePolicyEnvelope.deserializeBinary(parameter));
    }
  }
  // A namespace in the public rwset with nothing written needs the chaincode's policy.
  const order = sources.publicRwset.getNsRwsetList().map((ns) => ns.getNamespace());
  for (const ns of order) {
    if (SYSTEM_NAMESPACES.has(ns)) continue;
    const entry = needsOf(ns);
    entry.chaincodePolicy ??= true;
  }
  for (const [ns, collections] of sources.privateReads ?? []) {
    for (const collection of collections) needsOf(ns).collections.add(collection);
  }

  const interest = new peer.ChaincodeInterest();
  const namespaces = [...order.filter((ns) => needs.has(ns)), ...[...needs.keys()].filter((ns) => !order.includes(ns)).sort()];
  for (const ns of namespaces) {
    if (SYSTEM_NAMESPACES.has(ns)) continue;
    const entry = needs.get(ns)!;
    if (entry.chaincodePolicy !== undefined && (entry.chaincodePolicy || entry.keyPolicies.length > 0)) {
      const call = new peer.ChaincodeCall();
      call.setName(ns);
      if (entry.keyPolicies.length > 0) {
        call.setKeyPoliciesList(entry.keyPolicies);
        call.setDisregardNamespacePolicy(!entry.chaincodePolicy);
      }
      interest.addChaincodes(call);
    }
    for (const collection of [...entry.collections].sort()) {
      const call = new peer.ChaincodeCall();
      call.setName(ns);
      call.setCollectionNamesList([collection]);
      call.setNoPrivateReads(!(sources.privateReads?.get(ns)?.has(collection) ?? false));
      interest.addChaincodes(call);
    }
  }
  return interest;
}

function sortedEntries<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
