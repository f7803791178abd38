import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** A user of the org whose Fabric identity the gateway holds: an API key names it, never the request. */
const userSchema = z.object({ name: z.string().min(1), certPath: z.string().min(1), keyPath: z.string().min(1) }).strict();

/**
 * Everything one org's gateway needs, in one readonly object: whose it is, where its peer is, its users'
 * identities, where it listens and keeps its state. `npm start` writes one per org into the network's data
 * folder; against another network (fabric-samples' test network, say) it is written by hand.
 */
export const gatewayOptionsSchema = z
  .object({
    /** The org's name, as in the network description ("Customs"). */
    org: z.string().min(1),
    mspId: z.string().min(1),
    peer: z.object({ endpoint: z.string().min(1), hostname: z.string().min(1), tlsCaCertPath: z.string().min(1) }).strict(),
    channel: z.string().min(1).default('alliance'),
    chaincode: z.string().min(1).default('trace'),
    /** The open chain: screened records of sold items and complaints (its chaincode on its channel). */
    public: z.object({ channel: z.string().min(1), chaincode: z.string().min(1) }).strict().default({ channel: 'public', chaincode: 'public' }),
    users: z.array(userSchema).min(1),
    /** 127.0.0.1 unless said otherwise: the gateway serves its own org's users. */
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65_535),
    /** Keys, capture jobs and idempotency records: survives restarts. */
    dataDir: z.string().min(1),
    /** Requests per minute one API key (or address, before authentication) may make. */
    rateLimitPerMinute: z.number().int().min(1).default(6_000),
    /** How long a write waits for its commit before answering 202 with the job to follow. */
    commitWaitMs: z.number().int().min(1_000).default(60_000),
    /**
     * The screening module: the user it reads the alliance and publishes records as (the org's first user unless
     * named), and how many tries an item gets before it is reported failed.
     */
    screening: z
      .object({ user: z.string().min(1).optional(), maxAttempts: z.number().int().min(1).max(100).default(8) })
      .strict()
      .default({ maxAttempts: 8 }),
  })
  .strict();

export type GatewayOptions = Readonly<z.output<typeof gatewayOptionsSchema>>;
export type GatewayOptionsInput = z.input<typeof gatewayOptionsSchema>;
export type GatewayUser = z.output<typeof userSchema>;

export class GatewayConfigError extends Error {
  override readonly name = 'GatewayConfigError';
}

/** Options from a JSON file; relative paths in it are relative to the file. */
export function loadGatewayOptions(file: string): GatewayOptions {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new GatewayConfigError(`cannot read gateway configuration ${file}: ${(err as Error).message}`);
  }
  const parsed = gatewayOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new GatewayConfigError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const base = path.dirname(path.resolve(file));
  const resolve = (p: string) => path.resolve(base, p);
  const options = parsed.data;
  return {
    ...options,
    dataDir: resolve(options.dataDir),
    peer: { ...options.peer, tlsCaCertPath: resolve(options.peer.tlsCaCertPath) },
    users: options.users.map((u) => ({ ...u, certPath: resolve(u.certPath), keyPath: resolve(u.keyPath) })),
  };
}
