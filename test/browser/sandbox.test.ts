/**
 * The whole story in the sandbox workspace, in Debian's Chromium, against the server entry started the way
 * `npm start` runs it (no Slack settings): declare with /incident, fill the modal, see the headline, create the
 * comms channel, run commands, pin a message, sign in to the web UI with Slack (the sandbox's authorize page),
 * see the pin on the incident doc, close the incident. At each step it checks what a newcomer sees: Slack's own
 * field error, the channel's confirmations, the 📝 on a pin and the pins panel, the styled picker offering the
 * person being played, links from Response that open the sandbox, and the private "already closed" answer.
 * A screenshot of each step: test-artifacts/screenshots/sandbox-*.png
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEntry, waitForHealthy, type Proc } from '../support/processes.js';
import { ensureWebBuilt, freePort, hasChromium, launchChromium, repoRoot, screenshot } from './browser-support.js';

/** The machine running the suite may be busy: every step gets two minutes, every wait one. */
const STEP_MS = 120_000;
const dataDir = mkdtempSync(join(tmpdir(), 'response-sandbox-browser-'));

if (!hasChromium) describe('the sandbox workspace in Chromium', () => {
  it.skip('skipped: /usr/bin/chromium is missing (install Debian\'s chromium or set CHROMIUM_PATH)', () => {});
});

