import { testDefinition, testRegistry } from './test-fixtures';
import { PACKAGE_A, useHarness } from './test-harness';

// The stream to a real chaincode server: timeouts, refused registration, a server that dies, closing.

jest.setTimeout(30_000);

const harness = useHarness([PACKAGE_A]);

beforeAll(() => harness.alliance.put('cc', 'a', 'committed a'));

test("an execution that outlives executeTimeoutMs fails with Fabric's timeout", async () => {
  const impatient = harness.newSupport({ executeTimeoutMs: 300 });
  impatient.registerEndpoint(PACKAGE_A, harness.connection(PACKAGE_A));
  try {
    await expect(harness.run(['sleep', '1500'], { on: impatient, txId: 'tx-slow' })).rejects.toThrow(
      'failed to execute transaction tx-slow: error sending: timeout expired while executing transaction',
    );
  } finally {
    impatient.close();
  }
});

test('a server registering another package id is refused, and executions say why', async () => {
  const wrong = harness.newSupport({ registry: testRegistry([testDefinition('alliance', 'cc', 'other_1:ffff')]), startupTimeoutMs: 500 });
  wrong.registerEndpoint('other_1:ffff', harness.connection(PACKAGE_A));
  try {
    await expect(harness.run(['get', 'a'], { on: wrong, txId: 'tx-wrong' })).rejects.toThrow(
      `failed to execute transaction tx-wrong: could not launch chaincode other_1:ffff: chaincode registration failed: peer will not accept external chaincode connection ${PACKAGE_A} (except in dev mode)`,
    );
  } finally {
    wrong.close();
  }
});

test("each org's peer has its own stream: two peers run the same transaction side by side", async () => {
  const twoPeers = harness.newSupport({ peerMspIds: ['Org1MSP', 'Org2MSP'] });
  twoPeers.registerEndpoint(PACKAGE_A, harness.connection(PACKAGE_A));
  try {
    await twoPeers.ready(PACKAGE_A);
    let org1Finished = false;
    const org1 = harness.run(['sleep', '3000'], { on: twoPeers, txId: 'tx-both', peerMspId: 'Org1MSP' }).then((run) => {
      org1Finished = true;
      return run;
    });
    // On one shared stream the second context for tx-both would wait for the first to end.
    expect((await harness.run(['get', 'a'], { on: twoPeers, txId: 'tx-both', peerMspId: 'Org2MSP' })).payload).toBe('committed a');
    expect(org1Finished).toBe(false);
    await org1;
  } finally {
    twoPeers.close();
  }
});

test('close() ends running executions and the connection', async () => {
  const closing = harness.newSupport();
  closing.registerEndpoint(PACKAGE_A, harness.connection(PACKAGE_A));
  await closing.ready(PACKAGE_A);
  const running = harness.run(['sleep', '5000'], { on: closing, txId: 'tx-closed' });
  await new Promise((resolve) => setTimeout(resolve, 200));
  closing.close();
  await expect(running).rejects.toThrow('failed to execute transaction tx-closed: error sending: chaincode stream terminated');
  await expect(closing.ready(PACKAGE_A)).rejects.toThrow(`connection to ${PACKAGE_A} is closed`);
});

test('a chaincode server that dies ends its executions; it is restarted and the peer reconnects', async () => {
  const server = harness.servers.get(PACKAGE_A)!;
  const pid = server.pid!;
  const running = harness.run(['sleep', '5000'], { txId: 'tx-killed' });
  await new Promise((resolve) => setTimeout(resolve, 200));
  process.kill(pid, 'SIGKILL');
  await expect(running).rejects.toThrow('failed to execute transaction tx-killed: error sending: chaincode stream terminated');
  const deadline = Date.now() + 20_000;
  while (server.pid === undefined || server.pid === pid) {
    expect(Date.now()).toBeLessThan(deadline);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // The execution waits for the new server to register (launch), then runs on the new stream.
  expect((await harness.run(['get', 'a'])).payload).toBe('committed a');
});
