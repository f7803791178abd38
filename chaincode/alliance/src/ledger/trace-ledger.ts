import { canonicalJson, type Enterprise } from '@crossborder-trace/domain';
import type { ChaincodeStub } from 'fabric-shim';

/** Composite key object types: the key design every query rests on (LevelDB: no rich queries). */
const ENTERPRISE = 'enterprise';

/**
 * All ledger access of the alliance chaincode: key design, (de)serialisation in canonical JSON, which
 * collection holds what. Contracts and rules never touch the stub's state API themselves.
 */
export class TraceLedger {
  constructor(private readonly stub: ChaincodeStub) {}

  async enterprise(mspId: string): Promise<Enterprise | undefined> {
    return this.#readJson<Enterprise>(this.stub.createCompositeKey(ENTERPRISE, [mspId]));
  }

  async putEnterprise(enterprise: Enterprise): Promise<void> {
    await this.#writeJson(this.stub.createCompositeKey(ENTERPRISE, [enterprise.mspId]), enterprise);
  }

  async enterprises(): Promise<Enterprise[]> {
    const found: Enterprise[] = [];
    for await (const kv of this.stub.getStateByPartialCompositeKey(ENTERPRISE, [])) found.push(parse<Enterprise>(kv.value));
    return found;
  }

  async #readJson<T>(key: string): Promise<T | undefined> {
    const bytes = await this.stub.getState(key);
    return bytes.length === 0 ? undefined : parse<T>(bytes);
  }

  async #writeJson(key: string, value: unknown): Promise<void> {
    await this.stub.putState(key, Buffer.from(canonicalJson(value), 'utf8'));
  }
}

function parse<T>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}
