import type { Policy } from '../policies/api';

/** Fabric's implicitcollection prefix: every channel org has a collection "_implicit_org_<MSPID>" per chaincode. */
export const IMPLICIT_COLLECTION_PREFIX = '_implicit_org_';

/** Fabric's implicitcollection.MspIDIfImplicitCollection: the org an implicit collection belongs to. */
export function implicitCollectionMspId(collection: string): string | undefined {
  return collection.startsWith(IMPLICIT_COLLECTION_PREFIX) ? collection.slice(IMPLICIT_COLLECTION_PREFIX.length) : undefined;
}

/** An org's implicit collection as Fabric's lifecycle generates it: nobody configures it. */
export interface ImplicitCollection {
  readonly mspId: string;
  /** Only the org's peers store it. */
  readonly memberMspIds: readonly string[];
  /**
   * What validation holds a write to it to (ImplicitCollectionEndorsementPolicyAsBytes): the org's
   * /Channel/Application/<Org>/Endorsement policy, or any member of the org when the channel has none.
   */
  readonly validationPolicy: Policy;
  /** What discovery plans with (the metadata provider's SignedByMspMember): any member of the org. */
  readonly discoveryPolicy: Policy;
}
