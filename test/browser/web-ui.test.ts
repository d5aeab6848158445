import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachCommsChannel } from '../../src/core/channel/attach-comms-channel.js';
import { systemClock } from '../../src/core/shared/context.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { chromiumPath, ensureWebBuilt, freePort, hasChromium, launchChromium, screenshot } from './browser-support.js';

if (!hasChromium) console.warn(`Browser tests skipped: no Chromium at ${chromiumPath} (install Debian's chromium or set CHROMIUM_PATH)`);

const XSS_SUMMARY = 'Before <script>window.__xss = 1; alert("script")</script> then <img src=x onerror="window.__xss = 2; alert(\'img\')"> and [a link](javascript:window.__xss=3) and <javascript:alert(4)|slack link> after';
const OIDC = { clientId: '7450218834521.8012345678901', clientSecret: 'client-secret' };

/**
 * The real app against the Slack emulator: incidents declared through the API get their headline
 * and comms channel in the emulator, people talk and pin there, and Sign in with Slack goes
 * through the emulator's OpenID Connect pages.
 */
describe.skipIf(!hasChromium)('the web UI in Chromium', () => {
  let t: SlackTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let checkoutId: number;
  let xssId: number;
  const dialogs: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    const [port, slackPort] = [await freePort(), await freePort()];
    t = await startSlackTestApp({
      emulator: { openid: OIDC, port: slackPort },
      env: {
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        AUTO_CREATE_CHANNEL: 'true',
        SLACK_CLIENT_ID: OIDC.clientId,
        SLACK_CLIENT_SECRET: OIDC.clientSecret,
        SLACK_OAUTH_URL: `http://127.0.0.1:${slackPort}/openid/connect/authorize`,
      },
    });
    // People Response already knows from Slack; Alice is a workspace admin here (sign-in reads the
    // admin flag from Slack's users.info, so the workspace says so too).
    const workspace = t.emulator.snapshot();
    for (const user of workspace.users) if (user.id === 'U0ALICE') user.is_admin = true;
    t.emulator.restore(workspace);
    const now = new Date();
    await t.app.core.store.users.upsert({ slackId: 'U0ALICE', displayName: 'alice', fullName: 'Alice Nguyen', email: 'alice@acme.example', isAdmin: true }, now);
    await t.app.core.store.users.upsert({ slackId: 'U0BOB', displayName: 'bob', fullName: 'Bob Okafor' }, now);

    // Seed through the API, as an integration would.
    const old = await t.api('POST', '/api/v1/incidents', { report: 'Search results stale', severity: 'trivial', lead: 'U0ALICE' });
    await t.api('PATCH', `/api/v1/incidents/${old.body.id}`, { start_time: new Date(Date.now() - 5 * 86400_000).toISOString(), end_time: new Date(Date.now() - 5 * 86400_000 + 5400_000).toISOString(), status: 'resolved' });
    const checkout = await t.api('POST', '/api/v1/incidents', {
      report: 'Checkout API returning 500s',
      severity: 'minor',
      lead: 'U0BOB',
      summary: 'Card payments fail for **some** customers. <@U0BOB> is on it :fire: — see <https://status.example.com/|the status page>.',
      impact: 'About 4% of checkouts fail.',
    });
    expect(checkout.status).toBe(201);
    checkoutId = checkout.body.id;
    const xss = await t.api('POST', '/api/v1/incidents', { report: 'Rendering check', summary: XSS_SUMMARY });
    xssId = xss.body.id;
    await t.settle();
    // Bob talks in the comms channel and pins a message: a participant and a pinned timeline entry.
    const channel = (await t.api('GET', `/api/v1/incidents/${checkoutId}`)).body.comms_channel as { channel_id: string } | null;
    if (channel) {
      const bob = t.emulator.as('U0BOB');
      await bob.postMessage(channel.channel_id, 'Looking at the payments dashboards now');
      const ts = await bob.postMessage(channel.channel_id, 'Rolled back *payments-api* to v41 :white_check_mark:');
      await bob.pin(channel.channel_id, ts);
      await t.settle();
    } else {
      await t.api('POST', `/api/v1/incidents/${checkoutId}/timeline`, {
        text: 'Rolled back *payments-api* to v41 :white_check_mark:',
        event_type: 'slack_pin',
        metadata: { author: { slack_id: 'U0BOB', display_name: 'bob' }, permalink: 'https://acme.slack.com/archives/C0INC42/p1732350030000300' },
      });
    }

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, timezoneId: 'Europe/London', locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (err) => console.error('page error:', err.message));
    page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()); });
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      // The only dialogs the UI opens itself are delete confirmations.
      void (d.type() === 'confirm' ? d.accept() : d.dismiss());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the sign-in page, then signs in with Slack (OIDC) as the known user', async () => {
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('link', { name: 'Sign in with Slack' }).waitFor();
    await screenshot(page, '01-sign-in');
    await page.getByRole('link', { name: 'Sign in with Slack' }).click();
    // The emulator's "who are you?" page stands in for Slack's authorize screen.
    await page.getByRole('link', { name: 'Alice Nguyen' }).click();
    await page.getByRole('heading', { name: 'Incidents' }).waitFor();
    await expect(page.locator('.who-name').textContent()).resolves.toBe('alice');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'response_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookies.find((c) => c.name === 'csrf_token')?.httpOnly).toBe(false);
  });

  it('lists incidents newest first with badges, lead and filters', async () => {
    const rows = page.locator('.incident-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    await expect(rows.first().textContent()).resolves.toContain('Rendering check');
    const checkoutRow = rows.filter({ hasText: 'Checkout API returning 500s' });
    await expect(checkoutRow.textContent()).resolves.toMatch(/🌦️ Minor.*Investigating.*bob/);
    await screenshot(page, '02-incident-list');
    await page.getByLabel('Severity').selectOption('trivial');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByText('Resolved', { exact: true }).first().click();
    await page.getByLabel('Severity').selectOption('');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByText('All', { exact: true }).click();
    await page.getByLabel('Search').fill('checkout');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, '02b-incident-list-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('opens the doc: markdown summary with Slack markup, people, times, pinned message', async () => {
    await page.getByRole('link', { name: /Checkout API returning 500s/ }).click();
    await page.getByRole('heading', { level: 1, name: /Checkout API returning 500s/ }).waitFor();
    const summary = page.locator('section[aria-labelledby="summary-heading"] .markdown');
    await expect(summary.locator('strong').textContent()).resolves.toBe('some');
    await expect(summary.locator('.mention').textContent()).resolves.toBe('@bob');
    await expect(summary.textContent()).resolves.toContain('🔥');
    await expect(summary.locator('a').getAttribute('href')).resolves.toBe('https://status.example.com/');
    const pinned = page.locator('.entry.type-slack_pin');
    await expect(pinned.locator('.entry-author').textContent()).resolves.toContain('bob');
    await expect(pinned.getByRole('link', { name: 'View in Slack' }).getAttribute('href')).resolves.toMatch(/^https?:\/\/.+/);
    await expect(page.locator('.participants').textContent()).resolves.toMatch(/bob.*2 messages/);
    const channelLink = page.locator('.channel-links a').first();
    await expect(channelLink.getAttribute('href')).resolves.toMatch(/^slack:\/\/channel\?team=T0TEAM&id=C/);
    await expect(pinned.locator('strong').last().textContent()).resolves.toBe('payments-api');
    await expect(page.locator('.details').textContent()).resolves.toMatch(/GMT|BST/);
    // Not beside the sandbox: no link back to it.
    expect(await page.getByRole('link', { name: /Back to the sandbox/ }).count()).toBe(0);
    await screenshot(page, '03-incident-doc');
  });

  it('edits the severity inline; the API and the Slack headline follow', async () => {
    await page.getByLabel('Severity', { exact: true }).selectOption('major');
    await page.locator('h1', { hasText: '🌧️' }).waitFor();
    const read = await t.api('GET', `/api/v1/incidents/${checkoutId}`);
    expect(read.body.severity).toBe('major');
    // The same use case as Slack's: the headline post in the emulator is re-rendered.
    await t.settle();
    const headline = await t.headline(checkoutId);
    expect(JSON.stringify(headline?.blocks)).toContain('Severity: Major');
    // The timeline records who changed what.
    await page.locator('.entry', { hasText: /severity/i }).first().waitFor();
  });

  it('edits the title inline', async () => {
    await page.getByRole('button', { name: 'Edit title' }).click();
    await page.getByLabel('Title').fill('Checkout API returning 500s for card payments');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: /for card payments/ }).waitFor();
    expect((await t.api('GET', `/api/v1/incidents/${checkoutId}`)).body.report).toBe('Checkout API returning 500s for card payments');
  });

  it('changes the lead with the people picker, in the Roles card (the lead is a role like the others)', async () => {
    const roles = page.getByRole('region', { name: 'Roles' });
    await roles.getByRole('button', { name: 'Edit Incident lead' }).click();
    await roles.getByRole('combobox', { name: 'Incident lead' }).fill('ali');
    await roles.getByRole('option', { name: /alice/ }).click();
    await roles.locator('dd[data-role="lead"]', { hasText: 'alice' }).waitFor();
    expect((await t.api('GET', `/api/v1/incidents/${checkoutId}`)).body.lead).toMatchObject({ slack_id: 'U0ALICE' });
  });

  it('adds and edits a timeline entry', async () => {
    await page.getByRole('button', { name: 'Add entry' }).click();
    const form = page.getByRole('form', { name: 'New timeline entry' });
    await form.getByLabel('What happened').fill('Paged the payments on-call <@U0ALICE>');
    await form.getByRole('button', { name: 'Add entry' }).click();
    const entry = page.locator('.entry', { hasText: 'Paged the payments on-call' });
    await entry.waitFor();
    await expect(entry.locator('.mention').textContent()).resolves.toBe('@alice');
    await entry.getByRole('button', { name: /^Edit entry/ }).click();
    const edit = page.getByRole('form', { name: 'Edit timeline entry' });
    await edit.getByLabel('What happened').fill('Paged the payments on-call (Alice) and the database team');
    await edit.getByRole('button', { name: 'Save' }).click();
    // Not `.entry` alone: while editing, the entry holds the form, whose textarea text is what was typed.
    await edit.waitFor({ state: 'detached' });
    await page.locator('.entry:not(.editing)', { hasText: 'and the database team' }).waitFor();
    const timeline = await t.api('GET', `/api/v1/incidents/${checkoutId}/timeline?limit=200`);
    expect(timeline.body.results.map((e: { text: string }) => e.text)).toContain('Paged the payments on-call (Alice) and the database team');
  });

  it('shows key events by default, everything on demand, remembers the choice, and keeps each time on one line', async () => {
    const timeline = page.locator('section[aria-labelledby="timeline-heading"]');
    const keyEvents = timeline.getByRole('radio', { name: 'Key events' });
    const everything = timeline.getByRole('radio', { name: 'Everything' });
    await expect(keyEvents.isChecked()).resolves.toBe(true);
    // The title edit is bookkeeping: hidden; the severity and lead changes and the pin are key events.
    const titleEdit = timeline.locator('.entry', { hasText: 'Incident title updated' });
    await timeline.locator('.entry', { hasText: /severity updated/ }).waitFor();
    await timeline.locator('.entry', { hasText: /Incident lead/ }).first().waitFor();
    await timeline.locator('.entry.type-slack_pin').waitFor();
    expect(await titleEdit.count()).toBe(0);
    const all = (await t.api('GET', `/api/v1/incidents/${checkoutId}/timeline?limit=200`)).body.results as { key_event: boolean }[];
    const hidden = all.filter((e) => !e.key_event).length;
    expect(hidden).toBeGreaterThan(0);
    expect(await timeline.locator('.entry').count()).toBe(all.length - hidden);
    await expect(timeline.locator('h2 .count').textContent()).resolves.toBe(`${all.length - hidden} of ${all.length} entries`);
    const more = timeline.getByRole('button', { name: `${hidden} more in Everything` });
    // Every time on one line: under two of its font size high (two lines would be about three).
    const oneLine = async () => {
      const heights = await timeline.locator('.entry-time').evaluateAll((els) =>
        els.map((el) => el.getBoundingClientRect().height / parseFloat((globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(el).fontSize)),
      );
      expect(heights.length).toBeGreaterThan(0);
      for (const h of heights) expect(h).toBeLessThan(2);
    };
    await oneLine();
    await screenshot(page, '03b-timeline-key-events');
    await more.click();
    await titleEdit.waitFor();
    expect(await timeline.locator('.entry').count()).toBe(all.length);
    await expect(everything.isChecked()).resolves.toBe(true);
    expect(await more.count()).toBe(0);
    await screenshot(page, '03c-timeline-everything');
    // The choice sticks across a reload.
    await page.reload();
    await titleEdit.waitFor();
    await expect(timeline.getByRole('radio', { name: 'Everything' }).isChecked()).resolves.toBe(true);
    await page.setViewportSize({ width: 375, height: 800 });
    await oneLine();
    await page.setViewportSize({ width: 1280, height: 900 });
    // Back to key events, for the rest of this file.
    await timeline.getByText('Key events', { exact: true }).click();
    await titleEdit.waitFor({ state: 'detached' });
  });

  it('adds an action and ticks it done', async () => {
    await page.getByRole('button', { name: 'Add action' }).click();
    const form = page.getByRole('form', { name: 'New action' });
    await form.getByLabel('Details').fill('Add an alert on payment error rate');
    await form.getByLabel('Priority').selectOption('high');
    await form.getByLabel('Type').selectOption('detective');
    await form.getByLabel('Due date').fill('2026-12-01');
    await form.getByRole('button', { name: 'Add action' }).click();
    const action = page.locator('.action', { hasText: 'Add an alert on payment error rate' });
    await action.waitFor();
    await expect(action.textContent()).resolves.toContain('High priority');
    await action.getByRole('checkbox').check();
    await page.locator('.action.done', { hasText: 'Add an alert on payment error rate' }).waitFor();
    // The tick shows at once (optimistic); "Done <time>" appears only once the server has answered.
    await action.getByText(/^Done /).waitFor();
    const actions = await t.api('GET', `/api/v1/incidents/${checkoutId}/actions`);
    expect(actions.body.results[0]).toMatchObject({ details: 'Add an alert on payment error rate', done: true, priority: 'high', type: 'detective', due_date: '2026-12-01' });
    await screenshot(page, '04-incident-doc-edited');
  });

  it('posts a status update from the doc: it is listed first, the status follows, and Slack hears it', async () => {
    await page.getByRole('button', { name: 'Post update' }).click();
    const form = page.getByRole('form', { name: 'New status update' });
    await form.getByLabel('Status').selectOption('monitoring');
    await form.getByLabel('What is happening now?').fill('Rolled back payments-api; errors are falling');
    await form.getByLabel('Next steps').fill('Watch the error rate for an hour');
    await form.getByLabel('Next update in (minutes)').fill('45');
    await form.getByRole('button', { name: 'Post update' }).click();
    const update = page.locator('.status-update', { hasText: 'Rolled back payments-api; errors are falling' });
    await update.waitFor();
    await expect(update.textContent()).resolves.toContain('Monitoring');
    await page.locator('.doc-badges .badge.status-monitoring').waitFor();
    // The section says when the next one is due (the incident is live).
    await page.locator('.update-due', { hasText: /Next update due .* \(in 4[45] minutes\)/ }).waitFor();
    await screenshot(page, '04b-status-update');
    // The catch-up, as Slack's `@incident catchup` gives it, for the signed-in person; its lines link down the page.
    await page.getByRole('button', { name: 'Catch me up' }).click();
    const catchUp = page.getByRole('region', { name: 'Catch-up' });
    await catchUp.getByText(/^What changed (since your last post|in the last 30 minutes)/).waitFor();
    await catchUp.getByRole('link', { name: /Latest update .*Rolled back payments-api; errors are falling/ }).waitFor();
    await expect(catchUp.getByRole('link', { name: /Latest update/ }).getAttribute('href')).resolves.toMatch(/^#update-\d+$/);
    await screenshot(page, '04c-catch-up');
    await catchUp.getByRole('button', { name: 'Close' }).click();
    const incident = (await t.api('GET', `/api/v1/incidents/${checkoutId}`)).body;
    expect(incident.latest_update).toMatchObject({ status: 'monitoring', next_steps: 'Watch the error rate for an hour', posted_by: { slack_id: 'U0ALICE' } });
    expect(Date.parse(incident.latest_update.next_update_at) - Date.parse(incident.latest_update.posted_at)).toBe(45 * 60_000);
    await t.settle();
    if (incident.comms_channel) expect(t.emulator.messages(incident.comms_channel.channel_id).some((m: any) => String(m.text).startsWith('📣 Status update'))).toBe(true);
  });

  it('downloads the postmortem as Markdown', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download postmortem' }).click()]);
    const path = await download.path();
    const markdown = readFileSync(path, 'utf8');
    expect(download.suggestedFilename()).toBe(`incident-${checkoutId}-postmortem.md`);
    expect(markdown).toContain('Checkout API returning 500s for card payments');
    expect(markdown).toContain('Add an alert on payment error rate');
  });

  it('renders hostile text inert, while the API keeps it exactly as typed', async () => {
    await page.goto(`${t.baseUrl}/incidents/${xssId}`);
    const summary = page.locator('section[aria-labelledby="summary-heading"]');
    await summary.getByText('Before').waitFor();
    await page.waitForTimeout(300);
    expect(dialogs.filter((d) => !d.startsWith('confirm'))).toEqual([]);
    // globalThis, not window: this file is type-checked without the DOM library.
    expect(await page.evaluate(() => typeof (globalThis as Record<string, unknown>).__xss)).toBe('undefined');
    expect(await page.locator('#main script, #main img, #main [onerror]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    // Typed HTML is shown as the text it is; the Slack-style javascript: link keeps only its label.
    const text = await summary.textContent();
    expect(text).toContain('<script>');
    expect(text).toContain('<img src=x onerror=');
    expect(text).toContain('slack link');
    expect(text).not.toContain('javascript:alert(4)');
    expect((await t.api('GET', `/api/v1/incidents/${xssId}`)).body.summary).toBe(XSS_SUMMARY);
    await screenshot(page, '05-hostile-summary');
  });

  it('shows insights as charts over a date range: units that fit short incidents, severities by rank, what each chart counts', async () => {
    // A handful of short incidents, resolved after minutes (plus the 90-minute one seeded above).
    for (const [severity, minutes] of [['critical', 4], ['major', 12], [null, 7]] as const) {
      const inc = (await t.api('POST', '/api/v1/incidents', { report: `Short blip (${minutes} min)`, ...(severity ? { severity } : {}) })).body;
      const start = Date.now() - 3600_000;
      await t.api('PATCH', `/api/v1/incidents/${inc.id}`, { start_time: new Date(start).toISOString(), end_time: new Date(start + minutes * 60_000).toISOString(), status: 'resolved' });
    }
    await page.getByRole('link', { name: 'Insights' }).click();
    await page.getByRole('heading', { name: 'Incidents per week, by severity' }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    const openNow = page.locator('figure', { has: page.getByRole('heading', { name: 'Open now' }) });
    await expect(openNow.locator('.big-number').textContent()).resolves.toBe('2');
    // The longest is 90 minutes: minutes, in the heading and on the axis alike.
    const ttr = page.locator('figure', { has: page.getByRole('heading', { name: 'Time to resolve, in minutes' }) });
    await ttr.locator('.recharts-wrapper').waitFor();
    const tickValues = ttr.locator('.recharts-cartesian-axis-tick-value');
    // ResponsiveContainer draws the axes once it has measured itself.
    await expect.poll(() => tickValues.count()).toBeGreaterThan(4);
    const ticks = (await tickValues.allTextContents()).filter((v) => /^[\d.]/.test(v));
    expect(ticks.length).toBeGreaterThan(1);
    for (const tick of ticks) expect(tick).toMatch(/^\d+(\.\d+)?\u00a0min$/);
    // Severities by rank, then none, in the legend and the lists.
    const legend = await page.locator('figure.wide .recharts-legend-item-text').allTextContents();
    expect(legend).toEqual(['⛈️ Critical', '🌧️ Major', '🌦️ Minor', '🌤️ Trivial', '☁️ None']);
    const open = await page.locator('.open-now li > span:first-child').allTextContents();
    expect(open).toEqual(['⛈️ Critical', '🌧️ Major', '🌦️ Minor', '🌤️ Trivial', '☁️ None']);
    // One sentence under each chart says what it counts.
    expect(await page.locator('figure.chart-card').count()).toBe(await page.locator('.chart-note').count());
    await expect(ttr.locator('.chart-note').textContent()).resolves.toContain('for the 4 resolved incidents that started in this range. Half took less than the median');
    await expect(openNow.locator('.chart-note').textContent()).resolves.toContain("the date range doesn't apply");
    await screenshot(page, '06-insights');
    // A range with nothing in it says what will appear.
    await page.getByLabel('From').fill('2020-01-01');
    await page.getByLabel('To').fill('2020-01-31');
    await page.getByText('No incidents started in this range. Each week with incidents will show here as a bar, split by severity.').waitFor();
    await page.getByText(/No incident that started in this range is resolved yet/).waitFor();
    await screenshot(page, '06b-insights-empty');
  });

  it("shows the API docs as Response's own", async () => {
    const docs = await context.newPage();
    await docs.goto(`${t.baseUrl}/api/docs`);
    await docs.locator('.topbar img').waitFor();
    await expect(docs.title()).resolves.toBe('Response API');
    await expect(docs.locator('.topbar img').getAttribute('src')).resolves.toMatch(/^data:image\/svg\+xml;base64,/);
    await docs.getByText('Incidents, actions, timeline, users and the change log').waitFor();
    await screenshot(docs, '06c-api-docs', false);
    await docs.close();
  });

  it('creates an API token (shown once), lists it and revokes it', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('New token name').fill('statuspage-sync');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('new-token').textContent()) ?? '';
    expect(secret).toMatch(/^rsp_/);
    expect((await fetch(`${t.baseUrl}/api/v1/incidents`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
    await screenshot(page, '07-settings');
    await page.getByRole('button', { name: 'Revoke token statuspage-sync' }).click();
    await page.getByRole('button', { name: 'Revoke token statuspage-sync' }).waitFor({ state: 'detached' });
    expect((await fetch(`${t.baseUrl}/api/v1/incidents`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
  });

  it('declares a private incident from the list page (the checkbox is offered to those allowed)', async () => {
    await page.getByRole('link', { name: 'Incidents' }).first().click();
    await page.getByRole('button', { name: 'Declare incident' }).click();
    await page.getByLabel('Title').fill('Customer export in a public bucket');
    await page.getByLabel('Private incident').check();
    await screenshot(page, '07b-declare-private');
    await page.getByRole('button', { name: 'Declare', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Customer export in a public bucket/ }).waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').at(-1));
    const created = (await t.api('GET', `/api/v1/incidents/${id}`)).body;
    expect(created).toMatchObject({ report: 'Customer export in a public bucket', private: true, reporter: { slack_id: 'U0ALICE' } });
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in with Slack' }).waitFor();
    expect((await context.cookies()).find((c) => c.name === 'response_session')).toBeUndefined();
    const status = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(status).toBe(401);
    await screenshot(page, '08-signed-out');
  });
});

describe.skipIf(!hasChromium)('the web UI without sign-in (RESPONSE_LOGIN_REQUIRED=false), on a phone', () => {
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

  it('opens straight to the incidents, works by keyboard, and fits 375 px', async () => {
    const created = await t.api('POST', '/api/v1/incidents', { report: 'Login emails delayed', severity: 'critical', summary: 'Queue backlog of *40k* messages.' });
    await t.api('POST', `/api/v1/incidents/${created.body.id}/actions`, { details: 'Alert on queue depth', priority: 'medium' });
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    page.setDefaultTimeout(10_000);
    await page.goto(t.baseUrl);
    await page.getByRole('link', { name: /Login emails delayed/ }).waitFor();
    await expect(page.locator('.who-name').textContent()).resolves.toBe('Anonymous');
    // The first Tab reaches the skip link.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await page.getByRole('link', { name: /Login emails delayed/ }).press('Enter');
    await page.getByRole('heading', { level: 1, name: /Login emails delayed/ }).waitFor();
    // Nothing wider than the screen.
    const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await page.getByRole('button', { name: 'Add entry' }).click();
    await page.getByLabel('What happened').fill('Scaled the workers to 12');
    await page.getByRole('button', { name: 'Add entry' }).last().click();
    await page.locator('.entry', { hasText: 'Scaled the workers to 12' }).waitFor();
    const timeline = await t.api('GET', `/api/v1/incidents/${created.body.id}/timeline`);
    expect(JSON.stringify(timeline.body)).toContain('anonymous web user');
    await screenshot(page, '09-incident-doc-phone');
  });
});

describe.skipIf(!hasChromium)('the web UI beside the sandbox', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startTestApp({ env: { RESPONSE_LOGIN_REQUIRED: 'false' }, appOptions: { sandboxUrl: '/sandbox' } });
    // As the sandbox makes it: the workspace's URL is the sandbox's own address, so channels are pages of it.
    t.app.httpDeps.workspace.url = `${t.baseUrl}/sandbox`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('links channels to the sandbox (no slack://) and offers a way back to it, to the open incident\'s channel', async () => {
    const withChannel = (await t.api('POST', '/api/v1/incidents', { report: 'Sandbox incident', severity: 'major' })).body;
    await attachCommsChannel(t.app.core, { actor: { kind: 'system', job: 'test' }, clock: systemClock }, withChannel.id, { channelId: 'C0SANDBOX1', channelName: 'inc-sandbox-incident' });
    const channelUrl = `${t.baseUrl}/sandbox/archives/C0SANDBOX1`;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    page.setDefaultTimeout(10_000);
    await page.goto(t.baseUrl);
    const back = page.getByRole('link', { name: /Back to the sandbox/ });
    await back.waitFor();
    await expect(back.getAttribute('href')).resolves.toBe('/sandbox');
    const listLink = page.getByRole('link', { name: '#inc-sandbox-incident' });
    await expect(listLink.getAttribute('href')).resolves.toBe(channelUrl);
    await expect(listLink.getAttribute('target')).resolves.toBe('_blank');
    await screenshot(page, '10-sandbox-list', false);
    await page.getByRole('link', { name: /Sandbox incident/ }).click();
    await page.getByRole('heading', { level: 1, name: /Sandbox incident/ }).waitFor();
    const docLinks = page.locator('.details .channel-links a');
    expect(await docLinks.count()).toBe(1);
    await expect(docLinks.getAttribute('href')).resolves.toBe(channelUrl);
    await expect(docLinks.getAttribute('target')).resolves.toBe('_blank');
    expect(await page.locator('a[href^="slack:"]').count()).toBe(0);
    await expect(back.getAttribute('href')).resolves.toBe(channelUrl);
    // A 12-hour locale's times ("11:17:50 AM") stay on one line too.
    const time = page.locator('.entry-time').first();
    await expect(time.textContent()).resolves.toMatch(/[AP]M/);
    const box = await time.evaluate((el) => ({ height: el.getBoundingClientRect().height, font: parseFloat((globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(el).fontSize) }));
    expect(box.height).toBeLessThan(box.font * 2);
    await screenshot(page, '10b-sandbox-doc', false);
    // Leaving the doc, the way back is the sandbox itself again.
    await page.getByRole('link', { name: 'Incidents', exact: true }).first().click();
    await expect.poll(() => back.getAttribute('href')).toBe('/sandbox');
    await page.close();
  });
});
