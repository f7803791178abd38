// The desk in headless Chromium, against gateways on a network: the regulator opens it with a key, sees an alert
// arrive live when customs records a failed inspection, acknowledges it, sees the figures, issues a recall and sees
// it listed, traces an item along its timeline, and suspends an enterprise with a reason; a firm's user sees the
// same page without the regulator's actions.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { USER_ROLES, type OrgName } from '../support/orgs';
import { useTestNetwork } from '../support/suite';
import { startOrgGateway, type OrgGateway } from './gateways';

jest.setTimeout(180_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });
/** Screenshots go to a temporary folder; SCREENSHOT_DIR=docs/screenshots refreshes the README's. */
const SCREENSHOTS = path.resolve(process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), 'crossborder-trace-screenshots'));

const ORGS: readonly OrgName[] = ['Manufacturer', 'Platform', 'Logistics', 'Customs', 'Regulator'];
const PLATFORM_PARTY = 'https://id.gs1.org/417/6901234000016';
const gateways: Partial<Record<OrgName, OrgGateway>> = {};
let browser: Browser;
const ITEM = 'https://id.gs1.org/01/09506000134352/21/DESK1';

beforeAll(async () => {
  for (const org of ORGS) {
    const gateway = await startOrgGateway(network(), org);
    gateways[org] = gateway;
    const registration = { name: `${org} Co.`, country: org === 'Manufacturer' || org === 'Logistics' ? 'DE' : 'CN', roles: [USER_ROLES[org]] };
    expect((await gateway.call(gateway.key('Admin'), 'POST', '/enterprises', { body: registration })).status).toBe(201);
  }
  const manufacturer = gateways.Manufacturer!;
  const event = (minute: number, members: Record<string, unknown>) => ({
    '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'],
    type: 'ObjectEvent',
    eventTime: `2026-04-02T09:0${minute}:00Z`,
    eventTimeZoneOffset: '+02:00',
    epcList: [ITEM],
    ...members,
  });
  const key = manufacturer.key('User1');
  const shipping = event(3, { action: 'OBSERVE', bizStep: 'shipping', destinationList: [{ type: 'possessing_party', destination: PLATFORM_PARTY }] });
  for (const body of [event(1, { action: 'ADD', bizStep: 'commissioning', disposition: 'active' }), event(2, { action: 'OBSERVE', bizStep: 'packing' }), shipping]) {
    expect((await manufacturer.call(key, 'POST', '/events', { body })).status).toBe(201);
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const g of Object.values(gateways)) await g?.close();
});

async function openDesk(gateway: OrgGateway, user: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${gateway.url}/desk`);
  await page.fill('#key', gateway.key(user));
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#enterprises tr');
  expect(errors).toEqual([]);
  return page;
}

test('the regulator sees an alert arrive live, acknowledges it, sees the figures, and issues a recall', async () => {
  const page = await openDesk(gateways.Regulator!, 'User1');
  expect(await page.textContent('#who')).toContain('regulator');
  expect(await page.locator('#alerts li[data-rule="failed-inspection"]').count()).toBe(0);

  // Customs finds the goods in transit non-conformant: the alert reaches the open page without a reload.
  const customs = gateways.Customs!;
  const inspection = {
    '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'],
    type: 'ObjectEvent',
    eventTime: '2026-04-02T09:04:00Z',
    eventTimeZoneOffset: '+08:00',
    action: 'OBSERVE',
    epcList: [ITEM],
    bizStep: 'inspecting',
    disposition: 'non_conformant',
  };
  expect((await customs.call(customs.key('User1'), 'POST', '/events', { body: inspection })).status).toBe(201);
  const alert = page.locator('#alerts li[data-rule="failed-inspection"]');
  await alert.waitFor();
  expect(await alert.textContent()).toContain('ManufacturerMSP');
  page.once('dialog', (dialog) => void dialog.accept('Lot held at the port; the brand owner is told'));
  await alert.locator('button').click();
  await page.waitForSelector('#alerts li[data-rule="failed-inspection"].acknowledged');
  await page.waitForSelector('#figures tr[data-msp="ManufacturerMSP"]');
  expect(await page.textContent('#figures tr[data-msp="ManufacturerMSP"]')).toContain('0% (0 of 1)');

  await page.fill('#recall-gtin', '09506000134352');
  await page.fill('#recall-serials', 'DESK1');
  await page.fill('#recall-reason', 'Failed inspection at the port');
  await page.selectOption('#recall-severity', 'class_ii');
  await page.click('#panel-recall button[type=submit]');
  await page.waitForSelector('#recalls li');
  expect(await page.textContent('#recalls li')).toContain('Failed inspection at the port');
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'desk-alert-recall.png'), fullPage: true });
  await page.close();
});

test('the regulator traces an item on its timeline and suspends an enterprise with a reason', async () => {
  const page = await openDesk(gateways.Regulator!, 'User1');
  expect(await page.locator('#enterprises tr').count()).toBe(ORGS.length);

  await page.fill('#trace-item', 'urn:epc:id:sgtin:9506000.013435.DESK1');
  await page.click('#panel-trace button[type=submit]');
  await page.waitForSelector('ol.timeline li');
  expect(await page.locator('ol.timeline li .step').allTextContents()).toEqual(['commissioning', 'packing', 'shipping', 'inspecting']);
  expect(await page.locator('ol.timeline li .who').first().textContent()).toBe('ManufacturerMSP');

  page.once('dialog', (dialog) => void dialog.accept('Repeated cold-chain breaches'));
  await page.click('button[data-msp="LogisticsMSP"]');
  await page.waitForSelector('#enterprises tr:has-text("LogisticsMSP") td.suspended');
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'desk-regulator.png'), fullPage: true });
  const status = await gateways.Regulator!.call(gateways.Regulator!.key('User1'), 'GET', '/enterprises/LogisticsMSP');
  expect(await status.json()).toMatchObject({ status: 'suspended' });
  await page.close();
});

test("a firm's user sees the desk without the regulator's actions", async () => {
  const page = await openDesk(gateways.Manufacturer!, 'User1');
  expect(await page.textContent('#who')).toContain('your own products');
  expect(await page.locator('#enterprises button').count()).toBe(0);
  await page.close();
});

test('a key that is not valid leaves the desk closed and says so', async () => {
  const page = await browser.newPage();
  await page.goto(`${gateways.Regulator!.url}/desk`);
  await page.fill('#key', 'cbt_not-a-key');
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#login .error');
  expect(await page.isHidden('#desk')).toBe(true);
  await page.close();
});

test("the figures are the regulator's whole and a firm's own: no firm reads another's pass rates", async () => {
  const figuresOf = async (org: OrgName) => {
    const gateway = gateways[org]!;
    const response = await gateway.call(gateway.key('User1'), 'GET', '/figures?days=30');
    expect(response.status).toBe(200);
    return ((await response.json()) as { enterprises: { mspId: string }[] }).enterprises.map((e) => e.mspId);
  };
  // The failed inspection of the first test counts against the brand owner.
  expect(await figuresOf('Regulator')).toEqual(['ManufacturerMSP']);
  expect(await figuresOf('Manufacturer')).toEqual(['ManufacturerMSP']);
  expect(await figuresOf('Platform')).toEqual([]);
  expect(await figuresOf('Customs')).toEqual([]);
  const regulator = gateways.Regulator!;
  for (const days of ['0', '367', 'x']) expect((await regulator.call(regulator.key('User1'), 'GET', `/figures?days=${days}`)).status).toBe(400);
});
