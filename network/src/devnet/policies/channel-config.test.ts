import { readFileSync } from 'node:fs';
import { common, msp, orderer, peer } from '@hyperledger/fabric-protos';
import { ordererOrgCrypto } from '../../crypto';
import { generateTestMaterial, type TestMaterial } from '../../crypto/test-material';
import type { Identity } from '../msp/api';
import type { MspConfig } from '../msp/config';
import { MspManager } from '../msp/manager';
import { testIdentities, type TestIdentities } from '../msp/test-identities';
import type { ChannelPolicyManager } from './api';
import { buildChannelConfig } from './channel-config';
import { goDuration } from './config-tree';
import { PolicyError } from './errors';
import { channelPolicyManagerFromConfig } from './policy-manager';

let material: TestMaterial;
let ids: TestIdentities;
let manager: MspManager;
let config: common.Config;
let policies: ChannelPolicyManager;
let tlsCert: string;
beforeAll(async () => {
  material = await generateTestMaterial();
  ids = testIdentities(material);
  manager = new MspManager(ids.configs);
  tlsCert = readFileSync(ordererOrgCrypto(material.root, material.description.ordererOrg).orderer.tls.certPath, 'utf8');
  config = build();
  policies = channelPolicyManagerFromConfig(config, manager);
});
afterAll(() => material.remove());

function build(configs: readonly MspConfig[] = ids.configs): common.Config {
  const { description } = material;
  return buildChannelConfig(description.channels[0], description.ordererOrg, new Map(configs.map((c) => [c.mspId, c])), {
    hostname: 'orderer0.orderer.trace.local',
    port: 7050,
    clientTlsCertPem: tlsCert,
    serverTlsCertPem: tlsCert,
  });
}

const group = (...path: string[]) => path.reduce((g, name) => g.getGroupsMap().get(name)!, config.getChannelGroup()!);
const value = (g: common.ConfigGroup, key: string) => g.getValuesMap().get(key)!.getValue_asU8();
const capabilityNames = (g: common.ConfigGroup) =>
  common.Capabilities.deserializeBinary(value(g, 'Capabilities')).getCapabilitiesMap().getEntryList().map(([name]) => name);
const id = (mspId: string, who: string): Identity => manager.deserializeIdentity(ids.signer(mspId, who).serialize());
const allows = (path: string, ...identities: Identity[]) => policies.get(path)!.evaluate(identities);

describe('buildChannelConfig', () => {
  it('builds the groups and values configtxgen writes for a Fabric 3.x application channel', () => {
    const root = config.getChannelGroup()!;
    expect(root.getGroupsMap().getEntryList().map(([name]) => name).sort()).toEqual(['Application', 'Orderer']);
    expect(common.HashingAlgorithm.deserializeBinary(value(root, 'HashingAlgorithm')).getName()).toBe('SHA256');
    expect(common.BlockDataHashingStructure.deserializeBinary(value(root, 'BlockDataHashingStructure')).getWidth()).toBe(4294967295);
    expect(capabilityNames(root)).toEqual(['V3_0']);
    expect(root.getValuesMap().has('OrdererAddresses')).toBe(false);
    expect(capabilityNames(group('Orderer'))).toEqual(['V2_0']);
    expect(capabilityNames(group('Application'))).toEqual(['V2_5']);
    expect(group('Application').getGroupsMap().getEntryList().map(([name]) => name).sort()).toEqual(
      ['Customs', 'Logistics', 'Manufacturer', 'Platform', 'Regulator'],
    );
    for (const g of [root, group('Orderer'), group('Application'), group('Application', 'Customs'), group('Orderer', 'Orderer')]) {
      expect(g.getModPolicy()).toBe('Admins');
    }
  });

  it('carries the batch settings, the etcdraft consenter and the orderer endpoint', () => {
    const ordererGroup = group('Orderer');
    expect(orderer.BatchSize.deserializeBinary(value(ordererGroup, 'BatchSize')).toObject()).toEqual({
      maxMessageCount: 10,
      absoluteMaxBytes: 99 * 1024 * 1024,
      preferredMaxBytes: 512 * 1024,
    });
    expect(orderer.BatchTimeout.deserializeBinary(value(ordererGroup, 'BatchTimeout')).getTimeout()).toBe('2s');
    expect(orderer.ChannelRestrictions.deserializeBinary(value(ordererGroup, 'ChannelRestrictions')).getMaxCount()).toBe(0);
    const consensus = orderer.ConsensusType.deserializeBinary(value(ordererGroup, 'ConsensusType'));
    expect(consensus.getType()).toBe('etcdraft');
    const metadata = orderer.etcdraft.ConfigMetadata.deserializeBinary(consensus.getMetadata_asU8());
    const [consenter] = metadata.getConsentersList();
    expect([consenter.getHost(), consenter.getPort()]).toEqual(['orderer0.orderer.trace.local', 7050]);
    expect(Buffer.from(consenter.getServerTlsCert_asU8()).toString()).toBe(tlsCert);
    expect(metadata.getOptions()!.toObject()).toEqual({
      tickInterval: '500ms',
      electionTick: 10,
      heartbeatTick: 1,
      maxInflightBlocks: 5,
      snapshotIntervalSize: 16 * 1024 * 1024,
    });
    const ordererOrg = group('Orderer', 'Orderer');
    expect(common.OrdererAddresses.deserializeBinary(value(ordererOrg, 'Endpoints')).getAddressesList()).toEqual(['orderer0.orderer.trace.local:7050']);
    expect(msp.FabricMSPConfig.deserializeBinary(msp.MSPConfig.deserializeBinary(value(ordererOrg, 'MSP')).getConfig_asU8()).getName()).toBe('OrdererMSP');
  });

  it("gives each application org its MSP, anchor peer and Fabric's usual role policies", () => {
    const customs = group('Application', 'Customs');
    expect(msp.FabricMSPConfig.deserializeBinary(msp.MSPConfig.deserializeBinary(value(customs, 'MSP')).getConfig_asU8()).getName()).toBe('CustomsMSP');
    const customsOrg = material.description.peerOrgs.find((o) => o.name === 'Customs')!;
    expect(peer.AnchorPeers.deserializeBinary(value(customs, 'AnchorPeers')).getAnchorPeersList().map((a) => a.toObject())).toEqual([
      { host: customsOrg.peer.endpoint.host, port: customsOrg.peer.endpoint.port },
    ]);
    const policyOf = (g: common.ConfigGroup, name: string) => g.getPoliciesMap().get(name)!.getPolicy()!;
    expect(policyOf(customs, 'Endorsement').getType()).toBe(common.Policy.PolicyType.SIGNATURE);
    expect(policyOf(group('Application'), 'Endorsement').getType()).toBe(common.Policy.PolicyType.IMPLICIT_META);
    expect(common.ImplicitMetaPolicy.deserializeBinary(policyOf(group('Application'), 'LifecycleEndorsement').getValue_asU8()).toObject()).toEqual({
      rule: common.ImplicitMetaPolicy.Rule.MAJORITY,
      subPolicy: 'Endorsement',
    });
    expect(group('Orderer').getPoliciesMap().getEntryList().map(([name]) => name).sort()).toEqual(['Admins', 'BlockValidation', 'Readers', 'Writers']);
  });

  it('refuses a channel whose MSP configuration is missing', () => {
    expect(() => build(ids.configs.filter((c) => c.mspId !== 'CustomsMSP'))).toThrow(/no MSP configuration for CustomsMSP/);
  });
});

