// Submitting and waiting the way the suites need it: the status is returned, not thrown, so a test can assert on
// invalid outcomes too, and the signed commit-status request is kept so the status can be asked again later.
import type { Contract, ProposalOptions, Status } from '@hyperledger/fabric-gateway';

export interface Committed {
  readonly txId: string;
  readonly result: Uint8Array;
  readonly status: Status;
  /** For gateway.newCommit(bytes).getStatus() after a restart, from a fresh connection of the same user. */
  readonly commitRequest: Uint8Array;
}

export async function submitAndWait(contract: Contract, name: string, options: ProposalOptions = {}): Promise<Committed> {
  const submitted = await contract.submitAsync(name, options);
  const status = await submitted.getStatus();
  return { txId: submitted.getTransactionId(), result: submitted.getResult(), status, commitRequest: submitted.getBytes() };
}

/** Re-reads a value until it is accepted or time runs out, then returns the last value for the test to assert on:
 * other orgs' peers commit a block a little after the submitting org's peer on real Fabric. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The error a call rejects with; fails the test when the call succeeds instead. */
export async function rejectionOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}
