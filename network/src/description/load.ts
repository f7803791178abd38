import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { extendingSchema, networkSchema, type ChaincodeDocument, type NetworkDocument } from './schema';
import type {
  ChaincodeDescription,
  ChannelDescription,
  Endpoint,
  NetworkDescription,
  PeerOrgDescription,
} from './model';

export class NetworkDescriptionError extends Error {
  override readonly name = 'NetworkDescriptionError';
}

export interface LoadOptions {
  /** Added to every port on top of the description's portBase, so a test network can run beside another. */
  readonly portOffset?: number;
}

/** The default description: network/network.yaml. */
export function defaultDescriptionPath(): string {
  return path.resolve(__dirname, '..', '..', 'network.yaml');
}

export function loadNetworkDescription(file = defaultDescriptionPath(), options: LoadOptions = {}): NetworkDescription {
  const { doc, projectRoot } = loadDocument(path.resolve(file), []);
  return resolve(doc, projectRoot, options.portOffset ?? 0);
}

/**
 * The file's document with its chaincodes' paths made absolute, so that a description extending it can add
 * chaincodes whose paths are relative to its own project root. A file sits in <project root>/network/.
 */
function loadDocument(file: string, seen: readonly string[]): { doc: NetworkDocument; projectRoot: string } {
  if (seen.includes(file)) throw new NetworkDescriptionError(`network description ${file} extends itself through ${seen.join(' -> ')}`);
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new NetworkDescriptionError(`cannot read network description ${file}: ${(err as Error).message}`);
  }
  const projectRoot = path.resolve(path.dirname(file), '..');
  if (raw !== null && typeof raw === 'object' && 'extends' in raw) {
    const overlay = validated(extendingSchema, raw, file);
    const base = loadDocument(path.resolve(path.dirname(file), overlay.extends), [...seen, file]);
    // A chaincode of the same name replaces the base's (another charter, other collections); others are added.
    const replaced = new Set(overlay.chaincodes.map((cc) => cc.name));
    const chaincodes = [...base.doc.chaincodes.filter((cc) => !replaced.has(cc.name)), ...overlay.chaincodes.map((cc) => absolutePaths(cc, projectRoot))];
    return { doc: { ...base.doc, chaincodes }, projectRoot: base.projectRoot };
  }
  const doc = validated(networkSchema, raw, file);
  return { doc: { ...doc, chaincodes: doc.chaincodes.map((cc) => absolutePaths(cc, projectRoot)) }, projectRoot };
}

function validated<T>(schema: z.ZodType<T>, raw: unknown, file: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new NetworkDescriptionError(`invalid network description ${file}:\n${problems}`);
  }
  return parsed.data;
}

function absolutePaths(cc: ChaincodeDocument, projectRoot: string): ChaincodeDocument {
  return {
    ...cc,
    path: path.resolve(projectRoot, cc.path),
    channels: cc.channels.map((def) => (def.collections ? { ...def, collections: path.resolve(projectRoot, def.collections) } : def)),
  };
}

function resolve(doc: NetworkDocument, projectRoot: string, portOffset: number): NetworkDescription {
  const at = (port: number): Endpoint => ({ host: '127.0.0.1', port: doc.portBase + portOffset + port });
  const peerOrgs: PeerOrgDescription[] = doc.peerOrgs.map((org) => ({
    name: org.name,
    mspId: org.mspId,
    domain: org.domain,
    peer: {
      name: org.peer.name,
      hostname: `${org.peer.name}.${org.domain}`,
      endpoint: at(org.peer.port),
      chaincodeEndpoint: at(org.peer.chaincodePort),
      operationsEndpoint: at(org.peer.operationsPort),
    },
    users: org.users,
    ...(org.gateway && { gatewayEndpoint: at(org.gateway.port) }),
  }));
  const orgByName = new Map(peerOrgs.map((org) => [org.name, org]));
  const channels: ChannelDescription[] = doc.channels.map((channel) => {
    const batch = { ...doc.channelDefaults.batch, ...channel.batch };
    return {
    name: channel.name,
    orgs: channel.orgs.map((name) => {
      const org = orgByName.get(name);
      if (!org) throw new NetworkDescriptionError(`channel ${channel.name} names unknown org ${name}`);
      return org;
    }),
    batch: {
      timeoutMs: batch.timeout,
      maxMessageCount: batch.maxMessageCount,
      absoluteMaxBytes: batch.absoluteMaxBytes,
      preferredMaxBytes: batch.preferredMaxBytes,
    },
    policies: { ...doc.channelDefaults.policies, ...channel.policies },
    };
  });
  const channelNames = new Set(channels.map((c) => c.name));
  const chaincodes: ChaincodeDescription[] = doc.chaincodes.map((cc) => ({
    name: cc.name,
    label: cc.label,
    path: cc.path,
    endpoint: at(cc.port),
    definitions: cc.channels.map((def) => {
      if (!channelNames.has(def.name)) {
        throw new NetworkDescriptionError(`chaincode ${cc.name} names unknown channel ${def.name}`);
      }
      return {
        channel: def.name,
        endorsementPolicy: def.endorsementPolicy,
        collectionsPath: def.collections,
        init: def.init && { transaction: def.init.transaction, argument: JSON.stringify(def.init.argument), done: def.init.done },
      };
    }),
  }));
  const o = doc.ordererOrg;
  return {
    name: doc.name,
    projectRoot,
    ordererOrg: {
      name: o.name,
      mspId: o.mspId,
      domain: o.domain,
      orderer: {
        name: o.orderer.name,
        hostname: `${o.orderer.name}.${o.domain}`,
        endpoint: at(o.orderer.port),
        adminEndpoint: at(o.orderer.adminPort),
        operationsEndpoint: at(o.orderer.operationsPort),
      },
    },
    peerOrgs,
    channels,
    chaincodes,
  };
}
