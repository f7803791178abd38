import type { common } from '@hyperledger/fabric-protos';

/** A common.Status value (google-protobuf enums are plain numbers). */
export type Status = common.StatusMap[keyof common.StatusMap];

/** A refused broadcast: the status and info the orderer answers with, as Fabric's broadcast handler does. */
export class BroadcastError extends Error {
  override readonly name = 'BroadcastError';

  constructor(
    readonly status: Status,
    message: string,
  ) {
    super(message);
  }
}

/** The message of anything thrown (google-protobuf throws Errors; a sink might reject with anything). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The sink rejected a block: the channel's delivery stops there. */
export class BlockDeliveryError extends Error {
  override readonly name = 'BlockDeliveryError';
}