describe('channelPolicyManagerFromConfig', () => {
  it('answers the channel policies Fabric derives from the config', () => {
    const user = id('CustomsMSP', 'User1');
    const peerId = id('CustomsMSP', 'peer');
    const ordererId = id('OrdererMSP', 'orderer');
    expect(allows('/Channel/Readers', peerId)).toBe(true);
    expect(allows('/Channel/Writers', user)).toBe(true);
    expect(allows('/Channel/Writers', peerId)).toBe(false);
    expect(allows('/Channel/Writers', ordererId)).toBe(true);
    expect(allows('/Channel/Application/Writers', ordererId)).toBe(false);
    expect(allows('/Channel/Orderer/BlockValidation', ordererId)).toBe(true);
    expect(allows('/Channel/Orderer/BlockValidation', peerId)).toBe(false);
    expect(allows('/Channel/Application/Customs/Endorsement', peerId)).toBe(true);
    expect(allows('/Channel/Application/Customs/Endorsement', user)).toBe(false);
    expect(allows('/Channel/Application/Customs/Admins', id('CustomsMSP', 'admin'))).toBe(true);
    expect(allows('Application/Readers', user)).toBe(true);
    expect(policies.get('/Channel/Application/Nowhere/Readers')).toBeUndefined();
  });

  it('needs a majority of org peers for Endorsement, and of both admin groups for /Channel/Admins', () => {
    const peers = ['ManufacturerMSP', 'CustomsMSP', 'RegulatorMSP'].map((mspId) => id(mspId, 'peer'));
    expect(allows('/Channel/Application/Endorsement', ...peers.slice(0, 2))).toBe(false);
    expect(allows('/Channel/Application/Endorsement', ...peers)).toBe(true);
    expect(allows('/Channel/Application/LifecycleEndorsement', ...peers)).toBe(true);
    const admins = ['ManufacturerMSP', 'CustomsMSP', 'RegulatorMSP'].map((mspId) => id(mspId, 'admin'));
    expect(allows('/Channel/Application/Admins', ...admins)).toBe(true);
    expect(allows('/Channel/Admins', ...admins)).toBe(false);
    expect(allows('/Channel/Admins', ...admins, id('OrdererMSP', 'admin'))).toBe(true);
  });

  it("refuses a config whose MSPs the deserializer does not know", () => {
    const partial = new MspManager(ids.configs.filter((c) => c.mspId !== 'RegulatorMSP'));
    expect(() => channelPolicyManagerFromConfig(config, partial)).toThrow(PolicyError);
    expect(() => channelPolicyManagerFromConfig(config, partial)).toThrow(/MSP RegulatorMSP of \/Channel\/Application\/Regulator is not known/);
  });
});

describe('goDuration', () => {
  it("formats like Go's time.Duration", () => {
    expect([0, 250, 2000, 1500, 90_000, 3_600_000, 3_661_500].map(goDuration)).toEqual(['0s', '250ms', '2s', '1.5s', '1m30s', '1h0m0s', '1h1m1.5s']);
  });
});
