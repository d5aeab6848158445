import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { FIELDS } from '../process/custom-fields-process.js';
import { ensureWebBuilt, hasChromium, launchChromium, screenshot } from './browser-support.js';

/**
 * The incident doc's Fields card: each custom field edited with an input for its kind, a field
 * required at close refusing the close until given, and a value of a field removed from the config
 * still shown.
 */
describe.skipIf(!hasChromium)('custom fields in the web doc', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startTestApp({ env: { RESPONSE_LOGIN_REQUIRED: 'false' }, appOptions: { process: FIELDS } });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('edits fields, refuses to close without the root cause, and shows a removed field', async () => {
    const created = await t.api('POST', '/api/v1/incidents', { report: 'Payments delayed', custom_fields: { region: 'eu', runbook: 'https://runbooks.example.com/pay' } });
    const id = created.body.id as number;
    await t.app.database.query(`update incidents set custom_fields = custom_fields || '{"old_team": "Payments <core>"}'::jsonb where id = ${id}`);
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${t.baseUrl}/incidents/${id}`);
    const card = page.getByRole('region', { name: 'Fields' });
    await card.locator('[data-field="customers_affected"]').waitFor();
    await expect(card.locator('dt').allTextContents()).resolves.toEqual([
      'Region',
      'Systems',
      'Root cause',
      'Responder',
      'Runbook',
      'Detected at',
      'Customers affected',
      'old_team',
    ]);
    await expect(card.getByRole('link', { name: 'https://runbooks.example.com/pay' }).getAttribute('href')).resolves.toBe('https://runbooks.example.com/pay');
    await expect(card.locator('[data-field="old_team"] dd').textContent()).resolves.toBe('Payments <core> (no longer configured)');

    // Closing from the doc names the field it needs.
    await page.locator('.doc-header-controls').getByLabel('Status').selectOption('resolved');
    await page.getByRole('alert').filter({ hasText: 'Fill in Root cause (custom_fields.root_cause) before closing this incident' }).waitFor();

    await card.getByRole('button', { name: 'Edit root cause' }).click();
    await card.getByLabel('Root cause').fill('A full disk\non the primary');
    await card.getByRole('button', { name: 'Save' }).click();
    await card.locator('[data-field="root_cause"] .field-text').waitFor();
    await card.locator('[data-field="region"] select').selectOption('us');
    await card.getByRole('button', { name: 'Edit systems' }).click();
    await card.getByLabel('Database').check();
    await card.getByRole('button', { name: 'Save' }).click();
    await card.locator('[data-field="systems"]', { hasText: 'Database' }).waitFor();
    await expect.poll(async () => (await t.api('GET', `/api/v1/incidents/${id}`)).body.custom_fields).toEqual({
      region: 'us',
      systems: ['db'],
      root_cause: 'A full disk\non the primary',
      runbook: 'https://runbooks.example.com/pay',
      old_team: 'Payments <core>',
    });
    await screenshot(page, '13-incident-doc-fields');
    await page.locator('.doc-header-controls').getByLabel('Status').selectOption('resolved');
    await expect.poll(async () => (await t.api('GET', `/api/v1/incidents/${id}`)).body.status).toBe('resolved');

    // The list filters by a select field.
    await t.api('POST', '/api/v1/incidents', { report: 'Login slow', custom_fields: { region: 'eu' } });
    await page.goto(`${t.baseUrl}/`);
    const rows = page.locator('.incident-table tbody tr');
    await rows.filter({ hasText: 'Login slow' }).waitFor();
    await page.getByRole('search').getByLabel('Region').selectOption('us');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Payments delayed')]);
    expect(new URL(page.url()).searchParams.get('field.region')).toBe('us');
    await screenshot(page, '14-incident-list-field-filter');
  });
});
