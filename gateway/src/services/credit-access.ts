import { readFileSync } from 'node:fs';
import { authorisationStanding, FINANCIER_CERTIFICATE, type CreditAuthorisation } from '@crossborder-trace/domain';
import type { GatewayUser } from '../config/options';
import { certificateAttributes } from '../fabric/certificate-attributes';
import { ChaincodeRefusal } from '../fabric/errors';
import type { LedgerPort } from '../fabric/port';
import { Problem } from '../http/problem';
import type { ReadModelStore } from '../store/read-model';

/**
 * Who may read which credit report. A firm's user reads its own enterprise's. The charter's regulator reads any.
 * A financier is no member: its users are certificates of the regulator's CA with role=financier and
 * financier=<id>, held by the regulator's gateway; they read an enterprise's report only while the enterprise's
 * authorisation of that financier is on the ledger, neither revoked nor expired, and reach no other route.
 */
export class CreditAccess {
  readonly #attributes = new Map<string, Readonly<Record<string, string>>>();

  constructor(
    private readonly ledger: LedgerPort,
    private readonly model: ReadModelStore,
    private readonly mspId: string,
    private users: readonly GatewayUser[],
  ) {}

  /** A configuration rewritten with new users (network user add while the gateway runs). */
  useUsers(users: readonly GatewayUser[]): void {
    this.users = users;
    this.#attributes.clear();
  }

  /** The financier the user acts for, if its certificate says role=financier (an empty id if it names none). */
  financierOf(user: string): string | undefined {
    const attrs = this.#attributesOf(user);
    return attrs.role === FINANCIER_CERTIFICATE.role ? (attrs[FINANCIER_CERTIFICATE.idAttribute] ?? '') : undefined;
  }

  /** @throws Problem 403 naming why the user may not read the enterprise's report */
  async assertMayRead(user: string, enterprise: string): Promise<void> {
    const financier = this.financierOf(user);
    const regulator = this.model.charter()?.regulator;
    if (financier === undefined) {
      if (enterprise === this.mspId || this.mspId === regulator) return;
      throw new Problem(403, 'CREDIT_REPORT_DENIED', "Another enterprise's credit report", `${this.mspId} reads its own report; the regulator, and financiers the enterprise authorised, read others'`);
    }
    if (this.mspId !== regulator || financier === '') {
      throw new Problem(403, 'FINANCIER_NOT_AUTHORISED', 'Not a financier the regulator supervises', 'financiers read reports through the regulator\'s gateway, with a certificate naming the financier');
    }
    const standing = authorisationStanding(await this.#authorisation(user, enterprise, financier), new Date().toISOString());
    if (!standing.granted) {
      throw new Problem(403, 'FINANCIER_NOT_AUTHORISED', `${enterprise} has not authorised ${financier} to read its report`, standing.detail, { authorisation: standing.reason });
    }
  }

  /** The authorisation as the ledger holds it now (the peer, not the read model: a revocation counts at once). */
  async #authorisation(user: string, enterprise: string, financier: string): Promise<CreditAuthorisation | undefined> {
    try {
      const bytes = await this.ledger.evaluate(user, { contract: 'credit', transaction: 'authorisation', args: [enterprise, financier] });
      return JSON.parse(Buffer.from(bytes).toString('utf8')) as CreditAuthorisation;
    } catch (err) {
      if (err instanceof ChaincodeRefusal && err.code === 'NOT_FOUND') return undefined;
      throw err;
    }
  }

  #attributesOf(user: string): Readonly<Record<string, string>> {
    let attrs = this.#attributes.get(user);
    if (!attrs) {
      const held = this.users.find((u) => u.name === user);
      attrs = held ? certificateAttributes(readFileSync(held.certPath, 'utf8')) : {};
      this.#attributes.set(user, attrs);
    }
    return attrs;
  }
}
