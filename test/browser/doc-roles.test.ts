import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ensureWebBuilt, hasChromium, launchChromium, screenshot } from './browser-support.js';

/** The incident doc's Roles section: every role shows, and one is given and cleared with the user picker. */
describe.skipIf(!hasChromium)('roles in the web doc', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startTestApp({ env: { RESPONSE_LOGIN_REQUIRED: 'false' } });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows every role and assigns and clears one', async () => {
    await t.app.core.store.users.upsert({ slackId: 'U0ERIN', displayName: 'erin', fullName: 'Erin Walsh' }, new Date());
    const created = await t.api('POST', '/api/v1/incidents', { report: 'Payments delayed', lead: 'U0ERIN' });
    const id = created.body.id as number;
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${t.baseUrl}/incidents/${id}`);
    const section = page.getByRole('region', { name: 'Roles' });
    await section.locator('dd[data-role="scribe"]').waitFor();
    await expect(section.locator('dt').allTextContents()).resolves.toEqual(['Incident lead', 'Communications lead', 'Scribe']);
    await expect(section.locator('dd[data-role="comms"]').textContent()).resolves.toContain('Nobody');

    await section.getByRole('button', { name: 'Edit Communications lead' }).click();
    await section.getByRole('combobox', { name: 'Communications lead' }).fill('erin');
    await section.getByRole('option', { name: /erin/ }).click();
    await section.locator('dd[data-role="comms"]', { hasText: 'erin' }).waitFor();
    expect((await t.api('GET', `/api/v1/incidents/${id}`)).body.roles.map((r: { role: string }) => r.role)).toEqual(['lead', 'comms']);
    await screenshot(page, '12-incident-doc-roles');

    await section.getByRole('button', { name: 'Edit Communications lead' }).click();
    await section.getByRole('button', { name: 'Clear' }).click();
    await section.locator('dd[data-role="comms"]', { hasText: 'Nobody' }).waitFor();
    expect((await t.api('GET', `/api/v1/incidents/${id}`)).body.roles.map((r: { role: string }) => r.role)).toEqual(['lead']);
    // Both changes are on the timeline the doc shows.
    await page.getByText('is no longer Communications lead').waitFor();
  });
});
