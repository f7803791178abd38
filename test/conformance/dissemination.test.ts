// A peer disseminates the private data it simulated before it endorses, and refuses the proposal when it knows too
// few other peers eligible for a collection (its requiredPeerCount), on submit and on evaluate alike.
//   manufacturerWitnessed  Manufacturer + Regulator, requiredPeerCount 1: the Regulator's peer is eligible
//   manufacturerAlone      Manufacturer only, requiredPeerCount 1: no other peer is
import * as grpc from '@grpc/grpc-js';
import { EndorseError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { json, utf8 } from '../support/bytes';
import { useTestNetwork } from '../support/suite';
import { rejectionOf, submitAndWait } from '../support/transactions';
import { ALLIANCE, CHAINCODE, contractsOf, type Contracts } from './conformance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

let manufacturer: Contracts;

beforeAll(() => {
  manufacturer = contractsOf(network().connect('Manufacturer'));
});

function putPrivateOptions(collection: string, key: string) {
  return { arguments: [collection, key], transientData: { value: utf8('sealed') } };
}

function refused(txId: string): string {
  return (
    `error in simulation: failed to distribute private collection, txID ${txId}, channel ${ALLIANCE}: ` +
    `could not build private data dissemination plan for chaincode ${CHAINCODE} and collection manufacturerAlone: ` +
    'required to disseminate to at least 1 peers, but know of only 0 eligible peers'
  );
}

test('enough eligible peers: the write is endorsed, committed and read back', async () => {
  const committed = await submitAndWait(manufacturer.data, 'putPrivate', putPrivateOptions('manufacturerWitnessed', 'witnessed'));
  expect(committed.status.code).toBe(StatusCode.VALID);
  expect(json(await manufacturer.data.evaluateTransaction('getPrivate', 'manufacturerWitnessed', 'witnessed'))).toEqual({
    collection: 'manufacturerWitnessed',
    key: 'witnessed',
    value: 'sealed',
  });
});

test('too few eligible peers: submit is refused at endorsement, and nothing is written', async () => {
  const proposal = manufacturer.data.newProposal('putPrivate', putPrivateOptions('manufacturerAlone', 'alone'));
  const error = await rejectionOf(proposal.endorse());
  expect(error).toBeInstanceOf(EndorseError);
  const { code, details } = error as EndorseError;
  expect(code).toBe(grpc.status.ABORTED);
  expect(details.map((d) => [d.mspId, d.message])).toEqual([['ManufacturerMSP', refused(proposal.getTransactionId())]]);
  expect(json(await manufacturer.data.evaluateTransaction('getPrivate', 'manufacturerAlone', 'alone'))).toEqual({
    collection: 'manufacturerAlone',
    key: 'alone',
    value: null,
  });
});

test('too few eligible peers: an evaluate that writes is refused the same way', async () => {
  const proposal = manufacturer.data.newProposal('putPrivate', putPrivateOptions('manufacturerAlone', 'evaluated'));
  const error = await rejectionOf(proposal.evaluate());
  expect(error).toBeInstanceOf(GatewayError);
  const { code, details } = error as GatewayError;
  expect(code).toBe(grpc.status.ABORTED);
  expect(details.map((d) => [d.mspId, d.message])).toEqual([['ManufacturerMSP', refused(proposal.getTransactionId())]]);
});
