import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JiraStandIn } from '../../src/stand-ins/jira/jira-stand-in.js';
import { createCommsChannelViaSlack, declareViaSlack, mention } from '../support/slack-flows.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';

const SECRET = 'jira-webhook-secret';

/** Follow-ups as Jira issues, end to end: Slack and the API in, the Jira stand-in out, its webhooks back. */
describe('Jira follow-ups', () => {
  const jira = new JiraStandIn({ email: 'bot@acme.test', apiToken: 'jira-token', projects: ['OPS'] });
  let t: SlackTestApp;
  let incidentId: number;
  let channel: string;

  beforeAll(async () => {
    await jira.start();
    t = await startSlackTestApp({
      env: { JIRA_BASE_URL: jira.url, JIRA_EMAIL: 'bot@acme.test', JIRA_API_TOKEN: 'jira-token', JIRA_WEBHOOK_SECRET: SECRET, JIRA_PROJECT_KEY: 'OPS' },
    });
    jira.webhook = { url: `${t.baseUrl}/webhooks/jira`, secret: SECRET };
    incidentId = (await declareViaSlack(t, 'U0ALICE', 'Checkout is down')).id;
    channel = await createCommsChannelViaSlack(t, 'U0ALICE', incidentId);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await jira.close();
  });

  const actions = async () => (await t.api('GET', `/api/v1/incidents/${incidentId}/actions?limit=100`)).body.results as any[];
  const actionNamed = async (details: string) => (await actions()).find((a) => a.details === details);
  // Webhooks are handled after they are answered: wait for that, then for what it caused.
  const drain = async () => {
    await t.app.webhooks?.idle();
    await t.settle();
  };
  const said = () => t.emulator.messages(channel).map((m: any) => String(m.text));

  it('`@incident action … --jira` creates the issue (ADF description, link back) and the action shows its key and link', async () => {
    await mention(t, 'U0ALICE', channel, 'action Add an alert on checkout errors <@U0BOB> --jira');
    await t.settle();
    const issue = jira.issues.get('OPS-1');
    expect(issue).toMatchObject({
      summary: 'Add an alert on checkout errors',
      issueType: 'Task',
      labels: ['incident-follow-up', expect.stringMatching(/^response-[0-9a-f]{16}$/)],
    });
    expect(issue?.description).toMatchObject({ type: 'doc', version: 1 });
    const action = await actionNamed('Add an alert on checkout errors');
    expect(JSON.stringify(issue?.description)).toContain(`/incidents/${incidentId}#action-${action.id}`);
    expect(action.issue).toEqual({ provider: 'jira', key: 'OPS-1', url: `${jira.url}/browse/OPS-1`, state: 'linked' });
    expect(said().some((m) => m.includes(`<${jira.url}/browse/OPS-1|OPS-1>`) && m.includes('Add an alert on checkout errors'))).toBe(true);
    // Asked again once linked: refused, nothing made.
    const again = await t.api('POST', `/api/v1/incidents/${incidentId}/actions/${action.id}/issue`, { provider: 'jira' });
    expect(again.status).toBe(409);
    expect(jira.server.calls('POST', '/rest/api/3/issue')).toHaveLength(1);
  });

  it('the Create Jira issue button under a logged action makes one issue however often it is pressed', async () => {
    await mention(t, 'U0ALICE', channel, 'action Write the runbook');
    const confirmation = t.emulator.messages(channel).find((m: any) => String(m.text).startsWith('📋') && String(m.text).includes('Write the runbook')) as any;
    expect(confirmation.blocks.at(-1).elements.map((e: any) => e.action_id)).toEqual(['jira_create_issue']);
    await t.emulator.as('U0BOB').clickButton(channel, confirmation.ts, 'jira_create_issue');
    await t.emulator.as('U0BOB').clickButton(channel, confirmation.ts, 'jira_create_issue');
    await t.settle();
    const action = await actionNamed('Write the runbook');
    expect(action.issue).toMatchObject({ provider: 'jira', key: 'OPS-2', state: 'linked' });
    expect(jira.server.calls('POST', '/rest/api/3/issue')).toHaveLength(2);
  });

  it('Done in Jira completes the action, a redelivery acts once, reopening reopens it', async () => {
    const action = await actionNamed('Add an alert on checkout errors');
    const done = await jira.transition('OPS-1', 'Done');
    expect(done?.status).toBe(200);
    await drain();
    expect(await actionNamed('Add an alert on checkout errors')).toMatchObject({ done: true });
    expect(await jira.redeliver(done!)).toBe(200);
    await drain();
    expect(said().filter((m) => m.includes('is done, so the action is too'))).toHaveLength(1);
    const events = (await t.api('GET', `/api/v1/events?incident_id=${incidentId}&limit=200`)).body.results as any[];
    expect(events.filter((e) => e.payload?.change === 'updated' && e.payload?.action?.id === action.id)).toHaveLength(1);

    await jira.transition('OPS-1', 'To Do');
    await drain();
    expect(await actionNamed('Add an alert on checkout errors')).toMatchObject({ done: false, done_at: null });
    expect(said().filter((m) => m.includes('was reopened, so the action is open again'))).toHaveLength(1);
  });

  it('deliveries that arrive out of order act on the issue as it is now', async () => {
    const hook = jira.webhook!;
    jira.webhook = { ...hook, url: 'http://127.0.0.1:9/unreachable' };
    const done = await jira.transition('OPS-1', 'Done');
    const reopened = await jira.transition('OPS-1', 'To Do');
    jira.webhook = hook;
    // The reopen arrives first, then the stale close: the issue is open, so the action stays open.
    expect(await jira.redeliver(reopened!)).toBe(200);
    await drain();
    expect(await jira.redeliver(done!)).toBe(200);
    await drain();
    expect(await actionNamed('Add an alert on checkout errors')).toMatchObject({ done: false });
  });

  it('a webhook with a bad signature is refused (401) and changes nothing', async () => {
    const body = JSON.stringify({
      timestamp: Date.now(),
      webhookEvent: 'jira:issue_updated',
      issue: { key: 'OPS-1', fields: { status: { statusCategory: { key: 'done' } } } },
      changelog: { items: [{ field: 'status' }] },
    });
    const forged = createHmac('sha256', 'not-the-secret').update(body).digest('hex');
    const res = await fetch(`${t.baseUrl}/webhooks/jira`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature': `sha256=${forged}`, 'x-atlassian-webhook-identifier': 'forged-1' },
      body,
    });
    expect(res.status).toBe(401);
    await drain();
    expect(await actionNamed('Add an alert on checkout errors')).toMatchObject({ done: false });
  });

  it('a 429 waits its Retry-After and then creates the issue once', async () => {
    jira.server.failNext({ status: 429, headers: { 'retry-after': '1' }, body: { errorMessages: ['Rate limit exceeded.'] }, path: '/rest/api/3/issue' });
    const created = jira.server.calls('POST', '/rest/api/3/issue').length;
    await t.api('POST', `/api/v1/incidents/${incidentId}/actions`, { details: 'Rate limited follow-up' });
    const action = await actionNamed('Rate limited follow-up');
    const asked = await t.api('POST', `/api/v1/incidents/${incidentId}/actions/${action.id}/issue`, { provider: 'jira' });
    expect(asked.status).toBe(202);
    expect(asked.body.issue).toEqual({ provider: 'jira', key: null, url: null, state: 'requested' });
    await t.settle();
    t.clock.advance(5_000);
    await t.settle();
    const calls = jira.server.calls('POST', '/rest/api/3/issue').slice(created);
    expect(calls.map((c) => c.status)).toEqual([429, 201]);
    expect((await actionNamed('Rate limited follow-up')).issue).toMatchObject({ key: 'OPS-3', state: 'linked' });
  });

  it('an issue made whose answer was lost is found on the retry, not made twice', async () => {
    jira.loseNextCreateAnswer();
    const before = jira.issues.size;
    await mention(t, 'U0ALICE', channel, 'action Tune the connection pool --jira');
    expect((await actionNamed('Tune the connection pool')).issue).toMatchObject({ state: 'requested' });
    t.clock.advance(10_000);
    await t.settle();
    expect(jira.issues.size).toBe(before + 1);
    const made = [...jira.issues.values()].at(-1);
    expect((await actionNamed('Tune the connection pool')).issue).toMatchObject({ state: 'linked', key: made?.key });
  });

  it('a Jira that keeps failing (500) is given up on after the retries, and the channel is told once', async () => {
    jira.server.failNext({ status: 500, times: 100, body: { errorMessages: ['Internal server error'] }, path: '/rest/api/3/issue' });
    const created = jira.server.calls('POST', '/rest/api/3/issue').length;
    await mention(t, 'U0ALICE', channel, 'action Check the load balancer --jira');
    for (let i = 0; i < 12; i++) {
      t.clock.advance(301_000);
      await t.settle();
    }
    expect(jira.server.calls('POST', '/rest/api/3/issue').length - created).toBe(12);
    const notices = said().filter((m) => m.includes('*Jira* gave up'));
    expect(notices).toEqual([expect.stringContaining('HTTP 500: Internal server error')]);
    // Still asked for, not linked: it may be asked for again once Jira is back.
    expect((await actionNamed('Check the load balancer')).issue).toMatchObject({ provider: 'jira', key: null, state: 'requested' });
    jira.server.clearFaults();
  });

  it('a refusal for good (a 4xx) marks the request failed at once, and a new request then succeeds', async () => {
    jira.server.failNext({ status: 400, body: { errorMessages: [], errors: { issuetype: 'Specify an issue type' } }, path: '/rest/api/3/issue' });
    await mention(t, 'U0ALICE', channel, 'action Review the alert thresholds --jira');
    const action = await actionNamed('Review the alert thresholds');
    expect(action.issue).toMatchObject({ state: 'failed', key: null });
    expect(said().filter((m) => m.includes('*Jira* gave up') && m.includes('issuetype: Specify an issue type'))).toHaveLength(1);
    const timeline = (await t.api('GET', `/api/v1/incidents/${incidentId}/timeline?limit=200`)).body.results as any[];
    expect(timeline.some((e) => e.text.includes('Jira refused to create the issue') && e.text.includes('issuetype'))).toBe(true);
    expect((await t.api('POST', `/api/v1/incidents/${incidentId}/actions/${action.id}/issue`, { provider: 'jira' })).status).toBe(202);
    await t.settle();
    expect((await actionNamed('Review the alert thresholds')).issue).toMatchObject({ state: 'linked', key: expect.stringMatching(/^OPS-\d+$/) });
  });

  it('unknown or unconfigured trackers are refused naming `provider`', async () => {
    const action = await actionNamed('Rate limited follow-up');
    for (const provider of ['linear', 'asana']) {
      const r = await t.api('POST', `/api/v1/incidents/${incidentId}/actions/${action.id}/issue`, { provider });
      expect(r.status).toBe(422);
      expect(r.body.error).toMatchObject({ field: 'provider', message: expect.stringContaining('configured: jira') });
    }
    expect((await t.api('GET', '/api/v1/issue-trackers')).body.results).toEqual([{ provider: 'jira', label: 'Jira' }]);
    // In Slack the same refusal comes before anything is logged.
    await mention(t, 'U0ALICE', channel, 'action Rotate the keys --linear');
    expect(await actionNamed('Rotate the keys')).toBeUndefined();
  });
});
