import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookReceiver } from '../../src/stand-ins/webhook-receiver/webhook-receiver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ensureWebBuilt, hasChromium, launchChromium, screenshot } from './browser-support.js';

/** Settings → Outgoing webhooks, as an admin (the trusted anonymous user of RESPONSE_LOGIN_REQUIRED=false) uses it. */
describe.skipIf(!hasChromium)('outgoing webhook settings in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await ensureWebBuilt();
    await receiver.start();
    t = await startTestApp({ env: { RESPONSE_LOGIN_REQUIRED: 'false' } });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await receiver.close();
  });

  it('adds an endpoint with chosen events, shows its secret once, sends a test, and shows and redelivers from the delivery log', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(`${t.baseUrl}/settings`);
    await page.getByRole('heading', { name: 'Outgoing webhooks' }).waitFor();

    // A plain http URL to another host is refused, naming what to fix.
    await page.getByLabel('Endpoint URL').fill('http://hooks.example.com/response');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('url: must use https://');

    await page.getByLabel('Endpoint URL').fill(`${receiver.url}/hooks/warehouse`);
    await page.getByLabel('Description').fill('Data warehouse');
    await page.getByLabel('All events (and types added later)').uncheck();
    await page.getByLabel('incident.declared').check();
    await page.getByLabel('incident.resolved').check();
    await page.getByLabel('Send events about private incidents too').check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    receiver.setSecret('/hooks/warehouse', secret);
    const [endpoint] = (await t.api('GET', '/api/v1/webhooks')).body.results;
    expect(endpoint).toMatchObject({ description: 'Data warehouse', event_types: ['incident.declared', 'incident.resolved'], include_private: true });

    await t.api('POST', '/api/v1/incidents', { report: 'Checkout is down' });
    for (let i = 0; i < 100 && receiver.received().length < 1; i++) await new Promise((r) => setTimeout(r, 50));
    // The test event gets a 500 (retried in 5 s); the declared incident arrived.
    receiver.failNext({ status: 500, body: { error: 'warehouse offline' } });
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByRole('heading', { name: 'Delivery log' }).waitFor();
    for (let i = 0; i < 100 && receiver.attempts().length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('cell', { name: /HTTP 500/ }).waitFor();
    await page.getByRole('cell', { name: /HTTP 204/ }).waitFor();
    await screenshot(page, 'webhooks-settings');

    const declared = (await t.api('GET', `/api/v1/webhooks/${endpoint.id}/deliveries`)).body.results.find((d: any) => d.event_type === 'incident.declared');
    await page.getByRole('button', { name: `Redeliver delivery ${declared.id}` }).click();
    for (let i = 0; i < 100 && receiver.received().filter((w) => w.body.type === 'incident.declared').length < 2; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(receiver.received().filter((w) => w.body.type === 'incident.declared')).toHaveLength(2);
  });
});
