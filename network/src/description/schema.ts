import { z } from 'zod';

/** "2s", "500ms" -> milliseconds. */
const duration = z.string().regex(/^\d+(ms|s|m)$/, 'a duration such as 2s or 500ms').transform((text) => {
  const value = Number.parseInt(text, 10);
  if (text.endsWith('ms')) return value;
  return text.endsWith('m') ? value * 60_000 : value * 1000;
});

/** "99 MB", "512 KB" -> bytes (Fabric's configtx units). */
const byteSize = z.string().regex(/^\d+\s*(B|KB|MB)$/, 'a size such as 512 KB or 99 MB').transform((text) => {
  const value = Number.parseInt(text, 10);
  if (text.endsWith('MB')) return value * 1024 * 1024;
  return text.endsWith('KB') ? value * 1024 : value;
});

const port = z.number().int().min(0).max(65535);
const identifier = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/);

const user = z.object({
  name: identifier,
  attrs: z.record(z.string(), z.string()).default({}),
});

const peerOrg = z.object({
  name: identifier,
  mspId: identifier,
  domain: z.string().min(1),
  peer: z.object({ name: identifier, port, chaincodePort: port, operationsPort: port }),
  users: z.array(user).default([]),
  /** The org's REST gateway, which `npm start` runs beside the network; none when absent. */
  gateway: z.object({ port }).optional(),
});

const ordererOrg = z.object({
  name: identifier,
  mspId: identifier,
  domain: z.string().min(1),
  orderer: z.object({ name: identifier, port, adminPort: port, operationsPort: port }),
});

const batch = z.object({
  timeout: duration,
  maxMessageCount: z.number().int().positive(),
  absoluteMaxBytes: byteSize,
  preferredMaxBytes: byteSize,
});

const channelPolicies = z.object({
  Readers: z.string(),
  Writers: z.string(),
  Admins: z.string(),
  Endorsement: z.string(),
  LifecycleEndorsement: z.string(),
});

const channel = z.object({
  name: z.string().regex(/^[a-z][a-z0-9.-]*$/, "Fabric's channel name rule"),
  orgs: z.array(identifier).min(1),
  batch: batch.partial().optional(),
  policies: channelPolicies.partial().optional(),
});

/**
 * A transaction submitted once the chaincode is deployed, to give it what it needs before anyone uses it (the
 * alliance charter): `argument` is written as YAML and passed as its JSON text. `done` names a query that
 * succeeds once that has happened, so a network started again does not submit it twice.
 */
const chaincodeInit = z
  .object({
    transaction: z.string().min(1),
    argument: z.unknown(),
    done: z.string().min(1),
  })
  .strict();

const chaincodeOnChannel = z.object({
  name: z.string(),
  endorsementPolicy: z.string().optional(),
  collections: z.string().optional(),
  init: chaincodeInit.optional(),
});

const chaincode = z.object({
  name: z.string().regex(/^[A-Za-z0-9]+([A-Za-z0-9_-]*[A-Za-z0-9])?$/, "Fabric's chaincode name rule"),
  label: z.string().regex(/^[A-Za-z0-9_.+-]+$/),
  path: z.string().min(1),
  port,
  channels: z.array(chaincodeOnChannel).min(1),
});

export const networkSchema = z.object({
  name: z.string(),
  portBase: port,
  ordererOrg,
  peerOrgs: z.array(peerOrg).min(1),
  channelDefaults: z.object({ batch, policies: channelPolicies }),
  channels: z.array(channel).min(1),
  chaincodes: z.array(chaincode).default([]),
});

export type NetworkDocument = z.infer<typeof networkSchema>;

/**
 * A description that is another one plus chaincodes of its own (the tests' network: the project's and theirs); a
 * chaincode named as one of the base's replaces it.
 */
export const extendingSchema = z.object({
  extends: z.string().min(1),
  chaincodes: z.array(chaincode).min(1),
});

export type ChaincodeDocument = z.infer<typeof chaincode>;
