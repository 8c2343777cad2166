// The API reference page, rendered by a real headless Chromium. Runs when Debian's `chromium` is
// installed (`.ci/run` installs it); elsewhere it is skipped, and says so.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, type Running, startServer } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available)
  console.warn(`[skipped] docs page browser test: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

describe.skipIf(!available)('API reference page in Chromium', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer(makeFixture().registry);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('renders every operation from the served OpenAPI document, with no script error and no outside request', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      const outside: string[] = [];
      page.on('pageerror', (error) => problems.push(String(error)));
      page.on('request', (request) => {
        if (!request.url().startsWith(server.url)) outside.push(request.url());
      });
      page.on('response', (response) => {
        if (response.status() >= 400 && !response.url().endsWith('/favicon.ico'))
          problems.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(`${server.url}/api/ops/docs`);
      await page.waitForSelector('.opblock-summary-path', { timeout: 20_000 });
      const paths = await page.$$eval('.opblock-summary-path', (nodes) =>
        nodes.map((n) => n.textContent?.replace(/\u200b/g, '')),
      );
      expect(paths).toContain('/api/ops/billing.capturePayment');
      expect(paths).toContain('/api/ops/billing.capturePayment/v1');
      expect(await page.locator('.errors-wrapper').count()).toBe(0);
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
