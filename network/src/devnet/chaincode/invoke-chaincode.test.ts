import { PACKAGE_A, PACKAGE_B, useHarness } from './test-harness';

// INVOKE_CHAINCODE between two real chaincode servers: "cc" (package A) calls "callee" (package B) or itself.

jest.setTimeout(30_000);

const harness = useHarness([PACKAGE_A, PACKAGE_B]);
const run = harness.run.bind(harness);

test("on the same channel the callee reads the channel's state and writes into the caller's simulator", async () => {
  harness.alliance.put('callee', 'a', 'callee state');
  const read = await run(['invoke', 'callee', '', JSON.stringify(['get', 'a'])]);
  expect(JSON.parse(read.payload)).toEqual({ status: 200, message: '', payload: 'callee state' });
  const write = await run(['invoke', 'callee', '', JSON.stringify(['put', 'b', 'from callee'])]);
  expect(write.simulator.writes).toEqual([{ op: 'put', ns: 'callee', key: 'b', value: 'from callee' }]);
});

test("the callee's failure reaches the caller as the callee's response", async () => {
  const { payload } = await run(['invoke', 'callee', '', JSON.stringify(['fail', 'callee refused'])]);
  expect(JSON.parse(payload)).toEqual({ status: 500, message: 'callee refused', payload: '' });
});

test('on another channel the callee reads that channel, and its writes are discarded', async () => {
  harness.publicState.put('cc', 'fact', 'origin: Hangzhou');
  const read = await run(['invoke', 'cc', 'public', JSON.stringify(['get', 'fact'])]);
  expect(JSON.parse(read.payload)).toEqual({ status: 200, message: '', payload: 'origin: Hangzhou' });
  const write = await run(['invoke', 'cc', 'public', JSON.stringify(['put', 'x', 'lost'])]);
  expect(write.simulator.writes).toEqual([]);
  const publicSimulator = harness.ledgers.get('public')!.simulators.at(-1)!;
  expect(publicSimulator.txId).toBe(write.txId);
  expect(publicSimulator.writes).toEqual([{ op: 'put', ns: 'cc', key: 'x', value: 'lost' }]);
  expect(publicSimulator.resultsTaken).toBe(true);
});

test('a chaincode calling itself on the same channel is refused, as Fabric refuses it', async () => {
  const { execution, txId } = await run(['invoke', 'cc', '', JSON.stringify(['get', 'a'])]);
  expect(execution.response.getStatus()).toBe(500);
  expect(execution.response.getMessage()).toBe(
    `INVOKE_CHAINCODE failed: transaction ID: ${txId}: execute failed: error sending: txid: ${txId}(alliance) exists`,
  );
});

test('a chaincode the target channel does not define', async () => {
  const { execution, txId } = await run(['invoke', 'callee', 'public', JSON.stringify(['get', 'a'])]);
  expect(execution.response.getMessage()).toBe(
    `INVOKE_CHAINCODE failed: transaction ID: ${txId}: execute failed: invalid invocation: [channel public] failed to get chaincode container info for callee: chaincode callee not found`,
  );
});

test('the peer/ChaincodeToChaincode ACL: the creator must be a writer of the called channel', async () => {
  const writers = { evaluate: (identities: readonly { mspId: string }[]) => identities.some((i) => i.mspId === 'Org1MSP') };
  const policies = { get: (path: string) => (path === '/Channel/Application/Writers' ? writers : undefined) };
  const support = harness.newSupport({ policiesFor: (channel) => (channel === 'public' ? policies : undefined) });
  support.registerEndpoint(PACKAGE_A, harness.connection(PACKAGE_A));
  try {
    const allowed = await run(['invoke', 'cc', 'public', JSON.stringify(['get', 'fact'])], { on: support });
    expect(JSON.parse(allowed.payload).status).toBe(200);
    const denied = await run(['invoke', 'cc', 'public', JSON.stringify(['get', 'fact'])], { on: support, creator: harness.org2 });
    expect(denied.execution.response.getMessage()).toBe(
      `INVOKE_CHAINCODE failed: transaction ID: ${denied.txId}: Failed evaluating policy on signed data during check policy on channel [public] with policy [/Channel/Application/Writers]: [signature set did not satisfy policy]`,
    );
  } finally {
    support.close();
  }
});
