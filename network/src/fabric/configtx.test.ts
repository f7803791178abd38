import { parse } from 'yaml';
import { ordererOrgCrypto, peerOrgCrypto } from '../crypto';
import { loadNetworkDescription } from '../description';
import { configtxDocument, configtxYaml, policyEntry, profileName } from './configtx';

const description = loadNetworkDescription(undefined, { portOffset: 1000 });
const root = '/data/organizations';
const material = {
  orderer: ordererOrgCrypto(root, description.ordererOrg),
  peerOrgs: new Map(description.peerOrgs.map((org) => [org.mspId, peerOrgCrypto(root, org)])),
};

type Doc = {
  Organizations: Array<{ Name: string; ID: string; MSPDir: string; AnchorPeers?: unknown; OrdererEndpoints?: string[] }>;
  Profiles: Record<string, {
    Capabilities: Record<string, boolean>;
    Orderer: {
      OrdererType: string;
      BatchTimeout: string;
      BatchSize: { MaxMessageCount: number; AbsoluteMaxBytes: number; PreferredMaxBytes: number };
      EtcdRaft: { Consenters: Array<{ Host: string; Port: number; ClientTLSCert: string; ServerTLSCert: string }> };
      Capabilities: Record<string, boolean>;
    };
    Application: { Organizations: Array<{ ID: string; AnchorPeers: unknown; Policies: Record<string, unknown> }>; Policies: Record<string, unknown>; Capabilities: Record<string, boolean> };
  }>;
};

describe('configtx.yaml from the network description', () => {
  const doc = parse(configtxYaml(description, material)) as Doc;

  it('has a profile per channel with its member orgs, anchor peers on the description ports', () => {
    expect(Object.keys(doc.Profiles)).toEqual(description.channels.map((c) => profileName(c.name)));
    const alliance = doc.Profiles[profileName('alliance')];
    expect(alliance.Application.Organizations.map((o) => o.ID)).toEqual(description.channels[0].orgs.map((o) => o.mspId));
    expect(alliance.Application.Organizations[0].AnchorPeers).toEqual([{ Host: '127.0.0.1', Port: 8051 }]);
    expect(alliance.Application.Organizations[0].Policies).toEqual({
      Readers: { Type: 'Signature', Rule: "OR('ManufacturerMSP.admin', 'ManufacturerMSP.peer', 'ManufacturerMSP.client')" },
      Writers: { Type: 'Signature', Rule: "OR('ManufacturerMSP.admin', 'ManufacturerMSP.client')" },
      Admins: { Type: 'Signature', Rule: "OR('ManufacturerMSP.admin')" },
      Endorsement: { Type: 'Signature', Rule: "OR('ManufacturerMSP.peer')" },
    });
  });

  it('writes the channel policies as the description does, with Fabric 3.1 capabilities', () => {
    const alliance = doc.Profiles[profileName('alliance')];
    expect(alliance.Application.Policies.Endorsement).toEqual({ Type: 'ImplicitMeta', Rule: 'MAJORITY Endorsement' });
    expect(alliance.Application.Policies.LifecycleEndorsement).toEqual({ Type: 'ImplicitMeta', Rule: 'MAJORITY Endorsement' });
    expect(alliance.Capabilities).toEqual({ V3_0: true });
    expect(alliance.Orderer.Capabilities).toEqual({ V2_0: true });
    expect(alliance.Application.Capabilities).toEqual({ V2_5: true });
  });

  it('has one etcdraft consenter with the orderer TLS certificate, and the batch settings', () => {
    const { Orderer } = doc.Profiles[profileName('public')];
    expect(Orderer.OrdererType).toBe('etcdraft');
    expect(Orderer.EtcdRaft.Consenters).toEqual([
      { Host: '127.0.0.1', Port: 8050, ClientTLSCert: material.orderer.orderer.tls.certPath, ServerTLSCert: material.orderer.orderer.tls.certPath },
    ]);
    expect(Orderer.BatchTimeout).toBe('2000ms');
    expect(Orderer.BatchSize).toEqual({ MaxMessageCount: 10, AbsoluteMaxBytes: 99 * 1024 * 1024, PreferredMaxBytes: 512 * 1024 });
    const orderers = doc.Organizations.find((o) => o.ID === 'OrdererMSP')!;
    expect(orderers.OrdererEndpoints).toEqual(['127.0.0.1:8050']);
    expect(orderers.MSPDir).toBe(material.orderer.mspDir);
  });

  it('cuts a block per transaction when asked', () => {
    const perTx = configtxDocument(description, material, { blockPerTx: true }) as unknown as Doc;
    expect(perTx.Profiles[profileName('alliance')].Orderer.BatchSize.MaxMessageCount).toBe(1);
  });

  it('tells ImplicitMeta rules from signature policies', () => {
    expect(policyEntry('ANY Readers')).toEqual({ Type: 'ImplicitMeta', Rule: 'ANY Readers' });
    expect(policyEntry("OR('A.peer', 'B.peer')")).toEqual({ Type: 'Signature', Rule: "OR('A.peer', 'B.peer')" });
    expect(policyEntry("OutOf(2, 'A.peer', 'B.peer')").Type).toBe('Signature');
  });
});
