import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJiraConfig, type JiraConfig } from '../../../../config/integrations/jira.js';
import { JiraStandIn } from '../../../../stand-ins/jira/jira-stand-in.js';
import { VendorError } from '../vendor-http.js';
import { createJiraIssue } from './jira-client.js';
import { jiraStatusChange, verifyJiraWebhook } from './webhook.js';

const issue = {
  title: 'Add an alert on checkout errors',
  details: 'Add an alert on checkout errors\nand page payments',
  incidentLine: 'Follow-up from incident #7: Checkout down',
  docUrl: 'https://response.example/incidents/7#action-3',
  owner: 'Bob Okafor',
  dueDate: '2026-12-10',
};

describe('Jira client against the Jira stand-in', () => {
  const jira = new JiraStandIn({ email: 'bot@acme.test', apiToken: 'tok', projects: ['OPS'] });
  let config: JiraConfig;
  beforeAll(async () => {
    await jira.start();
    config = readJiraConfig(
      { JIRA_BASE_URL: jira.url, JIRA_EMAIL: 'bot@acme.test', JIRA_API_TOKEN: 'tok', JIRA_WEBHOOK_SECRET: 's3cret' },
      { projectKey: 'OPS', labels: ['incident'] },
    ) as JiraConfig;
  });
  afterAll(() => jira.close());

  it('creates the issue with an ADF description linking back, and returns its key and browse link', async () => {
    const made = await createJiraIssue(config, issue);
    expect(made).toEqual({ key: 'OPS-1', url: `${jira.url}/browse/OPS-1` });
    const [call] = jira.server.calls('POST', '/rest/api/3/issue');
    expect(call?.headers.authorization).toBe(`Basic ${Buffer.from('bot@acme.test:tok').toString('base64')}`);
    const stored = jira.issues.get('OPS-1');
    expect(stored).toMatchObject({ summary: issue.title, issueType: 'Task', labels: ['incident'] });
    expect(JSON.stringify(stored?.description)).toContain('"href":"https://response.example/incidents/7#action-3"');
    expect(stored?.description).toMatchObject({
      type: 'doc',
      version: 1,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Add an alert on checkout errors' }] },
        expect.anything(),
        expect.anything(),
        expect.anything(),
      ],
    });
  });

  it('a wrong token is refused for good; a missing project names the field', async () => {
    const bad = { ...config, apiToken: 'wrong' };
    await expect(createJiraIssue(bad, issue)).rejects.toMatchObject({ name: 'VendorError', status: 401, permanent: true });
    const err = await createJiraIssue({ ...config, projectKey: 'NOPE' }, issue).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect(err).toMatchObject({ status: 400, permanent: true, message: expect.stringContaining('project: Specify a valid project') });
  });

  it('the stand-in refuses a description that is not an Atlassian Document, as Jira does', async () => {
    const res = await fetch(`${jira.url}/rest/api/3/issue`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('bot@acme.test:tok').toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 'x', description: 'plain text' } }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errorMessages: [], errors: { description: expect.stringContaining('Atlassian Document') } });
  });

  it('a 429 is retried after its Retry-After, a 500 is retried', async () => {
    jira.server.failNext({ status: 429, headers: { 'retry-after': '7' }, body: { errorMessages: ['Rate limit exceeded'] }, path: '/rest/api/3/issue' });
    await expect(createJiraIssue(config, issue)).rejects.toMatchObject({ status: 429, permanent: false, retryAfterMs: 7000 });
    jira.server.failNext({ status: 500, body: { errorMessages: ['Internal server error'] }, path: '/rest/api/3/issue' });
    await expect(createJiraIssue(config, issue)).rejects.toMatchObject({ status: 500, permanent: false });
  });

  it('sends a signed jira:issue_updated on a transition; a status change to Done reads as done, back to To Do as open', async () => {
    const received: { headers: Record<string, string | undefined>; body: string }[] = [];
    const { StandInServer } = await import('../../../../stand-ins/stand-in-server.js');
    const receiver = new StandInServer('receiver').route('POST', '/hook', (req) => {
      received.push({ headers: req.headers, body: req.rawBody });
      return { status: 200 };
    });
    jira.webhook = { url: `${await receiver.start()}/hook`, secret: 's3cret' };
    try {
      const { key } = await createJiraIssue(config, issue);
      // The issue's page (the sandbox's newcomer moves it from there).
      expect(await (await fetch(`${jira.url}/browse/${key}`)).text()).toContain('Move to Done');
      const moved = await fetch(`${jira.url}/browse/${key}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'status=Done',
        redirect: 'manual',
      });
      expect(moved.status).toBe(303);
      await jira.transition(key, 'To Do');
      expect(received).toHaveLength(2);
      const [done, reopened] = received.map((r) => ({
        verdict: verifyJiraWebhook(config, { headers: r.headers, rawBody: r.body }),
        change: jiraStatusChange(JSON.parse(r.body)),
      }));
      expect(done?.verdict).toMatchObject({ ok: true, deliveryId: expect.stringMatching(/^jira:/) });
      expect(done?.change).toEqual({ key, done: true });
      expect(reopened?.change).toEqual({ key, done: false });
    } finally {
      await receiver.close();
    }
  });
});

describe('Jira webhook verification', () => {
  const config = readJiraConfig(
    { JIRA_BASE_URL: 'https://acme.atlassian.net', JIRA_EMAIL: 'a@b.c', JIRA_API_TOKEN: 't', JIRA_WEBHOOK_SECRET: 'k' },
    { projectKey: 'OPS' },
  ) as JiraConfig;
  const body = JSON.stringify({ timestamp: 1, webhookEvent: 'jira:issue_updated', issue: { key: 'OPS-1' } });
  const sign = (b: string, secret = 'k') => `sha256=${createHmac('sha256', secret).update(b).digest('hex')}`;

  it('refuses a bad or missing signature (401), and everything when no secret is configured (403)', () => {
    expect(verifyJiraWebhook(config, { headers: { 'x-hub-signature': sign(body, 'other') }, rawBody: body })).toMatchObject({ ok: false, status: 401 });
    expect(verifyJiraWebhook(config, { headers: {}, rawBody: body })).toMatchObject({ ok: false, status: 401 });
    expect(verifyJiraWebhook(config, { headers: { 'x-hub-signature': sign(body) }, rawBody: `${body} ` })).toMatchObject({ ok: false, status: 401 });
    expect(verifyJiraWebhook({ ...config, webhookSecret: null }, { headers: { 'x-hub-signature': sign(body) }, rawBody: body })).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('names a delivery by its webhook identifier, else by timestamp and issue', () => {
    expect(verifyJiraWebhook(config, { headers: { 'x-hub-signature': sign(body), 'x-atlassian-webhook-identifier': 'abc' }, rawBody: body })).toEqual({
      ok: true,
      deliveryId: 'jira:abc',
    });
    expect(verifyJiraWebhook(config, { headers: { 'x-hub-signature': sign(body) }, rawBody: body })).toEqual({ ok: true, deliveryId: 'jira:1:OPS-1' });
  });

  it('ignores updates that did not change the status', () => {
    expect(
      jiraStatusChange({
        webhookEvent: 'jira:issue_updated',
        issue: { key: 'OPS-1', fields: { status: { statusCategory: { key: 'done' } } } },
        changelog: { items: [{ field: 'summary' }] },
      }),
    ).toBeNull();
    expect(
      jiraStatusChange({ webhookEvent: 'jira:issue_created', issue: { key: 'OPS-1', fields: { status: { statusCategory: { key: 'done' } } } } }),
    ).toBeNull();
  });
});

describe('Jira settings', () => {
  it('is off without variables, and names what is missing or wrong', () => {
    expect(readJiraConfig({}, undefined)).toBeNull();
    expect(() => readJiraConfig({ JIRA_BASE_URL: 'https://acme.atlassian.net' }, undefined)).toThrow(/JIRA_EMAIL/);
    expect(() => readJiraConfig({ JIRA_BASE_URL: 'https://acme.atlassian.net', JIRA_EMAIL: 'a', JIRA_API_TOKEN: 't' }, {})).toThrow(
      /integrations\.jira\.projectKey/,
    );
    expect(() => readJiraConfig({ JIRA_BASE_URL: 'nope', JIRA_EMAIL: 'a', JIRA_API_TOKEN: 't' }, { projectKey: 'OPS' })).toThrow(/JIRA_BASE_URL/);
    expect(() => readJiraConfig({ JIRA_BASE_URL: 'https://a.b', JIRA_EMAIL: 'a', JIRA_API_TOKEN: 't' }, { projectKey: 'OPS', colour: 1 })).toThrow(
      /integrations\.jira\.colour/,
    );
    expect(
      readJiraConfig({ JIRA_BASE_URL: 'https://acme.atlassian.net/', JIRA_EMAIL: 'a', JIRA_API_TOKEN: 't', JIRA_PROJECT_KEY: 'OPS' }, undefined),
    ).toMatchObject({ baseUrl: 'https://acme.atlassian.net', issueType: 'Task', webhookSecret: null });
  });
});
