import * as grpc from '@grpc/grpc-js';
import { peer } from '@hyperledger/fabric-protos';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chaincodeTlsCrypto, ensureChaincodeTls, readChaincodeClientTls, type ChaincodeClientTls } from '../../crypto';
import { typeName } from './messages';
import { PACKAGE_A, useHarness } from './test-harness';

// TLS between peers and a chaincode server, both ways, as connection.json's tls_required and client_auth_required
// set it: the server admits the peers' client certificate only, and a peer only a server of the chaincode TLS CA.

jest.setTimeout(30_000);

const harness = useHarness([PACKAGE_A]);
const tls = () => harness.connection(PACKAGE_A).tls;
/** The peers' material of another network's chaincode TLS CA. */
let foreign: ChaincodeClientTls;

beforeAll(async () => {
  const root = path.join(harness.cryptoRoot, '..', 'foreign-crypto');
  await ensureChaincodeTls(root, []);
  foreign = readChaincodeClientTls(root, 'testcc_1');
});

const ssl = (client: ChaincodeClientTls) =>
  grpc.credentials.createSsl(Buffer.from(client.rootCert), Buffer.from(client.clientKey), Buffer.from(client.clientCert));

/** The first thing a client hears from the server: REGISTER on an admitted stream, or why the stream failed. */
function firstAnswer(credentials: grpc.ChannelCredentials, serverName = tls().serverName): Promise<string> {
  const { endpoint } = harness.connection(PACKAGE_A);
  const client = new peer.ChaincodeClient(`${endpoint.host}:${endpoint.port}`, credentials, { 'grpc.ssl_target_name_override': serverName });
  const stream = client.connect();
  return new Promise<string>((resolve) => {
    stream.on('data', (message: peer.ChaincodeMessage) => resolve(typeName(message.getType())));
    stream.on('error', (err: Error) => resolve(err.message));
  }).finally(() => {
    stream.cancel();
    client.close();
  });
}

describe('the chaincode server', () => {
  test("admits the peers' client certificate", async () => {
    expect(await firstAnswer(ssl(tls()))).toBe('REGISTER');
  });

  test('refuses plaintext', async () => {
    expect(await firstAnswer(grpc.credentials.createInsecure())).toMatch(/^14 UNAVAILABLE: No connection established/);
  });

  test('refuses a client without a certificate', async () => {
    expect(await firstAnswer(grpc.credentials.createSsl(Buffer.from(tls().rootCert)))).toMatch(/^14 UNAVAILABLE: .*alert certificate required/);
  });

  test("refuses a chaincode server's certificate (its own CA's, but for servers only)", async () => {
    const server = chaincodeTlsCrypto(harness.cryptoRoot).server('testcc_1');
    const read = (file: string) => readFileSync(file, 'utf8');
    const asClient = ssl({ ...tls(), clientCert: read(server.certPath), clientKey: read(server.keyPath) });
    expect(await firstAnswer(asClient)).toMatch(/^14 UNAVAILABLE: No connection established/);
  });

  test('refuses a client certificate of another CA', async () => {
    expect(await firstAnswer(ssl({ ...foreign, rootCert: tls().rootCert }))).toMatch(/^14 UNAVAILABLE: No connection established/);
  });
});

describe("the devnet's peer", () => {
  /** Why an execution on a peer dialling with this TLS material cannot launch the chaincode. */
  async function launchFailure(client: ChaincodeClientTls): Promise<string> {
    const support = harness.newSupport({ startupTimeoutMs: 1_000 });
    support.registerEndpoint(PACKAGE_A, { endpoint: harness.connection(PACKAGE_A).endpoint, tls: client });
    try {
      await harness.run(['get', 'a'], { on: support, txId: 'tx-tls' });
    } catch (err) {
      return (err as Error).message;
    } finally {
      support.close();
    }
    throw new Error('the execution succeeded');
  }

  const refused = `failed to execute transaction tx-tls: could not launch chaincode ${PACKAGE_A}: connection to ${PACKAGE_A} failed: 14 UNAVAILABLE`;

  test('refuses a server whose certificate does not chain to root_cert', async () => {
    const failure = await launchFailure({ ...tls(), rootCert: foreign.rootCert });
    expect(failure).toContain(refused);
    expect(failure).toContain('self-signed certificate in certificate chain');
  });

  test('refuses a server whose certificate does not carry the domain', async () => {
    const failure = await launchFailure({ ...tls(), serverName: 'callee_1.chaincodes' });
    expect(failure).toContain(refused);
    expect(failure).toContain("Hostname/IP does not match certificate's altnames");
  });
});
