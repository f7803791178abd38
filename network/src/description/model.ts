/** The network as every other module sees it: validated, defaults applied, ports resolved. */

export interface UserDescription {
  readonly name: string;
  /** Written into the certificate the way Fabric CA does (attribute extension). */
  readonly attrs: Readonly<Record<string, string>>;
}

export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

export interface PeerOrgDescription {
  readonly name: string;
  readonly mspId: string;
  readonly domain: string;
  readonly peer: {
    readonly name: string;
    /** e.g. peer0.manufacturer.trace.local */
    readonly hostname: string;
    readonly endpoint: Endpoint;
    readonly chaincodeEndpoint: Endpoint;
    readonly operationsEndpoint: Endpoint;
  };
  readonly users: readonly UserDescription[];
  /** Where the org's REST gateway listens, when the description gives it one. */
  readonly gatewayEndpoint?: Endpoint;
}

export interface OrdererOrgDescription {
  readonly name: string;
  readonly mspId: string;
  readonly domain: string;
  readonly orderer: {
    readonly name: string;
    readonly hostname: string;
    readonly endpoint: Endpoint;
    readonly adminEndpoint: Endpoint;
    readonly operationsEndpoint: Endpoint;
  };
}

export interface BatchSettings {
  readonly timeoutMs: number;
  readonly maxMessageCount: number;
  readonly absoluteMaxBytes: number;
  readonly preferredMaxBytes: number;
}

/** Channel-level policies as Fabric writes them ("ANY Readers", "OR('A.peer')"). */
export interface ChannelPolicies {
  readonly Readers: string;
  readonly Writers: string;
  readonly Admins: string;
  readonly Endorsement: string;
  readonly LifecycleEndorsement: string;
}

export interface ChannelDescription {
  readonly name: string;
  /** Member peer orgs, in description order. */
  readonly orgs: readonly PeerOrgDescription[];
  readonly batch: BatchSettings;
  readonly policies: ChannelPolicies;
}

export interface ChaincodeDefinitionDescription {
  readonly channel: string;
  /** Signature policy or channel policy reference; undefined means the channel's /Channel/Application/Endorsement. */
  readonly endorsementPolicy?: string;
  /** Absolute path of the collections config (Fabric's JSON format), if any. */
  readonly collectionsPath?: string;
  /** Submitted once after deployment, by an admin of the channel's first org, endorsed by every member org. */
  readonly init?: ChaincodeInit;
}

export interface ChaincodeInit {
  /** "contract:function" */
  readonly transaction: string;
  /** The one argument, as JSON text. */
  readonly argument: string;
  /** An evaluation ("contract:function", no arguments) that succeeds once the init has been committed. */
  readonly done: string;
}

export interface ChaincodeDescription {
  readonly name: string;
  readonly label: string;
  /** Absolute path of the chaincode package's folder (an npm workspace). */
  readonly path: string;
  /** Where the chaincode server listens (chaincode as a service). */
  readonly endpoint: Endpoint;
  readonly definitions: readonly ChaincodeDefinitionDescription[];
}

export interface NetworkDescription {
  readonly name: string;
  /** Folder the description was read from; relative paths in it resolve against the project root. */
  readonly projectRoot: string;
  readonly ordererOrg: OrdererOrgDescription;
  readonly peerOrgs: readonly PeerOrgDescription[];
  readonly channels: readonly ChannelDescription[];
  readonly chaincodes: readonly ChaincodeDescription[];
}
