import { handleInvokeChaincode } from './invoke-chaincode';
import { MessageTypes } from './messages';
import {
  handleGetHistoryForKey,
  handleGetQueryResult,
  handleGetStateByRange,
  handleQueryStateClose,
  handleQueryStateNext,
} from './query-requests';
import type { RequestHandler } from './request-env';
import {
  handleDelState,
  handleGetPrivateDataHash,
  handleGetState,
  handleGetStateMetadata,
  handleGetStateMultiple,
  handlePurgePrivateData,
  handlePutState,
  handlePutStateMetadata,
  handleWriteBatchState,
} from './state-requests';

/**
 * The requests a chaincode may send while it runs a transaction (Fabric's handleMessageReadyState). GET_STATE_MULTIPLE
 * and WRITE_BATCH_STATE are Fabric 3.1's: a chaincode sends them when READY announces them (see RUNTIME_PARAMS);
 * fabric-shim 2.5.8 by itself never does.
 */
export const REQUEST_HANDLERS: ReadonlyMap<number, RequestHandler> = new Map<number, RequestHandler>([
  [MessageTypes.GET_STATE, handleGetState],
  [MessageTypes.PUT_STATE, handlePutState],
  [MessageTypes.WRITE_BATCH_STATE, handleWriteBatchState],
  [MessageTypes.GET_STATE_MULTIPLE, handleGetStateMultiple],
  [MessageTypes.DEL_STATE, handleDelState],
  [MessageTypes.GET_STATE_METADATA, handleGetStateMetadata],
  [MessageTypes.PUT_STATE_METADATA, handlePutStateMetadata],
  [MessageTypes.GET_PRIVATE_DATA_HASH, handleGetPrivateDataHash],
  [MessageTypes.PURGE_PRIVATE_DATA, handlePurgePrivateData],
  [MessageTypes.GET_STATE_BY_RANGE, handleGetStateByRange],
  [MessageTypes.GET_QUERY_RESULT, handleGetQueryResult],
  [MessageTypes.GET_HISTORY_FOR_KEY, handleGetHistoryForKey],
  [MessageTypes.QUERY_STATE_NEXT, handleQueryStateNext],
  [MessageTypes.QUERY_STATE_CLOSE, handleQueryStateClose],
  [MessageTypes.INVOKE_CHAINCODE, handleInvokeChaincode],
]);