describe.skipIf(!hasChromium)('the sandbox workspace in Chromium', () => {
  let proc: Proc;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let incidentId: number;
  let commsChannel: string;
  let commsChannelId: string;

  const composer = () => page.getByLabel('Message', { exact: true });
  const say = async (text: string) => {
    await composer().fill(text);
    await composer().press('Enter');
    await expect.poll(() => composer().inputValue(), { timeout: 60_000 }).toBe('');
  };
  const messages = () => page.locator('.sb-messages');

  beforeAll(async () => {
    await ensureWebBuilt();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    process.chdir(repoRoot);
    // Info, as `npm start` logs: the banner is an info record (JSON here, as the output is not a terminal).
    proc = runEntry('src/main/server.ts', [], { PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: baseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    await waitForHealthy(baseUrl, proc, 120_000);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (err) => console.error('page error:', err.message));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (proc && proc.child.exitCode === null) {
      proc.child.kill('SIGTERM');
      await proc.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, STEP_MS);

  it('opens the URL the start-up banner prints: the sandbox, as its first person, Alice', async () => {
    await expect.poll(() => bannerUrl(proc.output()), { timeout: 30_000 }).toBeTruthy();
    const printedUrl = bannerUrl(proc.output())!;
    expect(printedUrl).toBe(`${baseUrl}/sandbox`);
    await page.goto(printedUrl);
    // (The banner names exactly one URL to open; the steps below follow links from there.)
    await page.locator('.sb-chan', { hasText: 'incidents' }).waitFor();
    // The bot is called what the manifest calls it (and what people type): incident.
    await expect(page.locator('.sb-side').textContent()).resolves.toMatch(/general.*incidents.*🤖 incident$/s);
    await expect(page.getByLabel('Play as').inputValue()).resolves.toBe('U0ALICE');
    await screenshot(page, 'sandbox-01-workspace');
  }, STEP_MS);

  it('declares with /incident and fills the modal', async () => {
    await say('/incident Checkout API returning 500s');
    const modal = page.getByRole('dialog');
    await modal.waitFor();
    const title = modal.locator('[data-block-id="report"] input');
    await expect(title.inputValue()).resolves.toBe('Checkout API returning 500s');
    // Left empty, a required field is refused by the page itself, as Slack's client does: its own words under
    // the field, nothing sent, no developer banner.
    await title.fill('');
    await modal.locator('button[type="submit"]').click();
    await modal.locator('[data-block-id="report"] .sb-error', { hasText: 'Please complete this required field.' }).waitFor();
    await screenshot(page, 'sandbox-02a-required-field');
    await expect(page.locator('.sb-notice').count()).resolves.toBe(0);
    await title.fill('x');
    await expect(modal.locator('[data-block-id="report"] .sb-error').count()).resolves.toBe(0);
    // Response answers a blank title with a field error (response_action: errors); the modal stays open.
    await title.fill('   ');
    await modal.locator('button[type="submit"]').click();
    await modal.locator('[data-block-id="report"] .sb-error', { hasText: 'Please describe what happened' }).waitFor();
    await screenshot(page, 'sandbox-02b-field-error');
    await title.fill('Checkout API returning 500s');
    await modal.locator('[data-block-id="impact"] textarea').fill('Customers *cannot* pay');
    await modal.locator('[data-block-id="lead"] select').selectOption('U0BOB');
    await modal.locator('[data-block-id="severity"] select').selectOption('major');
    await screenshot(page, 'sandbox-02-report-modal');
    await modal.locator('button[type="submit"]').click();
    await modal.waitFor({ state: 'detached' });
  }, STEP_MS);

  it('shows the headline in #incidents, live', async () => {
    const headline = messages().locator('.sb-msg', { hasText: 'Checkout API returning 500s' }).filter({ hasText: 'Reporter' });
    await headline.waitFor();
    await expect(headline.textContent()).resolves.toMatch(/Incident Lead: @Bob Okafor.*Severity: Major/s);
    // The reporter's "thanks" is ephemeral: Alice sees it, Bob doesn't.
    await messages().locator('.sb-msg.ephemeral', { hasText: 'Thanks for raising the incident' }).waitFor();
    await screenshot(page, 'sandbox-03-headline');
  }, STEP_MS);

  it('creates the comms channel from the headline button', async () => {
    await messages().getByRole('button', { name: /Create Comms Channel/i }).click();
    const chan = page.locator('.sb-chan', { hasText: /inc-/ });
    await chan.waitFor();
    commsChannel = ((await chan.textContent()) ?? '').replace(/^(#|🔒)\s*/u, '').trim();
    const match = /inc-(\d+)/.exec(commsChannel);
    incidentId = Number(match?.[1]);
    expect(incidentId).toBeGreaterThan(0);
    await chan.click();
    await page.locator('.sb-chan-name', { hasText: commsChannel }).waitFor();
    // The address follows the channel, as Slack's does: /sandbox/archives/C…
    commsChannelId = /\/sandbox\/archives\/(C[A-Z0-9]+)/.exec(page.url())?.[1] ?? '';
    expect(commsChannelId).toMatch(/^C/);
    await screenshot(page, 'sandbox-04-comms-channel');
  }, STEP_MS);

  it('runs @incident commands in the comms channel', async () => {
    // Alice may not have been invited; the page offers to join like Slack does.
    // Alice's invite may land while the page shows the button (it then re-renders), so keep trying until the composer shows.
    const join = page.getByRole('button', { name: 'Join channel' });
    await expect
      .poll(
        async () => {
          if (await composer().isVisible()) return true;
          await join.click({ timeout: 2000 }).catch(() => undefined);
          return composer().isVisible();
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    // Each change is said in the channel, by the bot, for everyone watching it.
    const fromBot = (text: RegExp) => messages().locator('.sb-msg:not(.ephemeral)', { hasText: text }).filter({ has: page.locator('.sb-app-tag') });
    await say('@incident lead @Carol');
    await fromBot(/👩‍🚒 @Carol Diaz is now the incident lead \(set by @Alice Nguyen\)/).waitFor();
    await expect(fromBot(/is now the incident lead/).locator('.sb-msg-meta strong').textContent()).resolves.toBe('incident');
    await say('@incident severity critical');
    await fromBot(/Severity is now Critical \(set by @Alice Nguyen\)/).waitFor();
    await say('@incident status identified');
    await fromBot(/Status is now Identified \(set by @Alice Nguyen\)/).waitFor();
    await say('@incident summary Payments time out at the gateway; retries pile up');
    await messages().getByText(/Payments time out at the gateway/).first().waitFor();
    await screenshot(page, 'sandbox-05-commands');
  }, STEP_MS);

  it("posts a status update from the welcome message's button; it reaches #incident-updates too", async () => {
    await messages().getByRole('button', { name: /Post an update/ }).first().click();
    const modal = page.getByRole('dialog');
    await modal.waitFor();
    // Critical: the next update is due in 15 minutes unless said otherwise.
    await expect(modal.locator('[data-block-id="update_next_in_minutes"] input').inputValue()).resolves.toBe('15');
    await modal.locator('[data-block-id="update_message"] textarea').fill('The gateway connection pool is exhausted; raising it now');
    await modal.locator('[data-block-id="update_next_steps"] textarea').fill('Watch error rates for 15 minutes');
    await screenshot(page, 'sandbox-05a-update-modal');
    await modal.locator('button[type="submit"]').click();
    await modal.waitFor({ state: 'detached' });
    await messages().locator('.sb-msg', { hasText: 'The gateway connection pool is exhausted' }).first().waitFor();
    await screenshot(page, 'sandbox-05b-update-posted');
    // Critical incidents' updates also go to the stakeholders' channel (the sandbox's process).
    await page.locator('.sb-chan', { hasText: 'incident-updates' }).click();
    await messages().locator('.sb-msg', { hasText: 'The gateway connection pool is exhausted' }).waitFor();
    await screenshot(page, 'sandbox-05c-stakeholder-channel');
    await page.locator('.sb-chan', { hasText: commsChannel }).click();
    await page.locator('.sb-chan-name', { hasText: commsChannel }).waitFor();
  }, STEP_MS);

  it('shows what people type as text: mrkdwn formatting, links and emoji, never HTML', async () => {
    await say('Status page: <b>not bold</b> *bold* https://status.example.com :fire:');
    const row = messages().locator('.sb-msg', { hasText: 'Status page:' }).last();
    await expect(row.locator('.sb-text').textContent()).resolves.toBe('Status page: <b>not bold</b> bold https://status.example.com 🔥');
    await expect(row.locator('strong').last().textContent()).resolves.toBe('bold');
    await expect(row.locator('b').count()).resolves.toBe(0);
    await expect(row.getByRole('link', { name: 'https://status.example.com' }).getAttribute('href')).resolves.toBe('https://status.example.com');
  }, STEP_MS);

  it('pins a message', async () => {
    await say('Root cause: the payments-api pool is exhausted');
    const row = messages().locator('.sb-msg', { hasText: 'Root cause: the payments-api pool is exhausted' }).last();
    await row.hover();
    await row.getByRole('button', { name: 'Pin' }).click();
    await row.locator('.sb-pinned-tag').waitFor();
    await row.hover();
    await row.getByRole('button', { name: 'Add a reaction' }).click();
    await row.getByRole('button', { name: 'React with eyes' }).click();
    await row.locator('.sb-reaction.mine').waitFor();
    // Response's sign that the pin reached the timeline: its 📝 on the message (the bot's, not Alice's).
    const memo = row.locator('.sb-reaction:not(.mine)', { hasText: '📝' });
    await memo.waitFor();
    await expect(memo.getAttribute('title')).resolves.toBe('incident reacted with :memo:');
    await screenshot(page, 'sandbox-06-pinned');
  }, STEP_MS);

  it("opens the channel's pins from the 📌 counter; each pin links to its message", async () => {
    await page.getByRole('button', { name: 'Pinned messages: 1' }).click();
    const panel = page.getByRole('region', { name: 'Pinned messages' });
    const pin = panel.locator('.sb-pin', { hasText: 'Root cause: the payments-api pool is exhausted' });
    await pin.waitFor();
    await screenshot(page, 'sandbox-06a-pins-panel');
    const link = pin.getByRole('link', { name: 'View message' });
    await expect(link.getAttribute('href')).resolves.toMatch(new RegExp(`^/sandbox/archives/${commsChannelId}/p\\d{16}$`));
    await link.click();
    await expect(panel.count()).resolves.toBe(0);
    await messages().locator('.sb-msg.focused', { hasText: 'Root cause: the payments-api pool is exhausted' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/sandbox/archives/${commsChannelId}/p\\d{16}$`));
  }, STEP_MS);

  it('signs in to the web UI with Slack (the sandbox user) and sees the pin on the doc', async () => {
    const doc = await context.newPage();
    await doc.goto(`${baseUrl}/incidents/${incidentId}`);
    await doc.getByRole('link', { name: 'Sign in with Slack' }).click();
    // The picker looks like the sandbox and offers the person being played (Alice) first, with the one green button.
    const first = doc.locator('.person').first();
    await expect(first.getAttribute('aria-current')).resolves.toBe('true');
    await expect(first.locator('.name').textContent()).resolves.toBe('Alice Nguyen');
    await expect(first.textContent()).resolves.toContain('alice@acme.example');
    await expect(doc.locator('.person').count()).resolves.toBe(5);
    const go = doc.getByRole('link', { name: 'Continue as Alice Nguyen' });
    // Runs in the page; the test's TypeScript has no DOM library, hence the cast.
    const background = (a: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(a).backgroundColor;
    await expect(go.evaluate(background)).resolves.toBe('rgb(0, 122, 90)');
    await expect(doc.getByRole('link', { name: 'Continue as Bob Okafor' }).evaluate(background)).resolves.toBe('rgb(255, 255, 255)');
    await screenshot(doc, 'sandbox-07a-picker');
    await go.click();
    await doc.getByRole('heading', { level: 1, name: /Checkout API returning 500s/ }).waitFor();
    const pinEntry = doc.locator('.entry.type-slack_pin', { hasText: 'payments-api pool is exhausted' });
    await pinEntry.waitFor({ timeout: 60_000 });
    await screenshot(doc, 'sandbox-07-doc-with-pin');

    // Links Response builds from the workspace open the sandbox: the channel (from the REST API) ...
    const api = (await (await doc.request.get(`${baseUrl}/api/v1/incidents/${incidentId}`)).json()) as { comms_channel?: { url?: string } };
    expect(api.comms_channel?.url).toBe(`${baseUrl}/sandbox/archives/${commsChannelId}`);
    await doc.goto(api.comms_channel!.url!);
    await doc.locator('.sb-chan-name', { hasText: commsChannel }).waitFor();
    // ... and the pin's permalink, on that message.
    await doc.goBack();
    const permalink = await doc.locator('.entry.type-slack_pin', { hasText: 'payments-api pool is exhausted' }).getByRole('link', { name: 'View in Slack' }).getAttribute('href');
    expect(permalink).toMatch(new RegExp(`^${baseUrl}/sandbox/archives/${commsChannelId}/p\\d{16}$`));
    await doc.goto(permalink!);
    await doc.locator('.sb-msg.focused', { hasText: 'Root cause: the payments-api pool is exhausted' }).waitFor();
    await screenshot(doc, 'sandbox-07b-permalink');
    await doc.close();
  }, STEP_MS);

  it('closes the incident; the headline follows and the lead gets a DM from the bot', async () => {
    await say('@incident close');
    // Closing it again is answered to Alice alone, with a time as Slack shows dates (never `<!date…>`).
    await say('@incident close');
    const already = messages().locator('.sb-msg.ephemeral', { hasText: 'This incident was already closed' });
    await already.waitFor();
    await expect(already.textContent()).resolves.toMatch(/already closed (today|yesterday|\w{3} \d{1,2}, \d{4}) at \d{1,2}:\d{2}.*@incident reopen/);
    await expect(already.textContent()).resolves.not.toContain('<!date');
    await expect(already.locator('.sb-only-you').textContent()).resolves.toBe('Only visible to you');
    await screenshot(page, 'sandbox-08a-already-closed');
    await page.getByLabel('Play as').selectOption('U0BOB');
    await expect.poll(() => page.locator('.sb-chan-name').textContent()).toContain(commsChannel);
    await expect.poll(() => messages().getByText('This incident was already closed').count()).toBe(0);
    await messages().getByText(/is now the incident lead/).waitFor();
    await page.getByLabel('Play as').selectOption('U0ALICE');
    await page.locator('.sb-chan', { hasText: /^#\s*incidents$/ }).click();
    const headline = messages().locator('.sb-msg', { hasText: 'Checkout API returning 500s' }).filter({ hasText: 'Reporter' });
    await headline.filter({ hasText: 'Status: Resolved' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'sandbox-08-closed');
    // The headline's channel mention opens that channel, as in Slack.
    await headline.getByRole('link', { name: `#${commsChannel}` }).click();
    await page.locator('.sb-chan-name', { hasText: commsChannel }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/sandbox/archives/${commsChannelId}`);
    // Play Carol, the lead now: her DM with the bot, and no trace of Alice's ephemeral message.
    await page.getByLabel('Play as').selectOption('U0CAROL');
    await expect.poll(() => messages().locator('.sb-msg.ephemeral').count()).toBe(0);
    await page.locator('.sb-chan', { hasText: '🤖 incident' }).click();
    await messages().getByText(/fill out an incident report/).waitFor({ timeout: 60_000 });
    await screenshot(page, 'sandbox-09-lead-dm');
    await page.setViewportSize({ width: 390, height: 800 });
    await screenshot(page, 'sandbox-10-phone', false);
    await page.setViewportSize({ width: 1280, height: 860 });
  }, STEP_MS);

  it('reads the closed incident\'s doc (key events by default, a way back to the sandbox) and its postmortem', async () => {
    const doc = await context.newPage();
    await doc.goto(`${baseUrl}/incidents/${incidentId}`);
    await doc.getByRole('heading', { level: 1, name: /Checkout API returning 500s/ }).waitFor();
    // Key events tell the story; the lead, severity and status changes and the pin are in it.
    const timeline = doc.locator('.entry');
    const readStory = async () => {
      await doc.locator('.entry.type-slack_pin').waitFor();
      return (await timeline.allTextContents()).join('\n');
    };
    // Names are looked up after the ack (users.info); on a loaded machine the doc may open first and show
    // an id, as Slack does until it knows someone. A reload then shows the name.
    await expect
      .poll(async () => (/lead changed from @bob to @carol/.test(await readStory()) ? true : (await doc.reload(), false)), { timeout: 30_000 })
      .toBe(true);
    const story = await readStory();
    expect(story).toMatch(/[Cc]ritical/);
    expect(story).toContain('payments-api pool is exhausted');
    // The summary edit is there, under Everything, not in the story.
    expect(story).not.toMatch(/summary/i);
    await doc.getByText(/\d+ more in Everything/).waitFor();
    // Beside the sandbox the header leads back to this incident's channel, in the same tab.
    const back = doc.getByRole('link', { name: /Back to the sandbox/ });
    await expect(back.getAttribute('href')).resolves.toBe(`${baseUrl}/sandbox/archives/${commsChannelId}`);
    await screenshot(doc, 'sandbox-11-closed-doc');
    const download = doc.waitForEvent('download');
    await doc.getByRole('link', { name: 'Download postmortem' }).click();
    const file = await (await download).path();
    const postmortem = readFileSync(file, 'utf8');
    expect(postmortem).toMatch(/^# .*Checkout API returning 500s/m);
    expect(postmortem).toContain('Payments time out at the gateway; retries pile up');
    expect(postmortem).toContain('Customers *cannot* pay');
    expect(postmortem).toContain('payments-api pool is exhausted');
    expect(postmortem).toMatch(/Carol Diaz/);
    await back.click();
    await doc.locator('.sb-chan-name', { hasText: commsChannel }).waitFor();
    await doc.close();
  }, STEP_MS);
});

/** The `open` URL of the start-up banner, from the server's JSON log. */
function bannerUrl(output: string): string | undefined {
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const record = JSON.parse(line) as { open?: unknown };
      if (typeof record.open === 'string') return record.open;
    } catch {
      // Not a log record.
    }
  }
  return undefined;
}
