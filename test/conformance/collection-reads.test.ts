// Whose endorsement a transaction that reads private data needs. The endorsing peer reports a chaincode interest
// with a call per collection whose private values the transaction read; discovery then keeps only peers of that
// collection's member orgs and asks them for the collection's own endorsement policy (the chaincode's where it
// has none), and for the chaincode's policy, since the hashed reads touch the chaincode's namespace. A read of a
// value's hash only is not a private read.
//   manufacturerPrivate  members Manufacturer + Regulator; endorsement policy OR(Manufacturer.peer, Regulator.peer)
//   manufacturerAlone    member Manufacturer only; no policy of its own: the chaincode's 2 of 5, which the
//                        Manufacturer's peer alone cannot meet (nothing is ever written to it: see dissemination)
import * as grpc from '@grpc/grpc-js';
import { EndorseError, StatusCode } from '@hyperledger/fabric-gateway';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { useTestNetwork } from '../support/suite';
import { rejectionOf, submitAndWait } from '../support/transactions';
import { ALLIANCE, contractsOf, type Contracts } from './conformance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

let manufacturer: Contracts;

beforeAll(() => {
  manufacturer = contractsOf(network().connect('Manufacturer'));
});

/** The orgs whose peers endorsed a committed transaction, as the ledger holds it. */
async function endorsersOf(txId: string): Promise<string[]> {
  const qscc = manufacturer.network.getContract('qscc');
  const processed = peer.ProcessedTransaction.deserializeBinary(await qscc.evaluateTransaction('GetTransactionByID', ALLIANCE, txId));
  const payload = common.Payload.deserializeBinary(processed.getTransactionenvelope()!.getPayload_asU8());
  const [action] = peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList();
  const endorsed = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction()!;
  return endorsed
    .getEndorsementsList()
    .map((e) => msp.SerializedIdentity.deserializeBinary(e.getEndorser_asU8()).getMspid())
    .sort();
}

test("a collection read: its members endorse, meeting its policy and the chaincode's", async () => {
  const committed = await submitAndWait(manufacturer.data, 'getPrivate', { arguments: ['manufacturerPrivate', 'read-by-members'] });
  expect(committed.status.code).toBe(StatusCode.VALID);
  expect(await endorsersOf(committed.txId)).toEqual(['ManufacturerMSP', 'RegulatorMSP']);
});

test('a collection whose members cannot meet its endorsement policy, read: discovery finds no endorsers (FAILED_PRECONDITION)', async () => {
  const proposal = manufacturer.data.newProposal('getPrivate', { arguments: ['manufacturerAlone', 'unreachable'] });
  const error = await rejectionOf(proposal.endorse());
  expect(error).toBeInstanceOf(EndorseError);
  const { code, message, details } = error as EndorseError;
  expect(code).toBe(grpc.status.FAILED_PRECONDITION);
  expect(message.replace(/^\d+ [A-Z_]+: /, '')).toBe(
    'no combination of peers can be derived which satisfy the endorsement policy: no peer combination can satisfy the endorsement policy',
  );
  expect(details).toEqual([]);
});

test("the same collection's hash read: no private read, any two orgs endorse by the chaincode's policy", async () => {
  const committed = await submitAndWait(manufacturer.data, 'getPrivateHash', { arguments: ['manufacturerAlone', 'hash-only'] });
  expect(committed.status.code).toBe(StatusCode.VALID);
  expect(await endorsersOf(committed.txId)).toHaveLength(2);
});

describe('the same read with endorsing organizations named: no discovery, commit validation decides', () => {
  test("a member and a non-member (the key is absent on both peers): endorsed, VALID by the chaincode's 2 of 5", async () => {
    const committed = await submitAndWait(manufacturer.data, 'getPrivate', {
      arguments: ['manufacturerAlone', 'named'],
      endorsingOrganizations: ['ManufacturerMSP', 'PlatformMSP'],
    });
    expect(committed.status.code).toBe(StatusCode.VALID);
    expect(await endorsersOf(committed.txId)).toEqual(['ManufacturerMSP', 'PlatformMSP']);
  });

  test("the member alone: endorsed, then ENDORSEMENT_POLICY_FAILURE, the chaincode's policy not met", async () => {
    const committed = await submitAndWait(manufacturer.data, 'getPrivate', {
      arguments: ['manufacturerAlone', 'named-alone'],
      endorsingOrganizations: ['ManufacturerMSP'],
    });
    expect(committed.status.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
  });
});
