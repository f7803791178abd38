// What validation decides: MVCC conflicts, chaincode-level and key-level endorsement policies, and identities the
// network never issued, refused at every entrance (evaluate, submit, events).
import * as grpc from '@grpc/grpc-js';
import { EndorseError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { json } from '../support/bytes';
import { createOutsiderIdentity } from '../support/outsider';
import { take } from '../support/streams';
import { useTestNetwork } from '../support/suite';
import { rejectionOf, submitAndWait } from '../support/transactions';
import { ALLIANCE, CHAINCODE, contractsOf, PUBLIC, valueOf, type Contracts } from './conformance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

let manufacturer: Contracts;

beforeAll(() => {
  manufacturer = contractsOf(network().connect('Manufacturer'));
});

test('MVCC: two read-then-write updates endorsed on the same version: one VALID, the other MVCC_READ_CONFLICT', async () => {
  const { data, tx } = manufacturer;
  await data.submitTransaction('put', 'stock', '10');
  // Both are endorsed before either is submitted, so both read version "10".
  const endorsed = await Promise.all(['9', '8'].map((value) => tx.newProposal('update', { arguments: ['stock', value] }).endorse()));
  for (const transaction of endorsed) expect(json(transaction.getResult())).toEqual({ previous: '10' });
  const submitted = [];
  for (const transaction of endorsed) submitted.push(await transaction.submit());
  const statuses = await Promise.all(submitted.map((s) => s.getStatus()));
  expect(statuses.map((s) => s.code).sort((a, b) => a - b)).toEqual([StatusCode.VALID, StatusCode.MVCC_READ_CONFLICT]);
  const winner = statuses.findIndex((s) => s.successful);
  expect(await valueOf(data, 'stock')).toEqual({ key: 'stock', value: ['9', '8'][winner] });
});

test('alliance (2 of 5 orgs): a write endorsed by one org commits as ENDORSEMENT_POLICY_FAILURE and changes nothing', async () => {
  const { data } = manufacturer;
  const forged = await submitAndWait(data, 'put', { arguments: ['certificate', 'claimed alone'], endorsingOrganizations: ['ManufacturerMSP'] });
  expect(forged.status).toMatchObject({ code: StatusCode.ENDORSEMENT_POLICY_FAILURE, successful: false, transactionId: forged.txId });
  expect(await valueOf(data, 'certificate')).toEqual({ key: 'certificate', value: null });

  const agreed = await submitAndWait(data, 'put', {
    arguments: ['certificate', 'agreed by two'],
    endorsingOrganizations: ['ManufacturerMSP', 'PlatformMSP'],
  });
  expect(agreed.status.code).toBe(StatusCode.VALID);
  expect(await valueOf(data, 'certificate')).toEqual({ key: 'certificate', value: 'agreed by two' });
});

test('public (any one org): a write endorsed by one org is VALID', async () => {
  const { data } = contractsOf(network().connect('Customs'), PUBLIC);
  const committed = await submitAndWait(data, 'put', { arguments: ['notice', 'recall lot 7'], endorsingOrganizations: ['CustomsMSP'] });
  expect(committed.status.code).toBe(StatusCode.VALID);
  expect(await valueOf(data, 'notice')).toEqual({ key: 'notice', value: 'recall lot 7' });
});

describe('state-based endorsement (setStateValidationParameter)', () => {
  const keyPolicy = async (key: string) => json(await manufacturer.data.evaluateTransaction('getKeyPolicy', key));

  test('the key policy reads back; writes need its orgs, however many others endorse', async () => {
    const { data } = manufacturer;
    await data.submitTransaction('put', 'sbe-pair', 'v0');
    expect(await keyPolicy('sbe-pair')).toEqual({ key: 'sbe-pair', orgs: [] });
    await data.submitTransaction('setKeyPolicy', 'sbe-pair', JSON.stringify(['RegulatorMSP', 'CustomsMSP']));
    expect(await keyPolicy('sbe-pair')).toEqual({ key: 'sbe-pair', orgs: ['CustomsMSP', 'RegulatorMSP'] });

    // Two orgs satisfy the chaincode's policy, but not the key's.
    const others = await submitAndWait(data, 'put', { arguments: ['sbe-pair', 'v1'], endorsingOrganizations: ['ManufacturerMSP', 'PlatformMSP'] });
    expect(others.status.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
    expect(await valueOf(data, 'sbe-pair')).toEqual({ key: 'sbe-pair', value: 'v0' });

    const owners = await submitAndWait(data, 'put', { arguments: ['sbe-pair', 'v2'], endorsingOrganizations: ['CustomsMSP', 'RegulatorMSP'] });
    expect(owners.status.code).toBe(StatusCode.VALID);
    expect(await valueOf(data, 'sbe-pair')).toEqual({ key: 'sbe-pair', value: 'v2' });
  });

  test("the key policy replaces the chaincode's: one listed org suffices where the chaincode asks for two", async () => {
    const { data } = manufacturer;
    await data.submitTransaction('put', 'sbe-single', 'v0');
    await data.submitTransaction('setKeyPolicy', 'sbe-single', JSON.stringify(['CustomsMSP']));
    const alone = await submitAndWait(data, 'put', { arguments: ['sbe-single', 'v1'], endorsingOrganizations: ['CustomsMSP'] });
    expect(alone.status.code).toBe(StatusCode.VALID);
    expect(await valueOf(data, 'sbe-single')).toEqual({ key: 'sbe-single', value: 'v1' });
  });
});

describe('an identity the network never issued (self-signed, claiming ManufacturerMSP)', () => {
  // Fabric fails the creator at deserialization: its certificate does not chain to ManufacturerMSP's CAs.
  const denied = `error validating proposal: access denied: channel [${ALLIANCE}] creator org unknown, creator is malformed`;
  let outsider: Contracts;

  beforeAll(async () => {
    outsider = contractsOf(network().connectAs('Manufacturer', await createOutsiderIdentity('ManufacturerMSP')));
  });

  test('evaluate: the peer refuses the proposal', async () => {
    const error = await rejectionOf(outsider.data.evaluateTransaction('get', 'certificate'));
    expect(error).toBeInstanceOf(GatewayError);
    const { code, message, details } = error as GatewayError;
    expect(code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(message).toContain(`evaluate call to endorser returned error: ${denied}`);
    expect(details.map((d) => [d.mspId, d.message])).toEqual([['ManufacturerMSP', denied]]);
  });

  test('submit: endorsement is refused and nothing is written', async () => {
    const error = await rejectionOf(outsider.data.submitTransaction('put', 'outsider-write', 'forged'));
    expect(error).toBeInstanceOf(EndorseError);
    const { code, message, details } = error as EndorseError;
    expect(code).toBe(grpc.status.ABORTED);
    expect(message).toContain('failed to endorse transaction, see attached details for more info');
    expect(details.map((d) => [d.mspId, d.message])).toEqual([['ManufacturerMSP', denied]]);
    expect(await valueOf(manufacturer.data, 'outsider-write')).toEqual({ key: 'outsider-write', value: null });
  });

  test('chaincode events: PERMISSION_DENIED', async () => {
    const error = await rejectionOf(take(await outsider.network.getChaincodeEvents(CHAINCODE, { startBlock: 0n }), 1));
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe(grpc.status.PERMISSION_DENIED);
  });

  test('block events, filtered block events, blocks with private data: the deliver service answers FORBIDDEN', async () => {
    const { network: channel } = outsider;
    const streams = [
      channel.getBlockEvents({ startBlock: 0n }),
      channel.getFilteredBlockEvents({ startBlock: 0n }),
      channel.getBlockAndPrivateDataEvents({ startBlock: 0n }),
    ];
    for (const stream of streams) {
      const error = await rejectionOf(take<unknown>(await stream, 1));
      expect((error as Error).message).toBe('Unexpected status response: 403');
    }
  });
});
