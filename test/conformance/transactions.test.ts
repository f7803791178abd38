// What a transaction sees of itself (creator, attributes, txId, channel, transient map), chaincode-to-chaincode
// calls on the same and on another channel, and how a chaincode error reaches the client.
import * as grpc from '@grpc/grpc-js';
import { EndorseError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { json, sha256, utf8 } from '../support/bytes';
import { expectedClientId, namesPeer } from '../support/identities';
import { useTestNetwork } from '../support/suite';
import { rejectionOf, submitAndWait } from '../support/transactions';
import { ALLIANCE, CALLEE, CHAINCODE, contractsOf, ORGS, PUBLIC, USER_ROLES, valueOf, type Contracts } from './conformance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

interface Invoked {
  readonly status: number;
  readonly message: string;
  readonly payload: string;
}

let manufacturer: Contracts;
let manufacturerOnPublic: Contracts;

beforeAll(() => {
  const connection = network().connect('Manufacturer');
  manufacturer = contractsOf(connection, ALLIANCE);
  manufacturerOnPublic = contractsOf(connection, PUBLIC);
});

test.each(ORGS)('%s User1: getMSPID, getID, the role attribute, getTxID and getChannelID as the chaincode sees them', async (orgName) => {
  const connection = network().connect(orgName);
  for (const channel of [ALLIANCE, PUBLIC]) {
    const proposal = contractsOf(connection, channel).tx.newProposal('whoAmI');
    expect(json(await proposal.evaluate())).toEqual({
      mspId: network().org(orgName).mspId,
      id: expectedClientId(network().identity(orgName).certificatePem),
      role: USER_ROLES[orgName],
      txId: proposal.getTransactionId(),
      channel,
    });
  }
  connection.close();
});

test('getTransient: the chaincode receives the transient map exactly as sent, binary included', async () => {
  const transientData = { note: utf8('for endorsers only'), blob: Uint8Array.from([0, 1, 2, 254, 255]) };
  const result = json(await manufacturer.tx.evaluate('transient', { transientData }));
  expect(result).toEqual({
    entries: { note: sha256(transientData.note).toString('hex'), blob: sha256(transientData.blob).toString('hex') },
  });
});

describe('invokeChaincode', () => {
  test('on the same channel: the called chaincode answers from its own namespace', async () => {
    const callee = manufacturer.network.getContract(CALLEE);
    await callee.submitTransaction('put', 'called-read', 'visible to the callee');
    const answer = json<Invoked>(await manufacturer.tx.evaluateTransaction('invoke', CALLEE, '', JSON.stringify(['get', 'called-read'])));
    expect(answer).toEqual({ status: 200, message: '', payload: JSON.stringify({ key: 'called-read', value: 'visible to the callee' }) });
    // The caller's namespace is another one: the same key there was never written.
    expect(await valueOf(manufacturer.data, 'called-read')).toEqual({ key: 'called-read', value: null });
  });

  test("on the same channel: the called chaincode's writes commit with the caller's transaction", async () => {
    const committed = await submitAndWait(manufacturer.tx, 'invoke', { arguments: [CALLEE, '', JSON.stringify(['put', 'called-write', 'kept'])] });
    expect(committed.status.code).toBe(StatusCode.VALID);
    expect(json(committed.result)).toEqual({ status: 200, message: '', payload: '' });
    expect(await valueOf(manufacturer.network.getContract(CALLEE), 'called-write')).toEqual({ key: 'called-write', value: 'kept' });
  });

  test('on the same channel: a chaincode calling itself is refused, as the transaction is already running there', async () => {
    const proposal = manufacturer.tx.newProposal('invoke', { arguments: [CHAINCODE, '', JSON.stringify(['get', 'self'])] });
    const error = await rejectionOf(proposal.evaluate());
    expect(error).toBeInstanceOf(GatewayError);
    const [detail] = (error as GatewayError).details;
    expect(detail.message).toMatch(/^chaincode response 500, /);
    expect(detail.message).toContain(`txid: ${proposal.getTransactionId()}(${ALLIANCE}) exists`);
  });

  test('across channels: from alliance, the chaincode reads public state', async () => {
    await manufacturerOnPublic.data.submitTransaction('put', 'public-fact', 'origin: Hangzhou');
    const answer = json<Invoked>(await manufacturer.tx.evaluateTransaction('invoke', CHAINCODE, PUBLIC, JSON.stringify(['get', 'public-fact'])));
    expect(answer).toEqual({ status: 200, message: '', payload: JSON.stringify({ key: 'public-fact', value: 'origin: Hangzhou' }) });
  });

  test("across channels: the called chaincode's writes are discarded, on both channels", async () => {
    const committed = await submitAndWait(manufacturer.tx, 'invoke', {
      arguments: [CHAINCODE, PUBLIC, JSON.stringify(['put', 'cross-channel-write', 'must not persist'])],
    });
    expect(committed.status.code).toBe(StatusCode.VALID);
    expect(json(committed.result)).toEqual({ status: 200, message: '', payload: '' });
    expect(await valueOf(manufacturerOnPublic.data, 'cross-channel-write')).toEqual({ key: 'cross-channel-write', value: null });
    expect(await valueOf(manufacturer.data, 'cross-channel-write')).toEqual({ key: 'cross-channel-write', value: null });
  });
});

describe('a chaincode error reaches the client with its message', () => {
  test('evaluate: GatewayError UNKNOWN, "chaincode response 500, <message>" from the evaluating peer', async () => {
    const error = await rejectionOf(manufacturer.tx.evaluateTransaction('fail', 'failed-evaluate', 'widget exploded'));
    expect(error).toBeInstanceOf(GatewayError);
    const { code, message, details } = error as GatewayError;
    expect(code).toBe(grpc.status.UNKNOWN);
    expect(message).toContain('evaluate call to endorser returned error: chaincode response 500, widget exploded');
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({ mspId: 'ManufacturerMSP', message: 'chaincode response 500, widget exploded' });
    expect(namesPeer(details[0].address, network().org('Manufacturer').peer)).toBe(true);
  });

  test('submit: EndorseError ABORTED for the transaction, the detail from the gateway peer, nothing written', async () => {
    const proposal = manufacturer.tx.newProposal('fail', { arguments: ['failed-submit', 'widget exploded'] });
    const error = await rejectionOf(proposal.endorse());
    expect(error).toBeInstanceOf(EndorseError);
    const { code, message, details, transactionId } = error as EndorseError;
    expect(code).toBe(grpc.status.ABORTED);
    expect(transactionId).toBe(proposal.getTransactionId());
    expect(message).toContain('failed to endorse transaction, see attached details for more info');
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({ mspId: 'ManufacturerMSP', message: 'chaincode response 500, widget exploded' });
    expect(namesPeer(details[0].address, network().org('Manufacturer').peer)).toBe(true);
    expect(await valueOf(manufacturer.data, 'failed-submit')).toEqual({ key: 'failed-submit', value: null });
  });
});
