/**
 * What a client needs to reach a running network: endpoints, TLS roots, identities. The devnet writes it to
 * <dataDir>/connection.json when ready; tests and tools read it.
 */
export interface ConnectionInfo {
  readonly kind: 'devnet' | 'fabric';
  readonly pid: number;
  readonly channels: readonly string[];
  readonly orderer: { readonly mspId: string; readonly endpoint: string; readonly hostname: string; readonly tlsCaCertPath: string };
  readonly orgs: readonly OrgConnection[];
  readonly chaincodes: ReadonlyArray<{ readonly name: string; readonly channels: readonly string[] }>;
}

export interface IdentityPaths {
  readonly certPath: string;
  readonly keyPath: string;
}

export interface OrgConnection {
  readonly name: string;
  readonly mspId: string;
  readonly peer: { readonly endpoint: string; readonly hostname: string; readonly tlsCaCertPath: string };
  readonly admin: IdentityPaths;
  readonly users: ReadonlyArray<IdentityPaths & { readonly name: string; readonly attrs: Readonly<Record<string, string>> }>;
}
