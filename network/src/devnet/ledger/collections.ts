import type { ChaincodeRegistry } from '../lifecycle/api';
import { CollConfigNotDefinedError, InvalidCollNameError } from './errors';

/** Fabric's implicitcollection.NameForOrg prefix: every channel org has one per chaincode, member only itself. */
const IMPLICIT_COLLECTION_PREFIX = '_implicit_org_';

/** What the ledger needs of a collection: who stores it, and how long. */
export interface CollectionStorage {
  /** Channel orgs whose peers store the collection. */
  readonly memberMspIds: readonly string[];
  /** 0 = forever. */
  readonly blockToLive: number;
}

/** The collections of a channel's chaincodes, explicit (from the registry) and implicit (per org). */
export class Collections {
  constructor(
    private readonly registry: ChaincodeRegistry,
    private readonly channel: string,
    private readonly channelMspIds: readonly string[],
  ) {}

  /** Fabric's collNameValidator: throws when the chaincode or collection is not defined. */
  validate(ns: string, coll: string): void {
    if (!this.registry.get(this.channel, ns)) throw new CollConfigNotDefinedError(ns);
    if (!this.get(ns, coll)) throw new InvalidCollNameError(ns, coll);
  }

  get(ns: string, coll: string): CollectionStorage | undefined {
    const definition = this.registry.get(this.channel, ns);
    if (!definition) return undefined;
    if (coll.startsWith(IMPLICIT_COLLECTION_PREFIX)) {
      const mspId = coll.slice(IMPLICIT_COLLECTION_PREFIX.length);
      return this.channelMspIds.includes(mspId) ? { memberMspIds: [mspId], blockToLive: 0 } : undefined;
    }
    const collection = definition.collections.get(coll);
    if (!collection) return undefined;
    return {
      memberMspIds: collection.memberMspIds.filter((id) => this.channelMspIds.includes(id)),
      blockToLive: collection.blockToLive,
    };
  }

  /** Fabric's pvtdatapolicy.ComputeExpiringBlock: data committed at block b is purged when b + btl + 1 commits. */
  expiringBlock(ns: string, coll: string, committingBlock: number): number | undefined {
    const btl = this.get(ns, coll)?.blockToLive ?? 0;
    return btl > 0 ? committingBlock + btl + 1 : undefined;
  }
}
