import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JiraStandIn } from '../../src/stand-ins/jira/jira-stand-in.js';
import { LinearStandIn } from '../../src/stand-ins/linear/linear-stand-in.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { ensureWebBuilt, hasChromium, launchChromium, screenshot } from './browser-support.js';

/** The web doc's actions: "Create Jira issue" / "Create Linear issue" when configured, then the issue's key as a link. */
describe.skipIf(!hasChromium)('follow-up issues in the web doc', () => {
  const jira = new JiraStandIn({ email: 'bot@acme.test', apiToken: 'jira-token', projects: ['OPS'] });
  const linear = new LinearStandIn({ apiKey: 'lin_api_web' });
  let t: SlackTestApp;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt();
    await Promise.all([jira.start(), linear.start()]);
    t = await startSlackTestApp({
      env: {
        RESPONSE_LOGIN_REQUIRED: 'false',
        JIRA_BASE_URL: jira.url,
        JIRA_EMAIL: 'bot@acme.test',
        JIRA_API_TOKEN: 'jira-token',
        JIRA_PROJECT_KEY: 'OPS',
        LINEAR_API_KEY: 'lin_api_web',
        LINEAR_API_URL: linear.url,
        LINEAR_TEAM_ID: 'team-eng',
      },
    });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await Promise.all([jira.close(), linear.close()]);
  });

  it('creates a Jira issue and a Linear issue from the actions list and links them', async () => {
    const id = (await t.api('POST', '/api/v1/incidents', { report: 'Search is slow' })).body.id as number;
    await t.api('POST', `/api/v1/incidents/${id}/actions`, { details: 'Add a search latency alert' });
    await t.api('POST', `/api/v1/incidents/${id}/actions`, { details: 'Reindex the catalogue nightly' });
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${t.baseUrl}/incidents/${id}`);
    const list = page.getByRole('region', { name: /Actions/ });
    await list.getByRole('button', { name: 'Create Linear issue for action: Add a search latency alert' }).waitFor();
    await screenshot(page, '19-doc-action-issue-buttons');
    await list.getByRole('button', { name: 'Create Jira issue for action: Add a search latency alert' }).click();
    await list.getByRole('button', { name: 'Create Linear issue for action: Reindex the catalogue nightly' }).click();
    const jiraLink = list.getByRole('link', { name: 'Jira OPS-1' });
    const linearLink = list.getByRole('link', { name: 'Linear ENG-1' });
    await jiraLink.waitFor();
    await linearLink.waitFor();
    await expect(jiraLink.getAttribute('href')).resolves.toBe(`${jira.url}/browse/OPS-1`);
    await expect(linearLink.getAttribute('href')).resolves.toMatch(/^https:\/\/linear\.app\/acme\/issue\/eng-1\//);
    // Once linked, no button offers to make another.
    await expect(list.getByRole('button', { name: /Create (Jira|Linear) issue/ }).count()).resolves.toBe(0);
    await screenshot(page, '19-doc-action-issues');
    expect(jira.issues.size).toBe(1);
    expect(linear.issues.size).toBe(1);
  });
});
