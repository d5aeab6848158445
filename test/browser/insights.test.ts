import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordChannelMembership } from '../../src/core/channel/record-channel-membership.js';
import { recordParticipantMessage } from '../../src/core/participant/record-message.js';
import type { Ctx } from '../../src/core/shared/context.js';
import { DEFAULT_INCIDENT_PROCESS, type IncidentProcess } from '../../src/core/shared/incident-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { chromiumPath, ensureWebBuilt, hasChromium, launchChromium, screenshot } from './browser-support.js';

if (!hasChromium) console.warn(`Browser tests skipped: no Chromium at ${chromiumPath}`);

const TYPE = (key: string, label: string) => ({ key, label, description: '', defaultSeverity: null, privateByDefault: null, channelPrefix: null, roles: [], requiredFields: [] });
const PROCESS: IncidentProcess = { ...DEFAULT_INCIDENT_PROCESS, types: [TYPE('default', 'Default'), TYPE('security', 'Security'), TYPE('customer', 'Customer-facing')] };

/** The insights page over a seeded set whose figures are known: the cards, the charts' units, the type filter. */
describe.skipIf(!hasChromium)('insights in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  // Two days ago, so the page's default range (the last 90 days) holds everything seeded.
  const clock = new TestClock(new Date(Date.now() - 2 * 86400_000));
  const system: Ctx = { actor: { kind: 'system', job: 'test' }, clock };

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startTestApp({ env: { RESPONSE_LOGIN_REQUIRED: 'false' }, clock, appOptions: { process: PROCESS } });
    // A critical security incident: first update after 10 minutes, identified at 40 (15 minutes late), resolved after 2 hours.
    const a = (await t.api('POST', '/api/v1/incidents', { report: 'Leaked deploy key', severity: 'critical', type: 'security', lead: 'U0ALICE' })).body;
    await recordChannelMembership(t.app.core, system, a.id, 'U0ALICE', true);
    await recordChannelMembership(t.app.core, system, a.id, 'U0BOB', true);
    clock.advanceMinutes(10);
    await t.api('POST', `/api/v1/incidents/${a.id}/updates`, { status: 'investigating', message: 'Rotating' });
    clock.advanceMinutes(30);
    await t.api('POST', `/api/v1/incidents/${a.id}/updates`, { status: 'identified', message: 'Found the leak' });
    await t.api('POST', `/api/v1/incidents/${a.id}/actions`, { details: 'Scan repos for keys', done: true });
    await t.api('POST', `/api/v1/incidents/${a.id}/actions`, { details: 'Short-lived deploy keys' });
    clock.advanceMinutes(80);
    await t.api('POST', `/api/v1/incidents/${a.id}/updates`, { status: 'resolved', message: 'Keys rotated' });
    // A major customer-facing incident the next day: first update after 20 minutes, Carol posts for half an hour.
    clock.advance(86400_000);
    const b = (await t.api('POST', '/api/v1/incidents', { report: 'Checkout errors', severity: 'major', type: 'customer', lead: 'U0BOB' })).body;
    await recordParticipantMessage(t.app.core, system, b.id, 'U0CAROL', clock.now());
    clock.advanceMinutes(20);
    await t.api('POST', `/api/v1/incidents/${b.id}/updates`, { status: 'identified', message: 'Bad config' });
    clock.advanceMinutes(10);
    await recordParticipantMessage(t.app.core, system, b.id, 'U0CAROL', clock.now());
    // And a minor default one with no updates.
    await t.api('POST', '/api/v1/incidents', { report: 'Slow search', severity: 'minor' });
    clock.set(new Date());
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const stat = (label: string) => page.locator('.stat', { has: page.getByText(label, { exact: true }) }).locator('.stat-value');
  const figure = (heading: string | RegExp) => page.locator('figure', { has: page.getByRole('heading', { name: heading }) });

  it('shows each figure, labels durations by magnitude, and filters by type', async () => {
    await page.goto(`${t.baseUrl}/insights`);
    await page.getByRole('heading', { name: 'Incidents per week, by severity' }).waitFor();
    await expect(stat('Incidents started').textContent()).resolves.toBe('3');
    // 10 and 20 minutes: a median of 15.
    await expect(stat('Median time to first update').textContent()).resolves.toBe('15 mins');
    // 40 and 20 minutes: 30.
    await expect(stat('Median time to identify').textContent()).resolves.toBe('30 mins');
    // A: +10 (due +15) on cadence, +40 (due +25) late, resolved at +120 (due +55) late; B: +20 (due +30) on cadence.
    await expect(stat('Updates on cadence').textContent()).resolves.toBe('50%');
    await expect(stat('Follow-ups done').textContent()).resolves.toBe('1 of 2');
    // Alice and Bob in A's channel for its 2 hours, Carol 30 minutes in B (first to last post): 4 h 30 min.
    await expect(stat('Person-hours').textContent()).resolves.toBe('4.5 h');

    // Durations of minutes are charted in minutes; the 2-hour resolution in hours.
    await figure('Time to first update, in minutes').locator('.recharts-wrapper').waitFor();
    await figure('Time to identify, in minutes').locator('.recharts-wrapper').waitFor();
    await figure('Time to resolve, in hours').locator('.recharts-wrapper').waitFor();
    const ticks = figure('Time to first update, in minutes').locator('.recharts-cartesian-axis-tick-value');
    await expect.poll(() => ticks.count()).toBeGreaterThan(3);
    for (const tick of (await ticks.allTextContents()).filter((v) => /^[\d.]/.test(v))) expect(tick).toMatch(/^\d+(\.\d+)?\u00a0min$/);
    // By type, in the configured order; by severity, by rank.
    const rows = (heading: string) => figure(heading).locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
    await expect.poll(() => rows('Incidents by type')).toEqual(['Default', 'Security', 'Customer-facing']);
    await expect.poll(async () => (await rows('Incidents by severity')).map((r) => r.replace(/^\S+\s/, ''))).toEqual(['Critical', 'Major', 'Minor', 'Trivial', 'None']);
    await screenshot(page, 'insights-figures');

    await page.getByLabel('Type').selectOption('security');
    await expect.poll(() => stat('Incidents started').textContent()).toBe('1');
    await expect(stat('Median time to first update').textContent()).resolves.toBe('10 mins');
    await expect(stat('Follow-ups done').textContent()).resolves.toBe('1 of 2');
    await screenshot(page, 'insights-security');
  });

  it('downloads the incident list as CSV with the filters in force', async () => {
    await page.goto(`${t.baseUrl}/?severity=major`);
    await page.getByRole('link', { name: /Checkout errors/ }).waitFor();
    const link = page.getByRole('link', { name: 'Download CSV' });
    await expect(link.getAttribute('href')).resolves.toBe('/api/v1/incidents.csv?severity=major');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^incidents-\d{4}-\d{2}-\d{2}\.csv$/);
    const { readFile } = await import('node:fs/promises');
    const text = await readFile((await download.path())!, 'utf8');
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Checkout errors');
    expect(lines[1]).toContain(',major,Major,customer,Customer-facing,');
    await screenshot(page, 'incident-list-csv', false);
  });
});
