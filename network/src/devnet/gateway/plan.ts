import type { gateway, peer } from '@hyperledger/fabric-protos';
import type { EndorsementOutcome } from './endorser-call';
import type { EndorserTarget } from './endorsers';
import { errorDetail } from './rpc-error';

/** The endorsements of a satisfied layout, all over the same proposal response payload. */
export interface CollectedEndorsements {
  readonly responsePayload: Uint8Array;
  readonly endorsements: readonly peer.Endorsement[];
}

/**
 * Fabric's gateway endorsement plan, for one peer per org: layouts (sets of orgs) are tried in order; each
 * attempt asks the orgs of the layout not yet heard from, in parallel. An org that fails, or whose response
 * payload differs from the first one received, rules out every layout containing it; endorsements already
 * collected count for later layouts. Layouts with the preferred org (the one that endorsed first) go first.
 */
export class EndorsementPlan {
  readonly #layouts: readonly (readonly string[])[];
  readonly #targets: ReadonlyMap<string, EndorserTarget>;
  /** Successful endorsements by org, in the order they arrived. */
  readonly #endorsed = new Map<string, peer.Endorsement | undefined>();
  readonly #failed = new Set<string>();
  readonly #errorDetails: gateway.ErrorDetail[] = [];
  #responsePayload: Uint8Array | undefined;

  constructor(layouts: readonly (readonly string[])[], targets: ReadonlyMap<string, EndorserTarget>, preferredMspId?: string) {
    const preferred = layouts.filter((layout) => preferredMspId !== undefined && layout.includes(preferredMspId));
    this.#layouts = [...preferred, ...layouts.filter((layout) => !preferred.includes(layout))];
    this.#targets = targets;
  }

  /** One ErrorDetail per failed or mismatching endorser, in the order they were found. */
  get errorDetails(): readonly gateway.ErrorDetail[] {
    return this.#errorDetails;
  }

  /** Records an endorser's outcome; false when it cannot count (failure or payload mismatch). */
  record(target: EndorserTarget, outcome: EndorsementOutcome): boolean {
    if (!outcome.ok) return this.#fail(target, outcome.message);
    const payload = outcome.response.getPayload_asU8();
    if (this.#responsePayload === undefined) {
      this.#responsePayload = payload;
    } else if (!Buffer.from(this.#responsePayload).equals(Buffer.from(payload))) {
      return this.#fail(target, 'ProposalResponsePayloads do not match');
    }
    this.#endorsed.set(target.mspId, outcome.response.getEndorsement());
    return true;
  }

  /** Works through the layouts until one is satisfied; undefined when none can be. */
  async collect(endorse: (target: EndorserTarget) => Promise<EndorsementOutcome>): Promise<CollectedEndorsements | undefined> {
    for (const layout of this.#layouts) {
      if (layout.some((mspId) => this.#failed.has(mspId))) continue;
      const missing = layout.filter((mspId) => !this.#endorsed.has(mspId));
      await Promise.all(
        missing.map(async (mspId) => {
          const target = this.#targets.get(mspId)!;
          this.record(target, await endorse(target));
        }),
      );
      if (layout.every((mspId) => this.#endorsed.has(mspId))) return this.#completed(layout);
    }
    return undefined;
  }

  #completed(layout: readonly string[]): CollectedEndorsements {
    const endorsements: peer.Endorsement[] = [];
    for (const [mspId, endorsement] of this.#endorsed) {
      // As Fabric's uniqueEndorsements: responses without an endorsement are left out.
      if (endorsement && layout.includes(mspId)) endorsements.push(endorsement);
    }
    return { responsePayload: this.#responsePayload!, endorsements };
  }

  #fail(target: EndorserTarget, message: string): false {
    this.#errorDetails.push(errorDetail(target.address, target.mspId, message));
    this.#failed.add(target.mspId);
    return false;
  }
}
