// Readiness through the peer's discovery service: the gateway plans endorsements from what discovery knows, so
// a chaincode is usable by every org once discovery names every member org's peer as a possible endorser.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { hash, signers } from '@hyperledger/fabric-gateway';
import { discovery, msp, peer } from '@hyperledger/fabric-protos';
import type { Endpoint } from '../description';

export interface DiscoveryTarget {
  readonly endpoint: Endpoint;
  readonly hostname: string;
  readonly tlsCaCertPath: string;
  readonly mspId: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** For each chaincode on the channel: the distinct peers discovery offers as endorsers, or its error. */
export async function discoverEndorsers(
  target: DiscoveryTarget,
  channel: string,
  chaincodes: readonly string[],
  timeoutMs = 5_000,
): Promise<Map<string, number | string>> {
  const identity = new msp.SerializedIdentity();
  identity.setMspid(target.mspId);
  identity.setIdBytes(readFileSync(target.certPath));
  const auth = new discovery.AuthInfo();
  auth.setClientIdentity(identity.serializeBinary());
  const request = new discovery.Request();
  request.setAuthentication(auth);
  request.setQueriesList(
    chaincodes.map((name) => {
      const call = new peer.ChaincodeCall();
      call.setName(name);
      const interest = new peer.ChaincodeInterest();
      interest.setChaincodesList([call]);
      const ccQuery = new discovery.ChaincodeQuery();
      ccQuery.setInterestsList([interest]);
      const query = new discovery.Query();
      query.setChannel(channel);
      query.setCcQuery(ccQuery);
      return query;
    }),
  );
  const payload = request.serializeBinary();
  const sign = signers.newPrivateKeySigner(createPrivateKey(readFileSync(target.keyPath)));
  const signed = new discovery.SignedRequest();
  signed.setPayload(payload);
  signed.setSignature(await sign(hash.sha256(payload)));

  const client = new grpc.Client(`${target.endpoint.host}:${target.endpoint.port}`, grpc.credentials.createSsl(readFileSync(target.tlsCaCertPath)), {
    'grpc.ssl_target_name_override': target.hostname,
  });
  try {
    const response = await new Promise<discovery.Response>((resolve, reject) => {
      client.makeUnaryRequest(
        '/discovery.Discovery/Discover',
        (value: discovery.SignedRequest) => Buffer.from(value.serializeBinary()),
        (bytes: Buffer) => discovery.Response.deserializeBinary(bytes),
        signed,
        { deadline: Date.now() + timeoutMs },
        (err, value) => (err || !value ? reject(err ?? new Error('empty discovery response')) : resolve(value)),
      );
    });
    const results = new Map<string, number | string>();
    response.getResultsList().forEach((result, i) => {
      const name = chaincodes[i];
      const error = result.getError();
      if (error) {
        results.set(name, error.getContent());
        return;
      }
      const peers = new Set<string>();
      for (const descriptor of result.getCcQueryRes()?.getContentList() ?? []) {
        descriptor.getEndorsersByGroupsMap().forEach((group) => {
          for (const p of group.getPeersList()) peers.add(Buffer.from(p.getIdentity_asU8()).toString('base64'));
        });
      }
      results.set(name, peers.size);
    });
    return results;
  } finally {
    client.close();
  }
}
