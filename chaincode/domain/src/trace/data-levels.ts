import { CUSTOMS_RECORDING_ROLES } from '../customs/documents';
import type { AllianceCharter } from './charter';
import type { Role } from './roles';

/**
 * The four data levels of the semi-open information chain (seed 000, 4.3). Each enterprise that records at a
 * level keeps its detail in a private data collection of its own, `<collection>-<MSP id>`, so that a second
 * firm of the same role sees nothing of the first's. Its members: the recording enterprise, the regulator, and
 * the enterprises of the roles the level is shared with (a carrier's transport data is for the platforms it
 * carries for). `recorderEndorses`: a write needs the recorder's peer and the regulator's (the collection's own
 * endorsement policy); otherwise the chaincode's policy (the regulator's peer and one other member's).
 */
export const DATA_LEVELS = {
  production: { collection: 'productionData', sharedWith: [], recorderEndorses: true },
  platformTransaction: { collection: 'platformTransactionData', sharedWith: [], recorderEndorses: true },
  customsQc: { collection: 'customsQcData', sharedWith: [], recorderEndorses: true },
  transport: { collection: 'transportData', sharedWith: ['platform'], recorderEndorses: true },
  // The customs view of a platform's or carrier's documents for the three-document check: what a declaration must
  // show, for customs (which checks it) and the regulator; the full documents stay at the recorder's own level.
  // Customs' check reads every recorder's view collection, and Fabric's discovery asks the endorsers of a
  // transaction for the own endorsement policy of every collection it reads: the platform's and the carrier's peers
  // together, neither of them a member of the other's collection. So these collections have none, and a write to
  // one needs the regulator's peer as every write does.
  customsDeclaration: { collection: 'customsDeclarationData', sharedWith: ['customs'], recorderEndorses: false },
} as const satisfies Record<string, { collection: string; sharedWith: readonly Role[]; recorderEndorses: boolean }>;

export type DataLevel = keyof typeof DATA_LEVELS;

/** The level whose collection holds the detail an enterprise of this role records. The regulator records none. */
const RECORDING_LEVEL: Readonly<Record<Exclude<Role, 'regulator'>, DataLevel>> = {
  manufacturer: 'production',
  platform: 'platformTransaction',
  customs: 'customsQc',
  logistics: 'transport',
};

export function recordingLevel(role: Role): DataLevel | undefined {
  return role === 'regulator' ? undefined : RECORDING_LEVEL[role];
}

/**
 * Every level an enterprise in these roles records at: each role's own, then the customs view if one of them
 * records customs documents (CUSTOMS_DOCUMENTS).
 */
export function levelsRecordedBy(roles: readonly Role[]): DataLevel[] {
  const own = roles.map(recordingLevel).filter((level) => level !== undefined);
  const customs = roles.some((role) => CUSTOMS_RECORDING_ROLES.includes(role)) ? (['customsDeclaration'] as const) : [];
  return [...new Set([...own, ...customs])];
}

/** The collection holding what an enterprise records at a level. */
export function collectionOf(level: DataLevel, recorderMspId: string): string {
  return `${DATA_LEVELS[level].collection}-${recorderMspId}`;
}

/** Whether a caller (MSP and the role it acts in) may read the detail an enterprise recorded at a level. */
export function mayReadDetail(caller: { readonly mspId: string; readonly role: Role }, level: DataLevel, recorderMspId: string): boolean {
  return caller.mspId === recorderMspId || caller.role === 'regulator' || (DATA_LEVELS[level].sharedWith as readonly Role[]).includes(caller.role);
}

/** One private data collection as Fabric's collections config writes it. */
export interface CollectionConfig {
  readonly name: string;
  readonly policy: string;
  readonly requiredPeerCount: number;
  readonly maxPeerCount: number;
  readonly blockToLive: number;
  readonly memberOnlyRead: boolean;
  readonly memberOnlyWrite: boolean;
  /** Absent: writes need the chaincode's endorsement policy. */
  readonly endorsementPolicy?: { readonly signaturePolicy: string };
}

/**
 * The collections the charter calls for: one per member and level it records at, readable by the members
 * mayReadDetail names, written with the endorsement of the recorder's peer and the regulator's where the level says
 * so (DATA_LEVELS' recorderEndorses). The chaincode's
 * collections config must be exactly this (a test of each network description checks it).
 */
export function collectionsFor(charter: AllianceCharter): CollectionConfig[] {
  const withRole = (role: Role) => Object.keys(charter.members).filter((mspId) => charter.members[mspId].roles.includes(role));
  const configs: CollectionConfig[] = [];
  for (const [mspId, member] of Object.entries(charter.members).sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const level of levelsRecordedBy(member.roles)) {
      const readers = [...new Set([mspId, charter.regulator, ...DATA_LEVELS[level].sharedWith.flatMap(withRole)])].sort();
      configs.push({
        name: collectionOf(level, mspId),
        policy: `OR(${readers.map((reader) => `'${reader}.member'`).join(', ')})`,
        requiredPeerCount: 0,
        maxPeerCount: readers.length - 1,
        blockToLive: 0,
        memberOnlyRead: true,
        memberOnlyWrite: true,
        ...(DATA_LEVELS[level].recorderEndorses && { endorsementPolicy: { signaturePolicy: `AND('${mspId}.peer', '${charter.regulator}.peer')` } }),
      });
    }
  }
  return configs;
}
