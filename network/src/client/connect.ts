import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Gateway } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import type { ConnectionInfo } from '../devnet/connection-info';

export interface GatewayConnection {
  readonly gateway: Gateway;
  readonly client: grpc.Client;
  close(): void;
}

/** Connects a fabric-gateway client to an org's peer as one of its users (or 'Admin'), as an application would. */
export function connectGateway(info: ConnectionInfo, orgName: string, userName = 'User1'): GatewayConnection {
  const org = info.orgs.find((o) => o.name === orgName);
  if (!org) throw new Error(`unknown org ${orgName}; the network has ${info.orgs.map((o) => o.name).join(', ')}`);
  const identityFiles = userName === 'Admin' ? org.admin : org.users.find((u) => u.name === userName);
  if (!identityFiles) throw new Error(`unknown user ${userName} of ${orgName}`);
  const client = new grpc.Client(
    org.peer.endpoint,
    grpc.credentials.createSsl(readFileSync(org.peer.tlsCaCertPath)),
    { 'grpc.ssl_target_name_override': org.peer.hostname },
  );
  const gateway = connect({
    client,
    identity: { mspId: org.mspId, credentials: readFileSync(identityFiles.certPath) },
    signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(identityFiles.keyPath))),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 30_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
    submitOptions: () => ({ deadline: Date.now() + 30_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
  });
  return {
    gateway,
    client,
    close() {
      gateway.close();
      client.close();
    },
  };
}
