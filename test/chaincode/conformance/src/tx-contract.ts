// What a transaction knows about itself and its surroundings (identity, transient data, events, other chaincodes),
// and the transactions that provoke validation outcomes (MVCC conflicts, chaincode errors).
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { bytes, parseStringArray, sha256Hex, text, textOrNull } from './codec';

/** The error a failing transaction throws; the client must receive its message unchanged with status 500. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
}

export class TxContract extends Contract {
  constructor() {
    super('tx');
  }

  @Transaction(false)
  @Returns('string')
  public async whoAmI(ctx: Context): Promise<string> {
    const identity = ctx.clientIdentity;
    return JSON.stringify({
      mspId: identity.getMSPID(),
      id: identity.getID(),
      role: identity.getAttributeValue('role'),
      txId: ctx.stub.getTxID(),
      channel: ctx.stub.getChannelID(),
    });
  }

  /** Echoes hashes, not values: a submitted result lands in the block, where transient values must never appear. */
  @Transaction(false)
  @Returns('string')
  public async transient(ctx: Context): Promise<string> {
    const entries = Object.fromEntries([...ctx.stub.getTransient()].map(([name, value]) => [name, sha256Hex(value)]));
    return JSON.stringify({ entries });
  }

  @Transaction()
  public async emit(ctx: Context, name: string, payload: string): Promise<void> {
    ctx.stub.setEvent(name, bytes(payload));
  }

  /** Writes first, then fails: the write must vanish with the failed proposal. */
  @Transaction()
  public async fail(ctx: Context, key: string, message: string): Promise<void> {
    await ctx.stub.putState(key, bytes('written-before-failure'));
    throw new ConformanceFailure(message);
  }

  /** Fabric has no read-your-writes: the read sees committed state, not the write just made. */
  @Transaction()
  @Returns('string')
  public async writeThenRead(ctx: Context, key: string, value: string): Promise<string> {
    await ctx.stub.putState(key, bytes(value));
    return JSON.stringify({ read: textOrNull(await ctx.stub.getState(key)) });
  }

  /** Read then write one key: two of these endorsed on the same version conflict at validation (MVCC). */
  @Transaction()
  @Returns('string')
  public async update(ctx: Context, key: string, value: string): Promise<string> {
    const previous = textOrNull(await ctx.stub.getState(key));
    await ctx.stub.putState(key, bytes(value));
    return JSON.stringify({ previous });
  }

  /** channel '' means the caller's channel; another channel is read-only, its writes are discarded by the peer. */
  @Transaction()
  @Returns('string')
  public async invoke(ctx: Context, chaincode: string, channel: string, argsJson: string): Promise<string> {
    const response = await ctx.stub.invokeChaincode(chaincode, parseStringArray(argsJson, 'args'), channel);
    return JSON.stringify({
      status: response.status,
      message: response.message ?? '',
      payload: response.payload === undefined ? '' : text(response.payload),
    });
  }
}
