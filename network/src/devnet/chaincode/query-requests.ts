import { randomUUID } from 'node:crypto';
import { ledger, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import type { KeyModification, KV } from '../ledger/api';
import { ChaincodeError } from './api';
import { checkNotInit, checkReadPermission } from './collection-acl';
import { QueryIteration, TOTAL_QUERY_LIMIT } from './query-iteration';
import type { OpenQuery, TransactionContext } from './transaction-context';

// Multi-key requests: the peer keeps the iterator (named by a fresh id) and answers in batches; the chaincode
// pulls further batches with QUERY_STATE_NEXT and may stop early with QUERY_STATE_CLOSE.

export async function handleGetStateByRange(message: peer.ChaincodeMessage, context: TransactionContext): Promise<Uint8Array> {
  const request = peer.GetStateByRange.deserializeBinary(message.getPayload_asU8());
  const metadata = queryMetadataOf(request.getMetadata_asU8());
  const limit = totalReturnLimit(metadata);
  const { simulator, namespace } = context;
  const collection = request.getCollection();
  const id = randomUUID();
  if (collection) {
    checkNotInit(context);
    checkReadPermission(context, collection);
    const iterator = await simulator.getPrivateDataRange(namespace, collection, request.getStartkey(), request.getEndkey());
    return firstResponse(context, new QueryIteration(id, iterator, encodeKV, limit));
  }
  if (metadata && isPaginated(metadata)) {
    // A bookmark is where the previous page stopped: the next page starts there.
    const startKey = metadata.getBookmark() || request.getStartkey();
    const iterator = await simulator.getStateRangeWithPagination(namespace, startKey, request.getEndkey(), metadata.getPagesize());
    const pagination = { bookmark: (lookahead: KV | undefined) => lookahead?.key ?? iterator.bookmark() };
    return firstResponse(context, new QueryIteration(id, iterator, encodeKV, limit, pagination));
  }
  const iterator = await simulator.getStateRange(namespace, request.getStartkey(), request.getEndkey());
  return firstResponse(context, new QueryIteration(id, iterator, encodeKV, limit));
}

/** GET_QUERY_RESULT: rich queries need CouchDB; the devnet's state database is LevelDB, which refuses them. */
export async function handleGetQueryResult(message: peer.ChaincodeMessage, context: TransactionContext): Promise<Uint8Array> {
  const request = peer.GetQueryResult.deserializeBinary(message.getPayload_asU8());
  const metadata = queryMetadataOf(request.getMetadata_asU8());
  const collection = request.getCollection();
  if (collection) {
    checkNotInit(context);
    checkReadPermission(context, collection);
    throw new ChaincodeError('ExecuteQuery not supported for leveldb');
  }
  if (metadata && isPaginated(metadata)) throw new ChaincodeError('ExecuteQueryWithMetadata not supported for leveldb');
  throw new ChaincodeError('ExecuteQuery not supported for leveldb');
}

/** GET_HISTORY_FOR_KEY: ledger.queryresult.KeyModification results, newest first as the history store gives them. */
export async function handleGetHistoryForKey(message: peer.ChaincodeMessage, context: TransactionContext): Promise<Uint8Array> {
  const request = peer.GetHistoryForKey.deserializeBinary(message.getPayload_asU8());
  const iterator = await context.simulator.getHistoryForKey(context.namespace, request.getKey());
  return firstResponse(context, new QueryIteration(randomUUID(), iterator, encodeKeyModification, TOTAL_QUERY_LIMIT));
}

export async function handleQueryStateNext(message: peer.ChaincodeMessage, context: TransactionContext): Promise<Uint8Array> {
  const request = peer.QueryStateNext.deserializeBinary(message.getPayload_asU8());
  const query = context.query(request.getId());
  if (!query) throw new ChaincodeError('query iterator not found');
  return nextResponse(context, query);
}

/** QUERY_STATE_CLOSE: answered even when the peer already closed the iterator (it does at the last batch). */
export async function handleQueryStateClose(message: peer.ChaincodeMessage, context: TransactionContext): Promise<Uint8Array> {
  const id = peer.QueryStateClose.deserializeBinary(message.getPayload_asU8()).getId();
  await context.removeQuery(id);
  const response = new peer.QueryResponse();
  response.setHasMore(false);
  response.setId(id);
  return response.serializeBinary();
}

function firstResponse(context: TransactionContext, query: OpenQuery): Promise<Uint8Array> {
  context.addQuery(query);
  return nextResponse(context, query);
}

async function nextResponse(context: TransactionContext, query: OpenQuery): Promise<Uint8Array> {
  try {
    const { response, done } = await query.nextResponse();
    if (done) await context.removeQuery(query.id);
    return response.serializeBinary();
  } catch (err) {
    await context.removeQuery(query.id);
    throw err;
  }
}

/** Protobuf leaves an unset bytes field empty where Fabric (Go) sees nil: empty metadata means none. */
function queryMetadataOf(bytes: Uint8Array): peer.QueryMetadata | undefined {
  return bytes.length > 0 ? peer.QueryMetadata.deserializeBinary(bytes) : undefined;
}

function isPaginated(metadata: peer.QueryMetadata): boolean {
  return metadata.getPagesize() !== 0 || metadata.getBookmark() !== '';
}

/** Fabric's calculateTotalReturnLimit: a page size below the total query limit caps the query. */
function totalReturnLimit(metadata: peer.QueryMetadata | undefined): number {
  const pageSize = metadata?.getPagesize() ?? 0;
  return pageSize > 0 && pageSize < TOTAL_QUERY_LIMIT ? pageSize : TOTAL_QUERY_LIMIT;
}

function encodeKV(kv: KV): Uint8Array {
  const result = new ledger.queryresult.KV();
  result.setNamespace(kv.namespace);
  result.setKey(kv.key);
  result.setValue(kv.value);
  return result.serializeBinary();
}

function encodeKeyModification(modification: KeyModification): Uint8Array {
  const timestamp = new Timestamp();
  timestamp.setSeconds(modification.timestamp.seconds);
  timestamp.setNanos(modification.timestamp.nanos);
  const result = new ledger.queryresult.KeyModification();
  result.setTxId(modification.txId);
  result.setValue(modification.value);
  result.setTimestamp(timestamp);
  result.setIsDelete(modification.isDelete);
  return result.serializeBinary();
}
