import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Fabric's collections config JSON (what `peer lifecycle chaincode approveformyorg --collections-config` reads). */
const collectionJson = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]+$/, "Fabric's collection name rule"),
  policy: z.string().min(1),
  requiredPeerCount: z.number().int().min(0).default(0),
  maxPeerCount: z.number().int().min(0).default(1),
  blockToLive: z.number().int().min(0).default(0),
  memberOnlyRead: z.boolean().default(false),
  memberOnlyWrite: z.boolean().default(false),
  endorsementPolicy: z
    .object({ signaturePolicy: z.string().optional(), channelConfigPolicy: z.string().optional() })
    .refine((p) => (p.signaturePolicy === undefined) !== (p.channelConfigPolicy === undefined), {
      message: 'set exactly one of signaturePolicy or channelConfigPolicy',
    })
    .optional(),
});

export type CollectionJson = z.infer<typeof collectionJson>;

export class CollectionsConfigError extends Error {
  override readonly name = 'CollectionsConfigError';
}

export function readCollectionsConfig(file: string): CollectionJson[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CollectionsConfigError(`cannot read collections config ${file}: ${(err as Error).message}`);
  }
  const parsed = z.array(collectionJson).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  [${i.path.join('.')}] ${i.message}`).join('\n');
    throw new CollectionsConfigError(`invalid collections config ${file}:\n${problems}`);
  }
  const names = new Set<string>();
  for (const c of parsed.data) {
    if (names.has(c.name)) throw new CollectionsConfigError(`collections config ${file}: duplicate collection ${c.name}`);
    names.add(c.name);
    if (c.requiredPeerCount > c.maxPeerCount) {
      throw new CollectionsConfigError(`collection ${c.name}: requiredPeerCount exceeds maxPeerCount`);
    }
  }
  return parsed.data;
}
