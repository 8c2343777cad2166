// The billing example's pages in a real headless Chromium, against `next start`. Runs when
// Debian's `chromium` is installed; elsewhere it is skipped, and says so. Screenshots go to
// tests/billing/artifacts/ (git-ignored).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BillingServer, createInvoice, startBillingServer } from './harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available)
  console.warn(`[skipped] billing pages browser test: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
const ARTIFACTS = join(import.meta.dirname, 'artifacts');

describe.skipIf(!available)('billing pages in Chromium', { timeout: 60_000 }, () => {
  let server: BillingServer;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startBillingServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(user: 'alice' | 'bob' | 'ada'): Promise<Page> {
    const page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(String(error)));
    await page.goto(`${server.url}/`);
    await page.waitForURL('**/sign-in');
    await page.getByTestId(`sign-in-${user}`).click();
    await page.waitForURL('**/invoices');
    return page;
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  it('alice pays with the success card and sees the invoice paid, with a receipt', async () => {
    const id = await createInvoice(server, 'alice');
    const page = await signedIn('alice');
    await page.getByTestId(`invoice-${id}`).getByRole('link').click();
    await page.waitForURL(`**/invoices/${id}`);
    await page.getByLabel(/ending 4242/).check();
    await page.getByTestId('pay').click();
    await page.getByTestId('receipt').waitFor();
    expect(await page.getByTestId('status').textContent()).toBe('paid');
    expect(await page.getByTestId('receipt').getAttribute('href')).toMatch(/\/receipts\/ch_/);
    await shot(page, 'paid');
    await page.close();
  });

  it('a declined card shows a clear error and the invoice stays open', async () => {
    const id = await createInvoice(server, 'alice');
    const page = await signedIn('alice');
    await page.goto(`${server.url}/invoices/${id}`);
    await page.getByLabel(/ending 0002/).check();
    await page.getByTestId('pay').click();
    const message = page.getByTestId('pay-message');
    await message.filter({ hasText: 'declined' }).waitFor();
    expect(await message.getAttribute('role')).toBe('alert');
    expect(await message.getAttribute('data-code')).toBe('CARD_DECLINED');
    expect(await message.textContent()).toContain('The invoice is still open');
    expect(await page.getByTestId('status').textContent()).toBe('open');
    await shot(page, 'declined');
    await page.close();
  });

  it('3-D Secure: "authentication required", then paid once the webhook arrives', async () => {
    const id = await createInvoice(server, 'alice');
    const page = await signedIn('alice');
    await page.goto(`${server.url}/invoices/${id}`);
    await page.getByLabel(/ending 3184/).check();
    await page.getByTestId('pay').click();
    await page.getByTestId('authentication-required').waitFor();
    expect(await page.getByTestId('status').textContent()).toBe('paying');
    await shot(page, '3ds-required');
    await page.getByTestId('complete-authentication').click();
    await page.getByTestId('receipt').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('status').textContent()).toBe('paid');
    await shot(page, '3ds-paid');
    await page.close();
  });

  it('ada bills alice from the form through the typed client; the audit trail shows a REST call', async () => {
    const page = await signedIn('ada');
    const description = `Browser-made invoice ${Date.now()}`;
    await page.getByLabel('Bill').selectOption('alice');
    await page.getByLabel('Description').fill(description);
    await page.getByLabel('Amount').fill('12.5');
    await page.getByLabel('Currency').selectOption('USD');
    await page.getByRole('button', { name: 'Create invoice' }).click();
    const message = page.getByTestId('create-message');
    await expect.poll(() => message.textContent(), { timeout: 30_000 }).toMatch(/^Created /);
    await page.locator('tr', { hasText: description }).waitFor();
    await page.goto(`${server.url}/audit`);
    const row = await page.locator('tr', { hasText: description }).textContent();
    expect(row).toContain('billing.createInvoice v1');
    expect(row).toContain('rest');
    expect(row).toContain('"amount":1250');
    await shot(page, 'audit-after-create');
    await page.close();
  });

  it("bob never sees alice's invoice: not in his list, 404 by its URL", async () => {
    const id = await createInvoice(server, 'alice');
    const page = await signedIn('bob');
    expect(await page.getByTestId(`invoice-${id}`).count()).toBe(0);
    const response = await page.goto(`${server.url}/invoices/${id}`);
    expect(response?.status()).toBe(404);
    expect(await page.content()).not.toContain('E2E test');
    await shot(page, 'bob-404');
    await page.close();
    expect(problems).toEqual([]);
  });
});
