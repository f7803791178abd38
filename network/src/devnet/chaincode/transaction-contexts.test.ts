import { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeInvocation } from './api';
import { ChaincodeError } from './api';
import { testDefinition } from './test-fixtures';
import { TransactionContexts } from './transaction-contexts';

const definition = testDefinition('alliance', 'cc', 'cc_1:00');

function invocation(channel: string, txId: string): ChaincodeInvocation {
  return { channel, txId, chaincodeName: 'cc' } as ChaincodeInvocation;
}

test('a second execution of the same channel and txid waits until the first is deleted', async () => {
  const contexts = new TransactionContexts();
  const first = await contexts.create({ invocation: invocation('alliance', 'tx1'), definition, isInit: false });
  let secondCreated = false;
  const second = contexts.create({ invocation: invocation('alliance', 'tx1'), definition, isInit: false }).then((context) => {
    secondCreated = true;
    return context;
  });
  const otherChannel = await contexts.create({ invocation: invocation('public', 'tx1'), definition, isInit: false });
  await new Promise((resolve) => setImmediate(resolve));
  expect(secondCreated).toBe(false);
  expect(contexts.get('alliance', 'tx1')).toBe(first);
  expect(contexts.get('public', 'tx1')).toBe(otherChannel);

  contexts.delete(first);
  const context = await second;
  expect(contexts.get('alliance', 'tx1')).toBe(context);
  contexts.delete(context);
  expect(contexts.get('alliance', 'tx1')).toBeUndefined();
});

test("a call back into a running execution's name is refused with Fabric's error", async () => {
  const contexts = new TransactionContexts();
  const caller = await contexts.create({ invocation: invocation('alliance', 'tx1'), definition, isInit: false });
  await expect(contexts.create({ invocation: invocation('alliance', 'tx1'), definition, isInit: false, parent: caller })).rejects.toThrow(
    new ChaincodeError('txid: tx1(alliance) exists'),
  );
});

test('failAll rejects every running execution; complete resolves one', async () => {
  const contexts = new TransactionContexts();
  const a = await contexts.create({ invocation: invocation('alliance', 'a'), definition, isInit: false });
  const b = await contexts.create({ invocation: invocation('alliance', 'b'), definition, isInit: false });
  const completed = new peer.ChaincodeMessage();
  a.complete(completed);
  contexts.failAll(new ChaincodeError('chaincode stream terminated'));
  await expect(a.response).resolves.toBe(completed);
  await expect(b.response).rejects.toThrow('chaincode stream terminated');
});
