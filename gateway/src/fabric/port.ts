/**
 * The gateway's one seam to Fabric: what the services need of a ledger, in their words. The implementation over
 * @hyperledger/fabric-gateway is fabric-gateway-port.ts, the only module that imports it.
 */
export interface LedgerPort extends BlockSource {
  /** Runs a query on the org's peer as the user; answers the chaincode's bytes. */
  evaluate(user: string, call: ChaincodeCall): Promise<Uint8Array>;
  /**
   * Endorses the call as the user and answers the signed transaction, not yet sent: the caller keeps its bytes
   * and id before it submits, so that a restart can find or resend it.
   */
  endorse(user: string, call: ChaincodeCall): Promise<EndorsedTransaction>;
  /** Sends an endorsed transaction (again, if need be: a transaction id commits at most once) and waits for its commit. */
  submit(user: string, transaction: Uint8Array, waitMs: number): Promise<CommitOutcome>;
  /** The commit of a transaction by id, if the ledger has it. */
  committed(user: string, txId: string): Promise<CommitOutcome | undefined>;
  /** Whether the org's peer answers. */
  ready(): Promise<boolean>;
  close(): void;
}

export interface ChaincodeCall {
  readonly contract: string;
  readonly transaction: string;
  readonly args?: readonly string[];
  /** Private inputs: they reach the endorsing peers only, never a block. */
  readonly transient?: Readonly<Record<string, Uint8Array>>;
}

export interface EndorsedTransaction {
  readonly txId: string;
  /** The serialized, signed transaction: enough to submit it later, from another process even. */
  readonly bytes: Uint8Array;
  /** What the chaincode answered at endorsement. */
  readonly result: Uint8Array;
}

export interface CommitOutcome {
  readonly txId: string;
  readonly valid: boolean;
  /** Fabric's TxValidationCode name: VALID, MVCC_READ_CONFLICT, ENDORSEMENT_POLICY_FAILURE... */
  readonly code: string;
  readonly blockNumber?: bigint;
}

/**
 * The channel's committed blocks, in order, from a block number on: each with its transactions' writes to the
 * chaincode's namespace and, where the org is a member of a collection, their private writes.
 */
export interface BlockSource {
  blocks(fromBlock: bigint): BlockFeed;
  /** How many blocks the org's peer has committed: the next block's number. */
  height(): Promise<bigint>;
}

/** A feed of blocks that ends (its iteration throws) when closed or when the peer goes away. */
export interface BlockFeed extends AsyncIterable<CommittedBlock> {
  close(): void;
}

export interface CommittedBlock {
  readonly number: bigint;
  /** Endorser transactions in block order; config transactions are left out. */
  readonly transactions: readonly CommittedTransaction[];
}

export interface CommittedTransaction {
  readonly txId: string;
  /** Its position in the block. */
  readonly index: number;
  readonly valid: boolean;
  /** Fabric's TxValidationCode name. */
  readonly code: string;
  /** The transaction's timestamp (the submitting client's clock), ISO 8601 UTC. */
  readonly timestamp: string;
  readonly creatorMspId: string;
  /** Writes to the chaincode's namespace: public ones, then private ones the org received. */
  readonly writes: readonly KeyWrite[];
  /** The collections it wrote to (their hashes are in the block), whether or not the org received the data. */
  readonly privateCollections: readonly string[];
}

export interface KeyWrite {
  /** The private data collection; absent for channel state. */
  readonly collection?: string;
  readonly key: string;
  /** Absent for a delete. */
  readonly value?: Uint8Array;
}
