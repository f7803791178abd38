import { assertActsAs, assertMayUpdateProduct, canonicalJson, isValidGtin, parseProduct, toGtin14, TraceError } from '@crossborder-trace/domain';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { TraceLedger } from '../ledger/trace-ledger';
import { callerOf, roleOf } from './caller';

/** Products at class level (GTIN), registered and kept up to date by their brand owner, a manufacturer. */
export class ProductContract extends Contract {
  constructor() {
    super('product');
  }

  /** productJson: { gtin, name, category, origin, standards, expectedSteps, limits }. Answers the stored product. */
  @Transaction()
  @Returns('string')
  public async register(ctx: Context, productJson: string): Promise<string> {
    const caller = callerOf(ctx);
    const role = roleOf(caller);
    const ledger = new TraceLedger(ctx.stub);
    assertActsAs(await ledger.enterprise(caller.mspId), caller.mspId, role);
    if (role !== 'manufacturer') throw new TraceError('ROLE_NOT_AUTHORISED', 'only a manufacturer registers products, as their brand owner');
    const product = parseProduct(productJson, caller.mspId);
    assertMayUpdateProduct(await ledger.product(product.gtin), caller.mspId);
    await ledger.putProduct(product);
    return canonicalJson(product);
  }

  @Transaction(false)
  @Returns('string')
  public async get(ctx: Context, gtin: string): Promise<string> {
    if (!isValidGtin(gtin)) throw new TraceError('INVALID_PRODUCT', `'${gtin}' is not a GTIN with a correct check digit`);
    const product = await new TraceLedger(ctx.stub).product(toGtin14(gtin));
    if (!product) throw new TraceError('NOT_FOUND', `no product ${toGtin14(gtin)}`);
    return canonicalJson(product);
  }
}
