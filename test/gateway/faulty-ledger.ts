// A ledger port that wraps the org's real one (FabricGatewayPort on the suite's network) and fails on cue, as the
// network does when the org's peer is lost: the gateway is given it through GatewayDeps.ledger. Nothing is faked
// but the failure: every call that is let through is the real network's.
import { LedgerUnavailable, type BlockFeed, type ChaincodeCall, type CommitOutcome, type EndorsedTransaction, type LedgerPort } from '@crossborder-trace/gateway';

export class FaultyLedger implements LedgerPort {
  /** While true, every call but the block feed fails as an unreachable peer's does. */
  down = false;
  /** The next submit is sent and committed, then its answer is lost and the port goes down (the peer lost mid-call). */
  loseNextCommit = false;
  /** Calls refused while down, by method. */
  readonly refused = { endorse: 0, submit: 0, committed: 0, evaluate: 0 };
  /** Transactions the real port committed through submit, in order. */
  readonly submitted: string[] = [];
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;
  #heldWaiter: (() => void) | undefined;
  readonly #watchers: (() => boolean)[] = [];

  constructor(private readonly real: LedgerPort) {}

  /** Submits from now on keep their commit's answer until release(): the commit is there, its status is late. */
  holdCommits(): void {
    this.#held = new Promise((resolve) => {
      this.#release = resolve;
    });
  }

  /** Resolves once a submit has committed and is being held. */
  commitHeld(): Promise<void> {
    return new Promise((resolve) => {
      this.#heldWaiter = resolve;
    });
  }

  release(): void {
    this.#release?.();
    this.#held = undefined;
  }

  /** Resolves once the port has refused at least `n` calls of `method` in all. */
  refusals(method: keyof FaultyLedger['refused'], n: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.refused[method] < n) return false;
        resolve();
        return true;
      };
      if (!check()) this.#watchers.push(check);
    });
  }

  async evaluate(user: string, call: ChaincodeCall): Promise<Uint8Array> {
    this.#fail('evaluate');
    return this.real.evaluate(user, call);
  }

  async endorse(user: string, call: ChaincodeCall): Promise<EndorsedTransaction> {
    this.#fail('endorse');
    return this.real.endorse(user, call);
  }

  async submit(user: string, transaction: Uint8Array, waitMs: number): Promise<CommitOutcome> {
    this.#fail('submit');
    const held = this.#held;
    // A held commit is awaited for as long as the network takes, then kept back: it is late, never lost.
    const outcome = await this.real.submit(user, transaction, held ? Math.max(waitMs, 60_000) : waitMs);
    this.submitted.push(outcome.txId);
    if (this.loseNextCommit) {
      this.loseNextCommit = false;
      this.down = true;
      throw new LedgerUnavailable('the network did not answer (UNAVAILABLE)');
    }
    if (held) {
      this.#heldWaiter?.();
      await held;
    }
    return outcome;
  }

  async committed(user: string, txId: string): Promise<CommitOutcome | undefined> {
    this.#fail('committed');
    return this.real.committed(user, txId);
  }

  async ready(): Promise<boolean> {
    return !this.down && (await this.real.ready());
  }

  blocks(fromBlock: bigint): BlockFeed {
    return this.real.blocks(fromBlock);
  }

  height(): Promise<bigint> {
    return this.real.height();
  }

  close(): void {
    this.release();
    this.real.close();
  }

  #fail(method: keyof FaultyLedger['refused']): void {
    if (!this.down) return;
    this.refused[method] += 1;
    for (let i = this.#watchers.length - 1; i >= 0; i--) if (this.#watchers[i]()) this.#watchers.splice(i, 1);
    throw new LedgerUnavailable('the network did not answer (UNAVAILABLE)');
  }
}
