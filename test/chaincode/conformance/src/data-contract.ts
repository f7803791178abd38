// Single-key operations on channel state and on private data collections. It is the chaincode's default contract,
// so its transactions are called by bare name ("put", "get", "putPrivate").
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { bytes, parseStringArray, textOrNull } from './codec';

/** Private values arrive only in the transient map: arguments end up in the block for every channel member to read. */
const TRANSIENT_VALUE = 'value';

export class DataContract extends Contract {
  constructor() {
    super('data');
  }

  @Transaction()
  public async put(ctx: Context, key: string, value: string): Promise<void> {
    await ctx.stub.putState(key, bytes(value));
  }

  @Transaction(false)
  @Returns('string')
  public async get(ctx: Context, key: string): Promise<string> {
    return JSON.stringify({ key, value: textOrNull(await ctx.stub.getState(key)) });
  }

  @Transaction()
  public async del(ctx: Context, key: string): Promise<void> {
    await ctx.stub.deleteState(key);
  }

  /** Key-level endorsement: every listed org (any member of it) must endorse later writes to the key. */
  @Transaction()
  public async setKeyPolicy(ctx: Context, key: string, mspIdsJson: string): Promise<void> {
    const policy = new KeyEndorsementPolicy();
    policy.addOrgs('MEMBER', ...parseStringArray(mspIdsJson, 'mspIds'));
    await ctx.stub.setStateValidationParameter(key, policy.getPolicy());
  }

  @Transaction(false)
  @Returns('string')
  public async getKeyPolicy(ctx: Context, key: string): Promise<string> {
    // The shim yields undefined, not empty bytes, for a key without a validation parameter.
    const parameter: Uint8Array | undefined = await ctx.stub.getStateValidationParameter(key);
    const orgs = parameter === undefined || parameter.length === 0 ? [] : new KeyEndorsementPolicy(parameter).listOrgs().sort();
    return JSON.stringify({ key, orgs });
  }

  @Transaction()
  public async putPrivate(ctx: Context, collection: string, key: string): Promise<void> {
    const value = ctx.stub.getTransient().get(TRANSIENT_VALUE);
    if (value === undefined || value.length === 0) throw new Error(`transient field "${TRANSIENT_VALUE}" is required`);
    await ctx.stub.putPrivateData(collection, key, value);
  }

  @Transaction(false)
  @Returns('string')
  public async getPrivate(ctx: Context, collection: string, key: string): Promise<string> {
    return JSON.stringify({ collection, key, value: textOrNull(await ctx.stub.getPrivateData(collection, key)) });
  }

  /** Any channel member's peer holds the hash, so non-members can prove what a member shows them. */
  @Transaction(false)
  @Returns('string')
  public async getPrivateHash(ctx: Context, collection: string, key: string): Promise<string> {
    const hash = await ctx.stub.getPrivateDataHash(collection, key);
    return JSON.stringify({ collection, key, hash: hash.length === 0 ? null : Buffer.from(hash).toString('hex') });
  }

  @Transaction()
  public async delPrivate(ctx: Context, collection: string, key: string): Promise<void> {
    await ctx.stub.deletePrivateData(collection, key);
  }

  @Transaction()
  public async purgePrivate(ctx: Context, collection: string, key: string): Promise<void> {
    await ctx.stub.purgePrivateData(collection, key);
  }
}
