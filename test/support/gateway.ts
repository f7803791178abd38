// A fabric-gateway client as an application builds one: gRPC over TLS to one org's peer, signing with the user's key.
import { readFileSync } from 'node:fs';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Gateway } from '@hyperledger/fabric-gateway';
import type { IdentityPaths, PeerEndpoint } from './connection-info';

export interface ClientIdentity {
  readonly mspId: string;
  readonly certificatePem: string;
  readonly privateKey: KeyObject;
}

export interface GatewayConnection {
  readonly gateway: Gateway;
  close(): void;
}

export function identityFromFiles(mspId: string, paths: IdentityPaths): ClientIdentity {
  return {
    mspId,
    certificatePem: readFileSync(paths.certPath, 'utf8'),
    privateKey: createPrivateKey(readFileSync(paths.keyPath)),
  };
}

/** Deadlines bound every call, so a network that stops answering fails the test instead of hanging it. */
export function connectGateway(peer: PeerEndpoint, identity: ClientIdentity): GatewayConnection {
  const client = new grpc.Client(peer.endpoint, grpc.credentials.createSsl(readFileSync(peer.tlsCaCertPath)), {
    'grpc.ssl_target_name_override': peer.hostname,
  });
  const within = (ms: number) => () => ({ deadline: Date.now() + ms });
  const gateway = connect({
    client,
    identity: { mspId: identity.mspId, credentials: Buffer.from(identity.certificatePem) },
    signer: signers.newPrivateKeySigner(identity.privateKey),
    hash: hash.sha256,
    evaluateOptions: within(30_000),
    endorseOptions: within(30_000),
    submitOptions: within(30_000),
    commitStatusOptions: within(60_000),
  });
  return {
    gateway,
    close() {
      gateway.close();
      client.close();
    },
  };
}
