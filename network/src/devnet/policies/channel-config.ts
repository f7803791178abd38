import { common, orderer, peer, type msp } from '@hyperledger/fabric-protos';
import type { ChannelDescription, OrdererOrgDescription, PeerOrgDescription } from '../../description';
import { toFabricMspConfig, type MspConfig } from '../msp';
import { addPolicies, addValue, capabilities, goDuration, newConfigGroup } from './config-tree';
import { PolicyError } from './errors';

/** The orderer's consenter endpoint and TLS certificates (etcdraft metadata, orderer org Endpoints). */
export interface OrdererTlsEndpoint {
  readonly hostname: string;
  readonly port: number;
  readonly clientTlsCertPem: string;
  readonly serverTlsCertPem: string;
}

/** Capability levels of a Fabric 3.x application channel (configtx.yaml of fabric-samples for 3.x). */
const CHANNEL_CAPABILITY = 'V3_0';
const ORDERER_CAPABILITY = 'V2_0';
const APPLICATION_CAPABILITY = 'V2_5';
/** configtxgen's etcdraft option defaults. */
const RAFT_OPTIONS = { tickInterval: '500ms', electionTick: 10, heartbeatTick: 1, maxInflightBlocks: 5, snapshotIntervalSize: 16 * 1024 * 1024 };
/** math.MaxUint32: the block data hashing width configtxgen writes. */
const BLOCK_DATA_HASHING_WIDTH = 4294967295;

/**
 * The config of an application channel as configtxgen builds it for Fabric 3.x without a system channel:
 * Channel{Application{<org>...}, Orderer{<orderer org>}} with their values and policies.
 */
export function buildChannelConfig(
  channel: ChannelDescription,
  ordererOrg: OrdererOrgDescription,
  msps: ReadonlyMap<string, MspConfig>,
  ordererTls: OrdererTlsEndpoint,
): common.Config {
  const mspOf = (mspId: string) => {
    const config = msps.get(mspId);
    if (!config) throw new PolicyError(`no MSP configuration for ${mspId} (channel ${channel.name})`);
    return toFabricMspConfig(config);
  };

  const root = newConfigGroup();
  addPolicies(root, { Readers: 'ANY Readers', Writers: 'ANY Writers', Admins: 'MAJORITY Admins' });
  const hashing = new common.HashingAlgorithm();
  hashing.setName('SHA256');
  addValue(root, 'HashingAlgorithm', hashing);
  const structure = new common.BlockDataHashingStructure();
  structure.setWidth(BLOCK_DATA_HASHING_WIDTH);
  addValue(root, 'BlockDataHashingStructure', structure);
  addValue(root, 'Capabilities', capabilities(CHANNEL_CAPABILITY));
  root.getGroupsMap().set('Orderer', ordererGroup(channel, ordererOrg, mspOf(ordererOrg.mspId), ordererTls));
  root.getGroupsMap().set('Application', applicationGroup(channel, mspOf));

  const config = new common.Config();
  config.setSequence(0);
  config.setChannelGroup(root);
  return config;
}

function ordererGroup(
  channel: ChannelDescription,
  org: OrdererOrgDescription,
  mspConfig: msp.MSPConfig,
  tls: OrdererTlsEndpoint,
): common.ConfigGroup {
  const group = newConfigGroup();
  addPolicies(group, { Readers: 'ANY Readers', Writers: 'ANY Writers', Admins: 'MAJORITY Admins', BlockValidation: 'ANY Writers' });
  const batchSize = new orderer.BatchSize();
  batchSize.setMaxMessageCount(channel.batch.maxMessageCount);
  batchSize.setAbsoluteMaxBytes(channel.batch.absoluteMaxBytes);
  batchSize.setPreferredMaxBytes(channel.batch.preferredMaxBytes);
  addValue(group, 'BatchSize', batchSize);
  const batchTimeout = new orderer.BatchTimeout();
  batchTimeout.setTimeout(goDuration(channel.batch.timeoutMs));
  addValue(group, 'BatchTimeout', batchTimeout);
  addValue(group, 'ChannelRestrictions', new orderer.ChannelRestrictions());
  addValue(group, 'Capabilities', capabilities(ORDERER_CAPABILITY));
  const consensus = new orderer.ConsensusType();
  consensus.setType('etcdraft');
  consensus.setMetadata(raftMetadata(tls).serializeBinary());
  consensus.setState(orderer.ConsensusType.State.STATE_NORMAL);
  addValue(group, 'ConsensusType', consensus);

  const orgGroup = newConfigGroup();
  addPolicies(orgGroup, {
    Readers: `OR('${org.mspId}.member')`,
    Writers: `OR('${org.mspId}.member')`,
    Admins: `OR('${org.mspId}.admin')`,
  });
  addValue(orgGroup, 'MSP', mspConfig);
  const endpoints = new common.OrdererAddresses();
  endpoints.setAddressesList([`${tls.hostname}:${tls.port}`]);
  addValue(orgGroup, 'Endpoints', endpoints);
  group.getGroupsMap().set(org.name, orgGroup);
  return group;
}

function raftMetadata(tls: OrdererTlsEndpoint): orderer.etcdraft.ConfigMetadata {
  const consenter = new orderer.etcdraft.Consenter();
  consenter.setHost(tls.hostname);
  consenter.setPort(tls.port);
  consenter.setClientTlsCert(Buffer.from(tls.clientTlsCertPem));
  consenter.setServerTlsCert(Buffer.from(tls.serverTlsCertPem));
  const options = new orderer.etcdraft.Options();
  options.setTickInterval(RAFT_OPTIONS.tickInterval);
  options.setElectionTick(RAFT_OPTIONS.electionTick);
  options.setHeartbeatTick(RAFT_OPTIONS.heartbeatTick);
  options.setMaxInflightBlocks(RAFT_OPTIONS.maxInflightBlocks);
  options.setSnapshotIntervalSize(RAFT_OPTIONS.snapshotIntervalSize);
  const metadata = new orderer.etcdraft.ConfigMetadata();
  metadata.setConsentersList([consenter]);
  metadata.setOptions(options);
  return metadata;
}

function applicationGroup(
  channel: ChannelDescription,
  mspOf: (mspId: string) => msp.MSPConfig,
): common.ConfigGroup {
  const group = newConfigGroup();
  addPolicies(group, { ...channel.policies });
  addValue(group, 'Capabilities', capabilities(APPLICATION_CAPABILITY));
  for (const org of channel.orgs) group.getGroupsMap().set(org.name, applicationOrgGroup(org, mspOf(org.mspId)));
  return group;
}

/** An application org with fabric-samples' usual role policies and its peer as anchor. */
function applicationOrgGroup(org: PeerOrgDescription, mspConfig: msp.MSPConfig): common.ConfigGroup {
  const group = newConfigGroup();
  const id = org.mspId;
  addPolicies(group, {
    Readers: `OR('${id}.admin', '${id}.peer', '${id}.client')`,
    Writers: `OR('${id}.admin', '${id}.client')`,
    Admins: `OR('${id}.admin')`,
    Endorsement: `OR('${id}.peer')`,
  });
  addValue(group, 'MSP', mspConfig);
  const anchor = new peer.AnchorPeer();
  anchor.setHost(org.peer.endpoint.host);
  anchor.setPort(org.peer.endpoint.port);
  const anchors = new peer.AnchorPeers();
  anchors.setAnchorPeersList([anchor]);
  addValue(group, 'AnchorPeers', anchors);
  return group;
}
