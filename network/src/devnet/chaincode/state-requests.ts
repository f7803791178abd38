import { peer } from '@hyperledger/fabric-protos';
import type { StateMetadata } from '../ledger/api';
import { ChaincodeError } from './api';
import { checkNotInit, checkReadPermission, checkWritePermission } from './collection-acl';
import type { TransactionContext } from './transaction-context';

// Single-key requests, as Fabric's handler serves them. A non-empty collection field makes a request a private
// data request: refused in Init, checked against the collection's memberOnlyRead / memberOnlyWrite, then passed to
// the simulator, which decides what this org's peer holds. Channel capabilities (V1_3 key-level endorsement, V2_5
// purge) are not checked: devnet channels are created at V2_5.

const EMPTY = new Uint8Array(0);

/** GET_STATE: the value, or an empty payload when the key does not exist. */
export async function handleGetState(message: peer.ChaincodeMessage, context: TransactionContext): Promise<Uint8Array> {
  const request = peer.GetState.deserializeBinary(message.getPayload_asU8());
  const collection = request.getCollection();
  const { simulator, namespace } = context;
  if (!collection) return (await simulator.getState(namespace, request.getKey())) ?? EMPTY;
  checkNotInit(context);
  checkReadPermission(context, collection);
  return (await simulator.getPrivateData(namespace, collection, request.getKey())) ?? EMPTY;
}

/** GET_PRIVATE_DATA_HASH: open to every peer and creator (hashes are on every peer); no permission check. */
export async function handleGetPrivateDataHash(message: peer.ChaincodeMessage, context: TransactionContext): Promise<Uint8Array> {
  const request = peer.GetState.deserializeBinary(message.getPayload_asU8());
  checkNotInit(context);
  return (await context.simulator.getPrivateDataHash(context.namespace, request.getCollection(), request.getKey())) ?? EMPTY;
}

export async function handleGetStateMetadata(message: peer.ChaincodeMessage, context: TransactionContext): Promise<Uint8Array> {
  const request = peer.GetStateMetadata.deserializeBinary(message.getPayload_asU8());
  const collection = request.getCollection();
  let metadata: StateMetadata | undefined;
  if (collection) {
    checkNotInit(context);
    checkReadPermission(context, collection);
    metadata = await context.simulator.getPrivateDataMetadata(context.namespace, collection, request.getKey());
  } else {
    metadata = await context.simulator.getStateMetadata(context.namespace, request.getKey());
  }
  const result = new peer.StateMetadataResult();
  for (const [metakey, value] of metadata ?? []) {
    const entry = new peer.StateMetadata();
    entry.setMetakey(metakey);
    entry.setValue(value);
    result.addEntries(entry);
  }
  return result.serializeBinary();
}

export async function handlePutState(message: peer.ChaincodeMessage, context: TransactionContext): Promise<undefined> {
  const request = peer.PutState.deserializeBinary(message.getPayload_asU8());
  putState(context, request.getCollection(), request.getKey(), request.getValue_asU8());
  return undefined;
}

export async function handleDelState(message: peer.ChaincodeMessage, context: TransactionContext): Promise<undefined> {
  const request = peer.DelState.deserializeBinary(message.getPayload_asU8());
  delState(context, request.getCollection(), request.getKey());
  return undefined;
}

/** PUT_STATE_METADATA: the entry replaces the key's metadata (Fabric builds a one-entry map). */
export async function handlePutStateMetadata(message: peer.ChaincodeMessage, context: TransactionContext): Promise<undefined> {
  const request = peer.PutStateMetadata.deserializeBinary(message.getPayload_asU8());
  putStateMetadata(context, request.getCollection(), request.getKey(), request.getMetadata());
  return undefined;
}

/** PURGE_PRIVATE_DATA: fabric-shim sends PurgePrivateState, which Fabric reads as the wire-identical DelState. */
export async function handlePurgePrivateData(message: peer.ChaincodeMessage, context: TransactionContext): Promise<undefined> {
  const request = peer.DelState.deserializeBinary(message.getPayload_asU8());
  purgePrivateData(context, request.getCollection(), request.getKey());
  return undefined;
}

