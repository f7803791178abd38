import * as grpc from '@grpc/grpc-js';
import type { Endpoint } from '../../description';
// Every devnet endpoint decodes what clients send: bound that work before the first server exists.
import './bounded-decoding';

/** Fabric's default peer/orderer message limits (peer.maxRecvMsgSize / maxSendMsgSize: 100 MiB). */
const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

export interface TlsMaterial {
  readonly caPem: Buffer;
  readonly certPem: Buffer;
  readonly keyPem: Buffer;
}

export function newGrpcServer(): grpc.Server {
  return new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    // Fabric's keepalive enforcement allows client pings every 60 s; clients such as fabric-gateway ping less.
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.http2.min_ping_interval_without_data_ms': 10_000,
  });
}

/** Binds a server on the endpoint with server-side TLS (client certificates are not required, as in Fabric's default). */
export function listen(server: grpc.Server, endpoint: Endpoint, tls: TlsMaterial): Promise<number> {
  const credentials = grpc.ServerCredentials.createSsl(tls.caPem, [{ private_key: tls.keyPem, cert_chain: tls.certPem }], false);
  return new Promise((resolve, reject) => {
    server.bindAsync(`${endpoint.host}:${endpoint.port}`, credentials, (err, port) => (err ? reject(err) : resolve(port)));
  });
}

export function shutdown(server: grpc.Server, graceMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
