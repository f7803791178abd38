import { msp } from '@hyperledger/fabric-protos';
import type { Identity, IdentityDeserializer } from '../msp/api';
import type { ChannelPolicyManager } from '../policies/api';
import { policyDenial } from '../policies/api';

/** Fabric's aclmgmt resource names and their default policies (core/aclmgmt/defaultaclprovider.go). */
const CHANNEL_READERS = '/Channel/Application/Readers';
const CHANNEL_WRITERS = '/Channel/Application/Writers';
/** Peer-wide policies, checked against the peer's local MSP rather than the channel's. */
type LocalPolicy = 'Admins' | 'Members';

const LOCAL_ACLS: Readonly<Record<string, LocalPolicy>> = {
  '_lifecycle/InstallChaincode': 'Admins',
  '_lifecycle/QueryInstalledChaincode': 'Admins',
  '_lifecycle/GetInstalledChaincodePackage': 'Admins',
  '_lifecycle/QueryInstalledChaincodes': 'Admins',
  '_lifecycle/ApproveChaincodeDefinitionForMyOrg': 'Admins',
  '_lifecycle/QueryApprovedChaincodeDefinition': 'Admins',
  '_lifecycle/QueryApprovedChaincodeDefinitions': 'Admins',
  'cscc/JoinChain': 'Admins',
  'cscc/GetChannels': 'Members',
};

const CHANNEL_ACLS: Readonly<Record<string, string>> = {
  '_lifecycle/CommitChaincodeDefinition': CHANNEL_WRITERS,
  '_lifecycle/QueryChaincodeDefinition': CHANNEL_WRITERS,
  '_lifecycle/QueryChaincodeDefinitions': CHANNEL_WRITERS,
  '_lifecycle/CheckCommitReadiness': CHANNEL_WRITERS,
  'qscc/GetChainInfo': CHANNEL_READERS,
  'qscc/GetBlockByNumber': CHANNEL_READERS,
  'qscc/GetBlockByHash': CHANNEL_READERS,
  'qscc/GetTransactionByID': CHANNEL_READERS,
  'qscc/GetBlockByTxID': CHANNEL_READERS,
  'cscc/GetConfigBlock': CHANNEL_READERS,
  'cscc/GetChannelConfig': CHANNEL_READERS,
};

/** What a signed proposal says of its signer: the serialized creator, the bytes it signed and the signature. */
export interface ProposalSignature {
  readonly creator: Uint8Array;
  readonly data: Uint8Array;
  readonly signature: Uint8Array;
}

export interface AclSources {
  readonly channelPolicies: (channel: string) => ChannelPolicyManager | undefined;
  readonly channelDeserializer: (channel: string) => IdentityDeserializer | undefined;
  /** Each peer org's local MSP: the only identities its peer-wide policies know. */
  readonly localMsp: (mspId: string) => IdentityDeserializer | undefined;
}

/**
 * Fabric's default ACL provider (no ACLs in the channel config): a resource with a peer-wide policy is checked
 * against the local MSP of the peer that runs it, whatever the channel; any other against the channel's policy.
 * Returns Fabric's error text, or undefined when access is granted.
 */
export function checkAcl(sources: AclSources, resource: string, channel: string, peerMspId: string, signed: ProposalSignature): string | undefined {
  const local = LOCAL_ACLS[resource];
  if (local) return checkLocal(sources, local, peerMspId, signed);
  const policyName = CHANNEL_ACLS[resource];
  if (!policyName) return `Unmapped policy for ${resource}`;
  const manager = sources.channelPolicies(channel);
  const deserializer = sources.channelDeserializer(channel);
  if (!manager || !deserializer) return `Failed to get policy manager for channel [${channel}]`;
  // As Fabric's EvaluateSignedData: an identity that does not deserialize or verify is dropped, not reported.
  const identities: Identity[] = [];
  try {
    const identity = deserializer.deserializeIdentity(signed.creator);
    if (identity.verify(signed.data, signed.signature)) identities.push(identity);
  } catch {
    // dropped
  }
  const policy = manager.get(policyName);
  const denial = policy ? policyDenial(policy, identities) : `policy ${policyName} not found`;
  if (denial === undefined) return undefined;
  return `Failed evaluating policy on signed data during check policy on channel [${channel}] with policy [${policyName}]: [${denial}]`;
}

/** Fabric's policyChecker.CheckPolicyNoChannel: deserialize with the local MSP, satisfy its principal, verify. */
function checkLocal(sources: AclSources, policy: LocalPolicy, peerMspId: string, signed: ProposalSignature): string | undefined {
  const during = `during channelless check policy with policy [${policy}]`;
  const claimed = claimedMspId(signed.creator);
  const localMsp = sources.localMsp(peerMspId);
  let identity: Identity;
  try {
    if (claimed !== peerMspId) throw new Error(`expected MSP ID ${peerMspId}, received ${claimed}`);
    if (!localMsp) throw new Error(`no local MSP for ${peerMspId}`);
    identity = localMsp.deserializeIdentity(signed.creator);
  } catch (err) {
    return `Failed deserializing proposal creator ${during}: [${(err as Error).message}]`;
  }
  if (policy === 'Admins' && !identity.satisfiesPrincipal(adminPrincipal(peerMspId))) {
    return (
      `Failed verifying that proposal's creator satisfies local MSP principal ${during}: ` +
      `[The identity is not an admin under this MSP [${peerMspId}]: The identity does not contain OU [ADMIN], MSP: [${peerMspId}]]`
    );
  }
  if (!identity.verify(signed.data, signed.signature)) return 'The signature is invalid';
  return undefined;
}

function adminPrincipal(mspId: string): msp.MSPPrincipal {
  const role = new msp.MSPRole();
  role.setMspIdentifier(mspId);
  role.setRole(msp.MSPRole.MSPRoleType.ADMIN);
  const principal = new msp.MSPPrincipal();
  principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
  principal.setPrincipal(role.serializeBinary());
  return principal;
}

function claimedMspId(creator: Uint8Array): string {
  try {
    return msp.SerializedIdentity.deserializeBinary(creator).getMspid();
  } catch {
    return '';
  }
}
