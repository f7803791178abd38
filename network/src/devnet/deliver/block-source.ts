import type { common } from '@hyperledger/fabric-protos';
import type { ChannelLedger } from '../ledger/api';

/** The wait for a block ended because the stream was cancelled or the call's deadline passed. */
export class WaitAbortedError extends Error {
  override readonly name = 'WaitAbortedError';
}

/** A block the ledger reports as committed could not be read back. */
export class BlockReadError extends Error {
  override readonly name = 'BlockReadError';
}

/**
 * Block number `number` of the ledger, waiting for it to be committed if needed (the blockstore iterator's
 * blocking Next in Fabric). The commit listener is registered before the height is checked, so a commit in
 * between cannot be missed, and it is removed as soon as the wait ends either way.
 */
export async function blockAt(ledger: ChannelLedger, number: number, signal: AbortSignal): Promise<common.Block> {
  if (number < ledger.height()) return readBlock(ledger, number);
  const committedBlock = await new Promise<common.Block | undefined>((resolve, reject) => {
    const finish = (): void => {
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      finish();
      reject(new WaitAbortedError('stopped waiting for block ' + number));
    };
    const unsubscribe = ledger.onCommit(({ block }) => {
      if (ledger.height() <= number) return;
      finish();
      // The block just committed is usually the one awaited: hand it over without reading it back.
      resolve(block.getHeader()?.getNumber() === number ? block : undefined);
    });
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort);
    if (ledger.height() > number) {
      finish();
      resolve(undefined);
    }
  });
  return committedBlock ?? readBlock(ledger, number);
}

async function readBlock(ledger: ChannelLedger, number: number): Promise<common.Block> {
  const block = await ledger.getBlock(number);
  if (!block) throw new BlockReadError(`block [${number}] of channel ${ledger.channel} could not be read`);
  return block;
}
