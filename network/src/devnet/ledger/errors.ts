/** The ledger cannot do what was asked: out-of-order block, corrupt store, closed ledger. */
export class LedgerError extends Error {
  override readonly name: string = 'LedgerError';
}

/**
 * A simulator call that Fabric's txmgr refuses (writes after a paginated or private-data query, use after
 * the results were taken). The message is Fabric's, so the chaincode sees the same error text.
 */
export class SimulationError extends Error {
  override readonly name: string = 'SimulationError';
}

/** Fabric's ledger.CollConfigNotDefinedError: the chaincode has no collection configuration. */
export class CollConfigNotDefinedError extends SimulationError {
  override readonly name = 'CollConfigNotDefinedError';

  constructor(readonly namespace: string) {
    super(
      `collection config not defined for chaincode [${namespace}], pass the collection configuration upon chaincode definition/instantiation`,
    );
  }
}

/** Fabric's ledger.InvalidCollNameError: the chaincode's collection configuration does not name this collection. */
export class InvalidCollNameError extends SimulationError {
  override readonly name = 'InvalidCollNameError';

  constructor(
    readonly namespace: string,
    readonly collection: string,
  ) {
    super(`collection [${collection}] not defined in the collection config for chaincode [${namespace}]`);
  }
}

/**
 * The hashed state has a version of the key that this peer's private state does not hold: the peer is not a
 * member of the collection, or it never received the private data (Fabric's query executor says the same).
 */
export class PvtdataNotAvailableError extends SimulationError {
  override readonly name = 'PvtdataNotAvailableError';
}
