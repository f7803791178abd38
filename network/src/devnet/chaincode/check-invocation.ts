import type { ChaincodeDefinition } from '../lifecycle/api';
import { ChaincodeError, type ChaincodeInvocation } from './api';
import { MessageTypes, type MessageType } from './messages';

/**
 * Fabric's reserved key in a chaincode's namespace recording which version ran Init
 * ("\x00" + string(utf8.MaxRune) + "initialized").
 */
export const INITIALIZED_KEY = '\u0000\u{10FFFF}initialized';

/**
 * Fabric's CheckInvocation "init exactly once": for a definition with initRequired, the first invocation of each
 * version must set is_init (it runs as INIT and records the version), and only that one. Resolves with the
 * message type to send.
 */
export async function checkInvocation(definition: ChaincodeDefinition, invocation: ChaincodeInvocation): Promise<MessageType> {
  const { chaincodeName, simulator } = invocation;
  let needsInitialization = false;
  if (definition.initRequired) {
    let initialized: Uint8Array | undefined;
    try {
      initialized = await simulator.getState(chaincodeName, INITIALIZED_KEY);
    } catch (err) {
      throw new ChaincodeError(`could not get 'initialized' key: ${(err as Error).message}`);
    }
    needsInitialization = Buffer.from(initialized ?? []).toString() !== definition.version;
  }
  if (!invocation.input.getIsInit()) {
    if (needsInitialization) throw new ChaincodeError(`chaincode '${chaincodeName}' has not been initialized for this version, must call as init first`);
    return MessageTypes.TRANSACTION;
  }
  if (!definition.initRequired) throw new ChaincodeError(`chaincode '${chaincodeName}' does not require initialization but called as init`);
  if (!needsInitialization) throw new ChaincodeError(`chaincode '${chaincodeName}' is already initialized but called as init`);
  try {
    simulator.setState(chaincodeName, INITIALIZED_KEY, Buffer.from(definition.version));
  } catch (err) {
    throw new ChaincodeError(`could not set 'initialized' key: ${(err as Error).message}`);
  }
  return MessageTypes.INIT;
}
