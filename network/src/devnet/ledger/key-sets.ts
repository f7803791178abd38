/** Keys by namespace, then collection ('' for public state): the shape in which the ledger notes sets of keys. */
export type KeySets = Map<string, Map<string, Set<string>>>;

export function addKey(sets: KeySets, ns: string, coll: string, key: string): void {
  let collections = sets.get(ns);
  if (!collections) sets.set(ns, (collections = new Map()));
  let keys = collections.get(coll);
  if (!keys) collections.set(coll, (keys = new Set()));
  keys.add(key);
}
