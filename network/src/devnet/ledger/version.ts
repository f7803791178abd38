import type { Version } from './api';

/** Fabric's version.AreSame: both absent, or the same block and transaction number. */
export function sameVersion(a: Version | undefined, b: Version | undefined): boolean {
  if (!a || !b) return a === b;
  return a.blockNum === b.blockNum && a.txNum === b.txNum;
}

/** Orders heights as Fabric's Height.Compare does: by block, then by transaction. */
export function compareVersions(a: Version, b: Version): number {
  return a.blockNum !== b.blockNum ? a.blockNum - b.blockNum : a.txNum - b.txNum;
}

/** Fabric's Height.String(), so error texts read the same as a real peer's. */
export function formatVersion(v: Version | undefined): string {
  return v ? `{BlockNum: ${v.blockNum}, TxNum: ${v.txNum}}` : '<nil>';
}
