import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_INTEGRATIONS } from '../../src/config/integrations/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { STATUS_PAGE } from '../status-page/fixtures.js';
import { ensureWebBuilt, hasChromium, launchChromium, screenshot } from './browser-support.js';

/** Publishing from the web doc's update form, and the public page it feeds, in Chromium (sign-in required, as in production). */
describe.skipIf(!hasChromium)('the status page in a browser', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startTestApp({ env: { RESPONSE_LOGIN_REQUIRED: 'false' }, appOptions: { integrations: { ...NO_INTEGRATIONS, statusPage: STATUS_PAGE } } });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('publishes from the doc with public words and impacts, and the public page shows them (no JavaScript)', async () => {
    const id = (await t.api('POST', '/api/v1/incidents', { report: 'Internal: db-4 replication lag', severity: 'major' })).body.id as number;
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${t.baseUrl}/incidents/${id}`);
    const section = page.getByRole('region', { name: /Status updates/ });
    await section.getByRole('button', { name: 'Post update' }).click();
    const form = page.getByRole('form', { name: 'New status update' });
    await form.getByLabel('What is happening now?').fill('db-4 replication lag, failing over');
    await form.getByLabel('Publish this update on the public status page').check();
    await form.getByLabel('Public title').fill('Dashboard slow to load');
    await form.getByLabel('Public message').fill('The dashboard is slow for some customers. We are working on it.');
    await form.getByLabel('Dashboard').selectOption('degraded_performance');
    await form.getByLabel('Public API').selectOption('partial_outage');
    await screenshot(page, '30-doc-publish-form');
    await form.getByRole('button', { name: 'Post update' }).click();
    await section.getByText('On the status page:').waitFor();
    const latest = (await t.api('GET', `/api/v1/incidents/${id}/updates`)).body.results[0];
    expect(latest.public).toEqual({ title: 'Dashboard slow to load', body: 'The dashboard is slow for some customers. We are working on it.', components: { dashboard: 'degraded_performance', api: 'partial_outage' } });

    // The public page, as someone with no session and JavaScript off sees it.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const visitor = await context.newPage();
    const res = await visitor.goto(`${t.baseUrl}/status`);
    expect(res?.status()).toBe(200);
    await expect(visitor.locator('h1').textContent()).resolves.toBe('Acme status');
    await expect(visitor.locator('.banner').textContent()).resolves.toContain('Partial outage');
    await expect(visitor.locator('#incident-1 h3').textContent()).resolves.toBe('Dashboard slow to load');
    expect(await visitor.content()).not.toContain('db-4');
    await screenshot(visitor, '31-public-status-page');

    // Chromium's own XML parser reads the feed without an error.
    const feed = await (await fetch(`${t.baseUrl}/status/feed.atom`)).text();
    const parsed = await page.evaluate((xml) => {
      // Runs in the page: the browser's DOMParser (the test's own TypeScript has no DOM types).
      type XmlDoc = { getElementsByTagName(name: string): { length: number }; documentElement: { namespaceURI: string | null } };
      const Parser = (globalThis as unknown as { DOMParser: new () => { parseFromString(text: string, type: string): XmlDoc } }).DOMParser;
      const doc = new Parser().parseFromString(xml, 'application/xml');
      return { error: doc.getElementsByTagName('parsererror').length, entries: doc.getElementsByTagName('entry').length, root: doc.documentElement.namespaceURI };
    }, feed);
    expect(parsed).toEqual({ error: 0, entries: 1, root: 'http://www.w3.org/2005/Atom' });
    await context.close();
  });
});
