// Whose endorsement private writes need: the gateway plans from the written collections' own endorsement policies
// (the chaincode's applies only to a collection without one), and validation holds the transaction to the same.
// Every org also has an implicit collection per chaincode, "_implicit_org_<MSPID>", endorsed by that org's peers
// (its Endorsement policy at validation, any member of it in discovery).
//   manufacturerPrivate  endorsement policy OR(Manufacturer.peer, Regulator.peer); the chaincode's is 2 of 5
//   sharedOpen           no policy of its own; members Manufacturer + Platform
import { StatusCode, type Contract } from '@hyperledger/fabric-gateway';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { json, utf8 } from '../support/bytes';
import { useTestNetwork } from '../support/suite';
import { submitAndWait, type Committed } from '../support/transactions';
import { ALLIANCE, contractsOf, type Contracts } from './conformance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });
const MANUFACTURER_IMPLICIT = '_implicit_org_ManufacturerMSP';
const LOGISTICS_IMPLICIT = '_implicit_org_LogisticsMSP';

let manufacturer: Contracts;
let qscc: Contract;

beforeAll(() => {
  manufacturer = contractsOf(network().connect('Manufacturer'));
  qscc = manufacturer.network.getContract('qscc');
});

function putPrivate(collection: string, key: string, value: string, endorsingOrganizations?: string[]): Promise<Committed> {
  return submitAndWait(manufacturer.data, 'putPrivate', { arguments: [collection, key], transientData: { value: utf8(value) }, endorsingOrganizations });
}

/** The orgs whose peers endorsed a committed transaction, as the ledger holds it. */
async function endorsersOf(txId: string): Promise<string[]> {
  const processed = peer.ProcessedTransaction.deserializeBinary(await qscc.evaluateTransaction('GetTransactionByID', ALLIANCE, txId));
  const payload = common.Payload.deserializeBinary(processed.getTransactionenvelope()!.getPayload_asU8());
  const [action] = peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList();
  const endorsed = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction()!;
  return endorsed
    .getEndorsementsList()
    .map((e) => msp.SerializedIdentity.deserializeBinary(e.getEndorser_asU8()).getMspid())
    .sort();
}

describe("a collection's own endorsement policy replaces the chaincode's in the gateway's plan", () => {
  test("manufacturerPrivate: the Manufacturer's peer alone endorses, and the write is VALID", async () => {
    const committed = await putPrivate('manufacturerPrivate', 'own-policy', 'v1');
    expect(committed.status.code).toBe(StatusCode.VALID);
    expect(await endorsersOf(committed.txId)).toEqual(['ManufacturerMSP']);
  });

  test("sharedOpen, without a policy of its own: the chaincode's 2 of 5, from the collection's members", async () => {
    const committed = await putPrivate('sharedOpen', 'chaincode-policy', 'v1');
    expect(committed.status.code).toBe(StatusCode.VALID);
    expect(await endorsersOf(committed.txId)).toEqual(['ManufacturerMSP', 'PlatformMSP']);
  });
});

describe("an org's implicit collection", () => {
  test('written through the gateway with no endorsers named: its org endorses alone, the write is VALID and reads back', async () => {
    const committed = await putPrivate(MANUFACTURER_IMPLICIT, 'note', 'only ours');
    expect(committed.status.code).toBe(StatusCode.VALID);
    expect(await endorsersOf(committed.txId)).toEqual(['ManufacturerMSP']);
    expect(json(await manufacturer.data.evaluateTransaction('getPrivate', MANUFACTURER_IMPLICIT, 'note'))).toEqual({
      collection: MANUFACTURER_IMPLICIT,
      key: 'note',
      value: 'only ours',
    });
  });

  test("endorsed by its own org and another: VALID, the other org's endorsement is more than needed", async () => {
    const committed = await putPrivate(MANUFACTURER_IMPLICIT, 'shared', 'v1', ['ManufacturerMSP', 'RegulatorMSP']);
    expect(committed.status.code).toBe(StatusCode.VALID);
  });

  // Last: the org whose collection it is never receives the data of an invalid write, and a Fabric peer waits for
  // it before giving up; that org is not the gateway's, so the status below does not wait with it.
  test("endorsed by another org's peer only: ENDORSEMENT_POLICY_FAILURE, nothing written", async () => {
    const committed = await putPrivate(LOGISTICS_IMPLICIT, 'forged', 'not theirs', ['PlatformMSP']);
    expect(committed.status.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
    expect(json(await manufacturer.data.evaluateTransaction('getPrivateHash', LOGISTICS_IMPLICIT, 'forged'))).toEqual({
      collection: LOGISTICS_IMPLICIT,
      key: 'forged',
      hash: null,
    });
  });
});
