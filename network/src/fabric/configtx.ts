// configtx.yaml from the network description: one profile per channel, read by configtxgen -outputBlock.
import { stringify } from 'yaml';
import type { ChannelDescription, NetworkDescription, PeerOrgDescription } from '../description';
import type { OrdererOrgCrypto, PeerOrgCrypto } from '../crypto';

/** Fabric 3.1's levels: V3_0 for the channel, V2_0 is the newest orderer capability, V2_5 for the application. */
export const CAPABILITIES = { Channel: 'V3_0', Orderer: 'V2_0', Application: 'V2_5' } as const;

export interface ConfigtxMaterial {
  readonly orderer: OrdererOrgCrypto;
  readonly peerOrgs: ReadonlyMap<string, PeerOrgCrypto>;
}

export interface ConfigtxOptions {
  /** MaxMessageCount 1: every transaction is cut into a block of its own. */
  readonly blockPerTx?: boolean;
}

type Policies = Record<string, { Type: 'ImplicitMeta' | 'Signature'; Rule: string }>;

/** "ANY Readers" / "MAJORITY Admins" are ImplicitMeta rules; anything else is a signature policy. */
export function policyEntry(rule: string): { Type: 'ImplicitMeta' | 'Signature'; Rule: string } {
  const implicit = /^(ANY|ALL|MAJORITY)\s+\S+$/.test(rule.trim());
  return { Type: implicit ? 'ImplicitMeta' : 'Signature', Rule: rule.trim() };
}

function policies(rules: Readonly<Record<string, string>>): Policies {
  return Object.fromEntries(Object.entries(rules).map(([name, rule]) => [name, policyEntry(rule)]));
}

function capabilities(name: string): Record<string, boolean> {
  return { [name]: true };
}

/** The configtx.yaml document (as a plain object) for every channel of the description. */
export function configtxDocument(description: NetworkDescription, material: ConfigtxMaterial, options: ConfigtxOptions = {}): Record<string, unknown> {
  const ordererOrg = description.ordererOrg;
  const ordererEndpoint = ordererOrg.orderer.endpoint;
  const ordererOrgEntry = {
    Name: ordererOrg.name,
    ID: ordererOrg.mspId,
    MSPDir: material.orderer.mspDir,
    Policies: policies({
      Readers: `OR('${ordererOrg.mspId}.member')`,
      Writers: `OR('${ordererOrg.mspId}.member')`,
      Admins: `OR('${ordererOrg.mspId}.admin')`,
    }),
    OrdererEndpoints: [`${ordererEndpoint.host}:${ordererEndpoint.port}`],
  };
  const peerOrgEntry = (org: PeerOrgDescription) => {
    const files = material.peerOrgs.get(org.mspId);
    if (!files) throw new Error(`no crypto material for ${org.mspId}`);
    const id = org.mspId;
    return {
      Name: org.name,
      ID: id,
      MSPDir: files.mspDir,
      Policies: policies({
        Readers: `OR('${id}.admin', '${id}.peer', '${id}.client')`,
        Writers: `OR('${id}.admin', '${id}.client')`,
        Admins: `OR('${id}.admin')`,
        Endorsement: `OR('${id}.peer')`,
      }),
      AnchorPeers: [{ Host: org.peer.endpoint.host, Port: org.peer.endpoint.port }],
    };
  };
  const profile = (channel: ChannelDescription) => ({
    Policies: policies({ Readers: 'ANY Readers', Writers: 'ANY Writers', Admins: 'MAJORITY Admins' }),
    Capabilities: capabilities(CAPABILITIES.Channel),
    Orderer: {
      OrdererType: 'etcdraft',
      BatchTimeout: `${channel.batch.timeoutMs}ms`,
      BatchSize: {
        MaxMessageCount: options.blockPerTx ? 1 : channel.batch.maxMessageCount,
        AbsoluteMaxBytes: channel.batch.absoluteMaxBytes,
        PreferredMaxBytes: channel.batch.preferredMaxBytes,
      },
      EtcdRaft: {
        Consenters: [
          {
            Host: ordererEndpoint.host,
            Port: ordererEndpoint.port,
            ClientTLSCert: material.orderer.orderer.tls.certPath,
            ServerTLSCert: material.orderer.orderer.tls.certPath,
          },
        ],
      },
      Organizations: [ordererOrgEntry],
      Policies: policies({ Readers: 'ANY Readers', Writers: 'ANY Writers', Admins: 'MAJORITY Admins', BlockValidation: 'ANY Writers' }),
      Capabilities: capabilities(CAPABILITIES.Orderer),
    },
    Application: {
      Organizations: channel.orgs.map(peerOrgEntry),
      Policies: policies({ ...channel.policies }),
      Capabilities: capabilities(CAPABILITIES.Application),
    },
  });
  return {
    Organizations: [ordererOrgEntry, ...description.peerOrgs.map(peerOrgEntry)],
    Profiles: Object.fromEntries(description.channels.map((channel) => [profileName(channel.name), profile(channel)])),
  };
}

/** The configtxgen -profile name of a channel. */
export function profileName(channel: string): string {
  return `Channel_${channel}`;
}

export function configtxYaml(description: NetworkDescription, material: ConfigtxMaterial, options: ConfigtxOptions = {}): string {
  // No anchors or aliases: every profile spells its organizations out.
  return stringify(configtxDocument(description, material, options), { aliasDuplicateObjects: false });
}
