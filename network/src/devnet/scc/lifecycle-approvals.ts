import { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeDefinition } from '../lifecycle/api';
import type { LifecycleSources } from './lifecycle';
import { LifecycleFailure } from './lifecycle-failure';

const lifecycle = peer.lifecycle;
/** The plugins Fabric's peer CLI approves with unless told otherwise. */
export const ENDORSEMENT_PLUGIN = 'escc';
export const VALIDATION_PLUGIN = 'vscc';
/** What Fabric's serializer reports for an org that approved nothing at a sequence: the type it looked for. */
const PARAMETERS_TYPE = 'ChaincodeParameters';

/** The setters every _lifecycle answer about a definition has, whatever its message type. */
interface DefinitionParameters {
  setSequence(value: number): unknown;
  setVersion(value: string): unknown;
  setEndorsementPlugin(value: string): unknown;
  setValidationPlugin(value: string): unknown;
  setValidationParameter(value: Uint8Array): unknown;
  setInitRequired(value: boolean): unknown;
  setCollections(value: peer.CollectionConfigPackage): unknown;
}

/** A definition's parameters, as Fabric's answers carry them: sequence, version, plugins, policy, collections. */
export function setDefinitionParameters(message: DefinitionParameters, definition: ChaincodeDefinition): void {
  message.setSequence(definition.sequence);
  message.setVersion(definition.version);
  message.setEndorsementPlugin(ENDORSEMENT_PLUGIN);
  message.setValidationPlugin(VALIDATION_PLUGIN);
  message.setValidationParameter(definition.endorsementPolicyProto.serializeBinary());
  message.setInitRequired(definition.initRequired ?? false);
  message.setCollections(collectionPackage(definition));
}

function localSource(definition: ChaincodeDefinition): peer.lifecycle.ChaincodeSource {
  const local = new lifecycle.ChaincodeSource.Local();
  local.setPackageId(definition.packageId);
  const source = new lifecycle.ChaincodeSource();
  source.setLocalPackage(local);
  return source;
}

/**
 * Fabric's QueryApprovedChaincodeDefinition for the peer's org. Each org approved exactly the definition the devnet
 * committed, with its own package: sequence 0 asks for the newest approval.
 */
export function queryApproved(sources: LifecycleSources, channel: string, name: string, sequence: number): Uint8Array {
  const definition = sources.registry.get(channel, name);
  const requested = sequence === 0 ? (definition?.sequence ?? 0) : sequence;
  if (!definition || requested !== definition.sequence) {
    throw new LifecycleFailure(`could not fetch approved chaincode definition (name: '${name}', sequence: '${requested}') on channel '${channel}'`);
  }
  const result = new lifecycle.QueryApprovedChaincodeDefinitionResult();
  setDefinitionParameters(result, definition);
  result.setSource(localSource(definition));
  return result.serializeBinary();
}

/** Fabric's QueryApprovedChaincodeDefinitions: every approval the peer's org holds on the channel. */
export function queryApprovedDefinitions(sources: LifecycleSources, channel: string): Uint8Array {
  const result = new lifecycle.QueryApprovedChaincodeDefinitionsResult();
  for (const definition of sources.registry.list(channel)) {
    const approved = new lifecycle.QueryApprovedChaincodeDefinitionsResult.ApprovedChaincodeDefinition();
    approved.setName(definition.name);
    setDefinitionParameters(approved, definition);
    approved.setSource(localSource(definition));
    result.addApprovedChaincodeDefinitions(approved);
  }
  return result.serializeBinary();
}

/**
 * Fabric's CheckCommitReadiness: only the next sequence may be checked, and on the devnet no org has approved
 * anything beyond what is committed, so each org answers false with Fabric's mismatch for a missing approval.
 */
export function checkCommitReadiness(sources: LifecycleSources, channel: string, args: peer.lifecycle.CheckCommitReadinessArgs): Uint8Array {
  const current = sources.registry.get(channel, args.getName())?.sequence ?? 0;
  if (args.getSequence() !== current + 1) {
    throw new LifecycleFailure(`requested sequence is ${args.getSequence()}, but new definition must be sequence ${current + 1}`);
  }
  const result = new lifecycle.CheckCommitReadinessResult();
  for (const mspId of sources.channelMembers(channel)) {
    result.getApprovalsMap().set(mspId, false);
    const mismatches = new lifecycle.CheckCommitReadinessResult.Mismatches();
    mismatches.setItemsList([PARAMETERS_TYPE]);
    result.getMismatchesMap().set(mspId, mismatches);
  }
  return result.serializeBinary();
}

/** The definition's collections as committed, in the order of its collections config. */
export function collectionPackage(definition: ChaincodeDefinition): peer.CollectionConfigPackage {
  const collections = new peer.CollectionConfigPackage();
  collections.setConfigList([...definition.collections.values()].map((c) => c.proto));
  return collections;
}
