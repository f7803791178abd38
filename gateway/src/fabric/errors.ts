/** The chaincode refused the call: its stable code (TraceErrorCode) and message, as every endorser reported it. */
export class ChaincodeRefusal extends Error {
  override readonly name = 'ChaincodeRefusal';

  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

/** The peer or orderer could not be reached or did not answer in time: the call may be tried again later. */
export class LedgerUnavailable extends Error {
  override readonly name = 'LedgerUnavailable';
}

/** The caller named a user the gateway holds no identity for (a key issued before a user was removed). */
export class UnknownUser extends Error {
  override readonly name = 'UnknownUser';
}