/**
 * WRITE_BATCH_STATE (Fabric 3.1): a chaincode told in READY that the peer takes write batches sends its writes
 * together; each record is applied in order, with the checks of its single-key request. The first that fails
 * fails the request.
 */
export async function handleWriteBatchState(message: peer.ChaincodeMessage, context: TransactionContext): Promise<undefined> {
  const batch = peer.WriteBatchState.deserializeBinary(message.getPayload_asU8());
  for (const record of batch.getRecList()) {
    const collection = record.getCollection();
    const key = record.getKey();
    switch (record.getType()) {
      case peer.WriteRecord.Type.PUT_STATE:
        putState(context, collection, key, record.getValue_asU8());
        break;
      case peer.WriteRecord.Type.DEL_STATE:
        delState(context, collection, key);
        break;
      case peer.WriteRecord.Type.PUT_STATE_METADATA:
        putStateMetadata(context, collection, key, record.getMetadata());
        break;
      case peer.WriteRecord.Type.PURGE_PRIVATE_DATA:
        purgePrivateData(context, collection, key);
        break;
      default:
        throw new ChaincodeError(`unknown operation type ${record.getType()}`);
    }
  }
  return undefined;
}

/**
 * GET_STATE_MULTIPLE (Fabric 3.1): the values of many keys, in their order, an empty value for a key that does not
 * exist. Public keys are read in one go; private ones one by one, each checked as GET_STATE checks it.
 */
export async function handleGetStateMultiple(message: peer.ChaincodeMessage, context: TransactionContext): Promise<Uint8Array> {
  const request = peer.GetStateMultiple.deserializeBinary(message.getPayload_asU8());
  const collection = request.getCollection();
  const keys = request.getKeysList();
  const { simulator, namespace } = context;
  let values: (Uint8Array | undefined)[];
  if (collection) {
    checkNotInit(context);
    checkReadPermission(context, collection);
    values = [];
    for (const key of keys) values.push(await simulator.getPrivateData(namespace, collection, key));
  } else if (simulator.getStateMultiple) {
    values = await simulator.getStateMultiple(namespace, keys);
  } else {
    values = [];
    for (const key of keys) values.push(await simulator.getState(namespace, key));
  }
  const result = new peer.GetStateMultipleResult();
  result.setValuesList(values.map((value) => value ?? EMPTY));
  return result.serializeBinary();
}

function putState(context: TransactionContext, collection: string, key: string, value: Uint8Array): void {
  if (!collection) {
    context.simulator.setState(context.namespace, key, value);
    return;
  }
  checkNotInit(context);
  checkWritePermission(context, collection);
  context.simulator.setPrivateData(context.namespace, collection, key, value);
}

function delState(context: TransactionContext, collection: string, key: string): void {
  if (!collection) {
    context.simulator.deleteState(context.namespace, key);
    return;
  }
  checkNotInit(context);
  checkWritePermission(context, collection);
  context.simulator.deletePrivateData(context.namespace, collection, key);
}

function putStateMetadata(context: TransactionContext, collection: string, key: string, entry: peer.StateMetadata | undefined): void {
  const metadata: StateMetadata = new Map([[entry?.getMetakey() ?? '', entry?.getValue_asU8() ?? EMPTY]]);
  if (!collection) {
    context.simulator.setStateMetadata(context.namespace, key, metadata);
    return;
  }
  checkNotInit(context);
  checkWritePermission(context, collection);
  context.simulator.setPrivateDataMetadata(context.namespace, collection, key, metadata);
}

function purgePrivateData(context: TransactionContext, collection: string, key: string): void {
  if (!collection) throw new ChaincodeError('only applicable for private data');
  checkNotInit(context);
  checkWritePermission(context, collection);
  context.simulator.purgePrivateData(context.namespace, collection, key);
}
