import type { Identity } from '../msp/api';
import type { ChaincodeInvocation } from './api';
import { checkNotInit, checkReadPermission, checkWritePermission } from './collection-acl';
import { testCollection, testDefinition } from './test-fixtures';
import { TransactionContext } from './transaction-context';

const definition = testDefinition('alliance', 'trace', 'trace_1:00', {
  collections: [
    testCollection('readOnlyMembers', ['Org1MSP'], { read: true, write: false }),
    testCollection('writeOnlyMembers', ['Org1MSP'], { read: false, write: true }),
    testCollection('open', ['Org1MSP'], { read: false, write: false }),
  ],
});

function context(mspId: string, isInit = false): TransactionContext {
  const creator = { mspId } as Identity;
  const invocation = { channel: 'alliance', chaincodeName: 'trace', txId: 'tx1', creator } as ChaincodeInvocation;
  return new TransactionContext({ invocation, definition, isInit });
}

const readDenied = 'tx creator does not have read access permission on privatedata in chaincodeName:trace collectionName: readOnlyMembers';
const writeDenied = 'tx creator does not have write access permission on privatedata in chaincodeName:trace collectionName: writeOnlyMembers';

test("a member of the collection's policy may read and write whatever the flags", () => {
  const member = context('Org1MSP');
  for (const collection of ['readOnlyMembers', 'writeOnlyMembers', 'open']) {
    expect(() => checkReadPermission(member, collection)).not.toThrow();
    expect(() => checkWritePermission(member, collection)).not.toThrow();
  }
});

test('a non-member is held to memberOnlyRead and memberOnlyWrite', () => {
  const outsider = context('Org2MSP');
  expect(() => checkReadPermission(outsider, 'readOnlyMembers')).toThrow(readDenied);
  expect(() => checkWritePermission(outsider, 'readOnlyMembers')).not.toThrow();
  expect(() => checkReadPermission(outsider, 'writeOnlyMembers')).not.toThrow();
  expect(() => checkWritePermission(outsider, 'writeOnlyMembers')).toThrow(writeDenied);
  expect(() => checkReadPermission(outsider, 'open')).not.toThrow();
  expect(() => checkWritePermission(outsider, 'open')).not.toThrow();
});

test("implicit org collections are open; unknown collections are Fabric's NoSuchCollectionError", () => {
  const outsider = context('Org2MSP');
  expect(() => checkReadPermission(outsider, '_implicit_org_Org1MSP')).not.toThrow();
  expect(() => checkWritePermission(outsider, '_implicit_org_Org1MSP')).not.toThrow();
  expect(() => checkReadPermission(outsider, 'missing')).toThrow('collection alliance/trace/missing could not be found');
});

test('the permission is evaluated once per execution', () => {
  const outsider = context('Org2MSP');
  expect(() => checkReadPermission(outsider, 'readOnlyMembers')).toThrow(readDenied);
  expect(outsider.collectionPermissions.get('readOnlyMembers')).toEqual({ read: false, write: true });
});

test('private data APIs are refused in Init', () => {
  expect(() => checkNotInit(context('Org1MSP', true))).toThrow('private data APIs are not allowed in chaincode Init()');
  expect(() => checkNotInit(context('Org1MSP'))).not.toThrow();
});
