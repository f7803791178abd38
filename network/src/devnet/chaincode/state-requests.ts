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
  const collection = request.getCollection();
  if (!collection) {
    context.simulator.setState(context.namespace, request.getKey(), request.getValue_asU8());
    return undefined;
  }
  checkNotInit(context);
  checkWritePermission(context, collection);
  context.simulator.setPrivateData(context.namespace, collection, request.getKey(), request.getValue_asU8());
  return undefined;
}

export async function handleDelState(message: peer.ChaincodeMessage, context: TransactionContext): Promise<undefined> {
  const request = peer.DelState.deserializeBinary(message.getPayload_asU8());
  const collection = request.getCollection();
  if (!collection) {
    context.simulator.deleteState(context.namespace, request.getKey());
    return undefined;
  }
  checkNotInit(context);
  checkWritePermission(context, collection);
  context.simulator.deletePrivateData(context.namespace, collection, request.getKey());
  return undefined;
}

/** PUT_STATE_METADATA: the entry replaces the key's metadata (Fabric builds a one-entry map). */
export async function handlePutStateMetadata(message: peer.ChaincodeMessage, context: TransactionContext): Promise<undefined> {
  const request = peer.PutStateMetadata.deserializeBinary(message.getPayload_asU8());
  const entry = request.getMetadata();
  const metadata: StateMetadata = new Map([[entry?.getMetakey() ?? '', entry?.getValue_asU8() ?? EMPTY]]);
  const collection = request.getCollection();
  if (!collection) {
    context.simulator.setStateMetadata(context.namespace, request.getKey(), metadata);
    return undefined;
  }
  checkNotInit(context);
  checkWritePermission(context, collection);
  context.simulator.setPrivateDataMetadata(context.namespace, collection, request.getKey(), metadata);
  return undefined;
}

/** PURGE_PRIVATE_DATA: fabric-shim sends PurgePrivateState, which Fabric reads as the wire-identical DelState. */
export async function handlePurgePrivateData(message: peer.ChaincodeMessage, context: TransactionContext): Promise<undefined> {
  const request = peer.DelState.deserializeBinary(message.getPayload_asU8());
  const collection = request.getCollection();
  if (!collection) throw new ChaincodeError('only applicable for private data');
  checkNotInit(context);
  checkWritePermission(context, collection);
  context.simulator.purgePrivateData(context.namespace, collection, request.getKey());
  return undefined;
}
