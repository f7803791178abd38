// Products (class level, by GTIN): registered and updated only by their brand owner, a manufacturer.
import { StatusCode } from '@hyperledger/fabric-gateway';
import { useTestNetwork } from '../support/suite';
import { submitAndWait } from '../support/transactions';
import { json, refusalOf, registerEnterprises, traceContracts } from './alliance';

jest.setTimeout(120_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

beforeAll(() => registerEnterprises(network()));

const tea = {
  gtin: '9506000134352',
  name: 'Green tea 250 g',
  category: 'food',
  origin: 'CN',
  standards: ['GB 2763-2021'],
  expectedSteps: ['commissioning', 'inspecting', 'accepting', 'retail_selling'],
  limits: { storageTemperature: { min: 0, max: 25 } },
};

test('a manufacturer registers a product, which every member reads by GTIN in any length', async () => {
  await traceContracts(network(), 'Manufacturer').product.submitTransaction('register', JSON.stringify(tea));
  for (const gtin of ['9506000134352', '09506000134352']) {
    expect(json(await traceContracts(network(), 'Customs').product.evaluateTransaction('get', gtin))).toEqual({ ...tea, gtin: '09506000134352', brandOwner: 'ManufacturerMSP' });
  }
});

test('another role cannot register products; a bad GTIN or step is refused with where', async () => {
  expect(await refusalOf(traceContracts(network(), 'Platform').product.submitTransaction('register', JSON.stringify(tea)))).toMatch(
    /ROLE_NOT_AUTHORISED: only a manufacturer registers products/,
  );
  const manufacturer = traceContracts(network(), 'Manufacturer').product;
  expect(await refusalOf(manufacturer.submitTransaction('register', JSON.stringify({ ...tea, gtin: '9506000134353' })))).toMatch(
    /INVALID_PRODUCT: gtin: a GTIN-8, -12, -13 or -14 with a correct check digit/,
  );
  expect(await refusalOf(manufacturer.submitTransaction('register', JSON.stringify({ ...tea, expectedSteps: ['teleporting'] })))).toMatch(
    /INVALID_PRODUCT: expectedSteps\.0: a CBV 2\.0 business step/,
  );
  expect(await refusalOf(manufacturer.evaluateTransaction('get', '12345'))).toMatch(/INVALID_PRODUCT: '12345' is not a GTIN/);
});

test('a product registration endorsed by the manufacturer alone is invalidated at commit', async () => {
  const forged = await submitAndWait(traceContracts(network(), 'Manufacturer').product, 'register', {
    arguments: [JSON.stringify({ ...tea, name: 'Premium green tea' })],
    endorsingOrganizations: ['ManufacturerMSP'],
  });
  expect(forged.status.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
  expect(json<{ name: string }>(await traceContracts(network(), 'Logistics').product.evaluateTransaction('get', tea.gtin)).name).toBe('Green tea 250 g');
});
