import { ChaincodeError } from './api';
import type { CollectionPermission, TransactionContext } from './transaction-context';

/** Fabric's implicitcollection prefix: "_implicit_org_<MSPID>" collections exist for every org, open to all. */
const IMPLICIT_COLLECTION_PREFIX = '_implicit_org_';

export function checkNotInit(context: TransactionContext): void {
  if (context.isInit) throw new ChaincodeError('private data APIs are not allowed in chaincode Init()');
}

export function checkReadPermission(context: TransactionContext, collection: string): void {
  if (!permission(context, collection).read) {
    throw new ChaincodeError(
      `tx creator does not have read access permission on privatedata in chaincodeName:${context.namespace} collectionName: ${collection}`,
    );
  }
}

export function checkWritePermission(context: TransactionContext, collection: string): void {
  if (!permission(context, collection).write) {
    throw new ChaincodeError(
      `tx creator does not have write access permission on privatedata in chaincodeName:${context.namespace} collectionName: ${collection}`,
    );
  }
}

/**
 * Fabric's RetrieveReadWritePermission: a collection without memberOnlyRead/memberOnlyWrite is open; otherwise the
 * proposal's creator must satisfy the collection's member policy, or is held to the memberOnly flags.
 */
function permission(context: TransactionContext, collection: string): CollectionPermission {
  const cached = context.collectionPermissions.get(collection);
  if (cached) return cached;
  let result: CollectionPermission;
  if (collection.startsWith(IMPLICIT_COLLECTION_PREFIX)) {
    // Fabric generates implicit collections without memberOnly flags; the ledger refuses unknown orgs.
    result = { read: true, write: true };
  } else {
    const definition = context.definition.collections.get(collection);
    if (!definition) throw new ChaincodeError(`collection ${context.channel}/${context.namespace}/${collection} could not be found`);
    const open = !definition.memberOnlyRead && !definition.memberOnlyWrite;
    result =
      open || definition.memberPolicy.evaluate([context.invocation.creator])
        ? { read: true, write: true }
        : { read: !definition.memberOnlyRead, write: !definition.memberOnlyWrite };
  }
  context.collectionPermissions.set(collection, result);
  return result;
}
