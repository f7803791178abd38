// The consumer page in headless Chromium, against a gateway on a network: opened through the resolver from the
// product's link, it shows the product, the journey with the enterprise responsible for each step, and every step
// verified in the browser against the record's Merkle root; a proof altered on its way (one path hash changed) leaves
// that step NOT verified; a recalled item shows its recall warning; and the page loads nothing from elsewhere.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { useTestNetwork } from '../support/suite';
import { buildScenario, CLEAN, GTIN, publicCaughtUp, RECALLED, UNSOLD } from '../public/consumer-scenario';
import { openDatabase, PublicReadModelStore } from '@crossborder-trace/gateway';
import { startOrgGateway, type OrgGateway } from './gateways';

jest.setTimeout(300_000);
/** Screenshots go to a temporary folder; SCREENSHOT_DIR=docs/screenshots refreshes the README's. */
const SCREENSHOTS = path.resolve(process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), 'crossborder-trace-screenshots'));
const network = useTestNetwork({ name: __filename, blockPerTx: true });

let gateway: OrgGateway;
let browser: Browser;

beforeAll(async () => {
  await buildScenario(network());
  gateway = await startOrgGateway(network(), 'Logistics');
  await publicCaughtUp(network(), gateway, (dataDir) => {
    const db = openDatabase(dataDir);
    try {
      return new PublicReadModelStore(db).checkpoint();
    } finally {
      db.close();
    }
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
});

/** A phone-sized page that records script errors and every request that leaves the gateway's origin. */
async function phonePage(): Promise<{ page: Page; errors: string[]; elsewhere: string[] }> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  const errors: string[] = [];
  const elsewhere: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('request', (request) => {
    if (!request.url().startsWith(gateway.url)) elsewhere.push(request.url());
  });
  return { page, errors, elsewhere };
}

test('the product’s link opens the page: the product, its journey with who did each step, and every step verified', async () => {
  const { page, errors, elsewhere } = await phonePage();
  const response = await page.goto(`${gateway.url}/01/${GTIN}/21/CON1`);
  expect(new URL(page.url()).searchParams.get('item')).toBe(CLEAN);
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain('upgrade-insecure-requests');
  await page.waitForSelector('#proof-summary[data-verified]');
  expect(await page.textContent('#product h2')).toBe('Green tea 250 g');
  expect(await page.textContent('#product')).toContain('Manufacturer Co. (DE)');
  expect(await page.textContent('#standards')).toContain('GB 2763-2021');
  expect(await page.textContent('#clean')).toMatch(/Genuine and clean/);
  const steps = page.locator('#journey li');
  expect(await steps.locator('.step').allTextContents()).toEqual(['commissioning', 'inspecting', 'shipping', 'receiving', 'shipping', 'receiving', 'retail selling']);
  expect(await steps.first().locator('.who').textContent()).toBe('Manufacturer Co. (DE)');
  expect(await steps.first().locator('.where').textContent()).toBe('at https://id.gs1.org/414/9506000134376');
  expect(await steps.nth(1).locator('.verdict').textContent()).toBe('conformant');
  expect(await steps.last().locator('.who').textContent()).toBe('Platform Co. (CN)');
  expect(await page.locator('#journey .proof').allTextContents()).toEqual(Array(7).fill('verified'));
  expect(await page.getAttribute('#proof-summary', 'data-verified')).toBe('all');
  expect(await page.textContent('#complaints')).toContain('answered');
  expect(await page.textContent('#cold-chain')).toContain('No temperature records');
  expect(errors).toEqual([]);
  expect(elsewhere).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'consumer-clean.png'), fullPage: true });
  await page.close();
});

test('a proof altered on its way leaves its step NOT verified, and the page says so', async () => {
  const { page, errors } = await phonePage();
  await page.route('**/steps/2/proof', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { proof: { path: string[] } };
    const first = body.proof.path[0];
    body.proof.path[0] = `${first[0] === '0' ? '1' : '0'}${first.slice(1)}`;
    await route.fulfill({ response, json: body });
  });
  await page.goto(`${gateway.url}/consumer?item=${encodeURIComponent(CLEAN)}`);
  await page.waitForSelector('#proof-summary[data-verified]');
  const marks = await page.locator('#journey .proof').allTextContents();
  expect(marks[2]).toBe('NOT verified');
  expect(marks.filter((m) => m === 'verified')).toHaveLength(6);
  expect(await page.getAttribute('#journey li[data-step-index="2"] .proof', 'data-proof')).toBe('failed');
  expect(await page.textContent('#proof-summary')).toMatch(/1 of 7 steps could NOT be verified/);
  expect(errors).toEqual([]);
  await page.close();
});

test('a step shown otherwise than the ledger holds it does not verify either', async () => {
  const { page } = await phonePage();
  // The record's answer altered: the first step's enterprise renamed. Its proof is honest, but of the real step.
  await page.route(/\/public\/items\/[^/]+$/, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { record: { steps: { enterprise: { name: string } }[] } };
    body.record.steps[0].enterprise.name = 'Trusted Brand GmbH';
    await route.fulfill({ response, json: body });
  });
  await page.goto(`${gateway.url}/consumer?item=${encodeURIComponent(CLEAN)}`);
  await page.waitForSelector('#proof-summary[data-verified="not-all"]');
  expect(await page.locator('#journey li[data-step-index="0"] .proof').textContent()).toBe('NOT verified');
  await page.close();
});

test('a recalled item shows the recall warning and its notice', async () => {
  const { page, errors } = await phonePage();
  await page.goto(`${gateway.url}/consumer?item=${encodeURIComponent(RECALLED)}`);
  await page.waitForSelector('#proof-summary[data-verified]');
  expect(await page.textContent('#verification [data-flag="recalled"]')).toMatch(/recalled/i);
  expect(await page.locator('#clean').count()).toBe(0);
  expect(await page.textContent('#recalls')).toContain('smoke taint found in the lot');
  expect(await page.getAttribute('#proof-summary', 'data-verified')).toBe('all');
  expect(errors).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'consumer-recalled.png'), fullPage: true });
  await page.close();
});

test('an item without a public record says so; no item asks for one', async () => {
  const { page } = await phonePage();
  await page.goto(`${gateway.url}/consumer?item=${encodeURIComponent(UNSOLD)}`);
  await page.waitForSelector('#not-found');
  await page.goto(`${gateway.url}/consumer`);
  await page.waitForSelector('form.ask input#item');
  await page.close();
});
