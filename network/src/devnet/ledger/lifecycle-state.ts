import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeRegistry } from '../lifecycle/api';
import { encodeVersionedValue } from './encoding';
import { stateKeys } from './keys';
import type { BatchOp, KeyValueDB } from './kv-db';

/** The namespace where Fabric's _lifecycle keeps committed chaincode definitions in public state. */
export const LIFECYCLE_NAMESPACE = '_lifecycle';

/** Fabric's serializer key of a definition's Sequence field: what every invocation reads (ChaincodeEndorsementInfo). */
export function sequenceKey(chaincodeName: string): string {
  return `namespaces/fields/${chaincodeName}/Sequence`;
}

/** When each definition was recorded: kept beside the ledger, so a state rebuilt from the blocks gets it back. */
type DefinedAt = Record<string, { readonly sequence: number; readonly blockNum: number }>;

/**
 * Writes each chaincode definition's Sequence where Fabric's _lifecycle commit would have, so that simulations read
 * it and MVCC checks those reads. The devnet defines chaincodes at start rather than in a transaction: a definition
 * new or changed since the last start is recorded at the newest block, so transactions endorsed under the previous
 * definition fail MVCC as they would on Fabric. The value is _lifecycle's StateData encoding of the sequence.
 */
export async function syncLifecycleState(state: KeyValueDB, recordFile: string, registry: ChaincodeRegistry, channel: string, height: number): Promise<void> {
  const recorded = readRecord(recordFile);
  const ops: BatchOp[] = [];
  for (const definition of registry.list(channel)) {
    const previous = recorded[definition.name];
    const blockNum = previous?.sequence === definition.sequence ? previous.blockNum : Math.max(height - 1, 0);
    recorded[definition.name] = { sequence: definition.sequence, blockNum };
    const data = new peer.lifecycle.StateData();
    data.setInt64(definition.sequence);
    const entry = encodeVersionedValue({ value: data.serializeBinary(), version: { blockNum, txNum: 0 } });
    const key = stateKeys.public(LIFECYCLE_NAMESPACE, sequenceKey(definition.name));
    const stored = await state.get(key);
    if (!stored || !Buffer.from(stored).equals(entry)) ops.push({ type: 'put', key, value: entry });
  }
  writeFileSync(`${recordFile}.tmp`, JSON.stringify(recorded, null, 2));
  renameSync(`${recordFile}.tmp`, recordFile);
  if (ops.length > 0) await state.write(ops, true);
}

function readRecord(file: string): DefinedAt {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DefinedAt) : {};
}
