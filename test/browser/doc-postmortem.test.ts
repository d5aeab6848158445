import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ensureWebBuilt, hasChromium, launchChromium, screenshot } from './browser-support.js';

/**
 * The incident doc's Postmortem section: not started until started, then edited as Markdown beside a
 * sanitised live preview, saved, refused when a colleague saved first, marked reviewed and downloaded.
 */
describe.skipIf(!hasChromium)('the postmortem in the web doc', () => {
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

  it('starts, edits with a preview, saves, reviews and downloads it', async () => {
    const { body: incident } = await t.api('POST', '/api/v1/incidents', { report: 'Payments delayed', summary: 'Card auths queued', severity: 'major' });
    await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { status: 'resolved' });
    const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(`${t.baseUrl}/incidents/${incident.id}#postmortem`);
    const section = page.getByRole('region', { name: /Postmortem/ });
    await section.getByText('Not started', { exact: true }).waitFor();
    await section.getByText(/Preview the template/).click();
    await section.getByRole('heading', { name: 'Root cause' }).waitFor();

    await section.getByRole('button', { name: 'Start the postmortem' }).click();
    await section.getByText('Draft', { exact: true }).waitFor();
    await section.getByRole('button', { name: 'Edit' }).click();
    const editor = section.getByRole('textbox', { name: 'Markdown' });
    const started = await editor.inputValue();
    expect(started).toContain(`# Incident ${incident.id}: Payments delayed`);
    const written = started.replace(/## Root cause\n\n.*\n/, '## Root cause\n\nA **queue** filled up. <img src=x onerror="globalThis.hacked=1"> [bad](javascript:alert(1))\n');
    await editor.fill(written);
    // The preview follows the text as typed, rendered and sanitised.
    const preview = section.getByLabel('Preview');
    await preview.locator('strong', { hasText: 'queue' }).waitFor();
    expect(await preview.locator('img').count()).toBe(0);
    expect(await preview.locator('a[href^="javascript"]').count()).toBe(0);
    await screenshot(page, '13-incident-doc-postmortem-edit', false);

    // A colleague saves first: this save is refused and says so, keeping the text.
    const current = (await t.api('GET', `/api/v1/incidents/${incident.id}/postmortem`)).body;
    await t.api('PUT', `/api/v1/incidents/${incident.id}/postmortem`, { markdown: `${current.markdown}\nTheirs.\n`, version: current.version });
    await section.getByRole('button', { name: 'Save postmortem' }).click();
    await section.getByRole('alert').filter({ hasText: /changed since you opened it/ }).waitFor();
    expect(await editor.inputValue()).toBe(written);
    await section.getByRole('button', { name: 'Load their version' }).click();
    await expect.poll(async () => section.getByRole('button', { name: 'Save postmortem' }).isEnabled()).toBe(true);
    await section.getByRole('button', { name: 'Save postmortem' }).click();
    await section.getByRole('button', { name: 'Mark reviewed' }).waitFor();
    expect((await t.api('GET', `/api/v1/incidents/${incident.id}/postmortem`)).body).toMatchObject({ state: 'draft', version: 3, markdown: written });
    expect(await page.evaluate(() => (globalThis as unknown as { hacked?: number }).hacked)).toBeUndefined();

    await section.getByRole('button', { name: 'Mark reviewed' }).click();
    await section.getByText('Reviewed', { exact: true }).waitFor();
    await screenshot(page, '14-incident-doc-postmortem-reviewed', false);
    const download = page.waitForEvent('download');
    await section.getByRole('link', { name: 'Download as Markdown' }).click();
    expect(readFileSync((await (await download).path())!, 'utf8')).toBe(written);
    await page.close();
  });
});
