import { assertGtinBrandOwner, assertMayUpdateProduct, canonicalJson, isValidGtin, parseProduct, toGtin14, TraceError } from '@crossborder-trace/domain';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { TraceLedger } from '../ledger/trace-ledger';
import { activeActorOf } from './caller';

/** Products at class level (GTIN), registered and kept up to date by their brand owner, a manufacturer. */
export class ProductContract extends Contract {
  constructor() {
    super('product');
  }

  /**
   * productJson: { gtin, name, category, origin, standards, expectedSteps, limits }, a GTIN under one of the
   * caller's company prefixes in the charter. Answers the stored product.
   */
  @Transaction()
  @Returns('string')
  public async register(ctx: Context, productJson: string): Promise<string> {
    const ledger = new TraceLedger(ctx.stub);
    const actor = await activeActorOf(ctx, ledger);
    if (actor.role !== 'manufacturer') throw new TraceError('ROLE_NOT_AUTHORISED', 'only a manufacturer registers products, as their brand owner');
    const product = parseProduct(productJson, actor.mspId);
    assertGtinBrandOwner(actor.charter, product.gtin, actor.mspId);
    assertMayUpdateProduct(await ledger.product(product.gtin), actor.mspId);
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
