import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { FabricNetworkError } from './errors';

export type ConfigTree = Record<string, unknown>;

/** A YAML file of Fabric's config/ folder as a plain object tree. */
export function readConfigTree(file: string): ConfigTree {
  const tree: unknown = parse(readFileSync(file, 'utf8'));
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) throw new FabricNetworkError(`${file} is not a YAML mapping`);
  return tree as ConfigTree;
}

/** Sets the value at a dotted key path ("peer.tls.cert.file"), creating mappings on the way. */
export function setKey(tree: ConfigTree, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node: ConfigTree = tree;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as ConfigTree;
  }
  node[keys[keys.length - 1]] = value;
}

export function getKey(tree: ConfigTree, dotted: string): unknown {
  let node: unknown = tree;
  for (const key of dotted.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as ConfigTree)[key];
  }
  return node;
}

/** Applies every "key.path": value pair in order. */
export function patchTree(tree: ConfigTree, patch: Readonly<Record<string, unknown>>): ConfigTree {
  for (const [key, value] of Object.entries(patch)) setKey(tree, key, value);
  return tree;
}

export function configYaml(tree: ConfigTree): string {
  return stringify(tree, { aliasDuplicateObjects: false });
}
