import type { Role } from './roles';

/**
 * The four data levels of the semi-open information chain (seed 000, 4.3), each kept in its own private data
 * collection on `alliance`. The regulator is a member of every one; the collection names are those of the
 * chaincode's collections config.
 */
export const DATA_LEVELS = {
  production: { collection: 'productionData', members: ['manufacturer', 'regulator'] },
  platformTransaction: { collection: 'platformTransactionData', members: ['platform', 'regulator'] },
  customsQc: { collection: 'customsQcData', members: ['customs', 'regulator'] },
  transport: { collection: 'transportData', members: ['logistics', 'platform', 'regulator'] },
} as const satisfies Record<string, { collection: string; members: readonly Role[] }>;

export type DataLevel = keyof typeof DATA_LEVELS;

/** The level whose collection holds the detail an org of this role records. The regulator records none. */
const RECORDING_LEVEL: Readonly<Record<Exclude<Role, 'regulator'>, DataLevel>> = {
  manufacturer: 'production',
  platform: 'platformTransaction',
  customs: 'customsQc',
  logistics: 'transport',
};

export function recordingLevel(role: Role): DataLevel | undefined {
  return role === 'regulator' ? undefined : RECORDING_LEVEL[role];
}

/** Whether a role may read a level's private detail. */
export function mayRead(role: Role, level: DataLevel): boolean {
  return (DATA_LEVELS[level].members as readonly Role[]).includes(role);
}

export function collectionOf(level: DataLevel): string {
  return DATA_LEVELS[level].collection;
}
