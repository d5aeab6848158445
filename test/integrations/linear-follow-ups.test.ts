import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinearStandIn } from '../../src/stand-ins/linear/linear-stand-in.js';
import { createCommsChannelViaSlack, declareViaSlack, mention } from '../support/slack-flows.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';

const SECRET = 'linear-signing-secret';

/** Follow-ups as Linear issues, end to end: the API and Slack in, the Linear stand-in out, its signed webhooks back. */
describe('Linear follow-ups', () => {
  const linear = new LinearStandIn({ apiKey: 'lin_api_test', teams: { 'team-eng': 'ENG' } });
  let t: SlackTestApp;
  let incidentId: number;
  let channel: string;

  beforeAll(async () => {
    await linear.start();
    t = await startSlackTestApp({
      env: { LINEAR_API_KEY: 'lin_api_test', LINEAR_API_URL: linear.url, LINEAR_WEBHOOK_SECRET: SECRET, LINEAR_TEAM_ID: 'team-eng' },
    });
    linear.webhook = { url: `${t.baseUrl}/webhooks/linear`, secret: SECRET };
    incidentId = (await declareViaSlack(t, 'U0ALICE', 'Search is slow')).id;
    channel = await createCommsChannelViaSlack(t, 'U0ALICE', incidentId);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await linear.close();
  });

  const actionNamed = async (details: string) =>
    ((await t.api('GET', `/api/v1/incidents/${incidentId}/actions?limit=100`)).body.results as any[]).find((a) => a.details === details);
  const said = () => t.emulator.messages(channel).map((m: any) => String(m.text));
  const drain = async () => {
    await t.app.webhooks?.idle();
    await t.settle();
  };
  const request = async (details: string) => {
    const action = (await t.api('POST', `/api/v1/incidents/${incidentId}/actions`, { details })).body;
    const asked = await t.api('POST', `/api/v1/incidents/${incidentId}/actions/${action.id}/issue`, { provider: 'linear' });
    expect(asked.status).toBe(202);
    await t.settle();
    return action.id as number;
  };

  it('the API asks for a Linear issue: issueCreate in the team with a link back, and the action shows its identifier and link', async () => {
    const actionId = await request('Add a search latency alert');
    const [issue] = [...linear.issues.values()];
    expect(issue).toMatchObject({ identifier: 'ENG-1', teamId: 'team-eng', title: 'Add a search latency alert' });
    expect(issue?.description).toContain(`/incidents/${incidentId}#action-${actionId}`);
    const action = await actionNamed('Add a search latency alert');
    expect(action.issue).toEqual({ provider: 'linear', key: 'ENG-1', url: issue?.url, state: 'linked' });
    expect(said().some((m) => m.includes(`<${issue?.url}|ENG-1>`))).toBe(true);
    expect(linear.server.calls('POST', '/graphql').filter((c) => String((c.body as any)?.query).includes('issueCreate'))).toHaveLength(1);
  });

  it('`--linear` in Slack does the same', async () => {
    await mention(t, 'U0ALICE', channel, 'action Reindex the catalogue nightly --linear');
    await t.settle();
    expect((await actionNamed('Reindex the catalogue nightly')).issue).toMatchObject({ provider: 'linear', key: 'ENG-2', state: 'linked' });
  });

  it('completed in Linear completes the action, a redelivery acts once, started again reopens it, canceled completes it', async () => {
    const done = await linear.setState('ENG-1', 'completed');
    expect(done?.status).toBe(200);
    await drain();
    expect(await actionNamed('Add a search latency alert')).toMatchObject({ done: true });
    expect(await linear.redeliver(done!)).toBe(200);
    await drain();
    expect(said().filter((m) => m.includes('ENG-1') && m.includes('is done, so the action is too'))).toHaveLength(1);

    await linear.setState('ENG-1', 'started');
    await drain();
    expect(await actionNamed('Add a search latency alert')).toMatchObject({ done: false });
    await linear.setState('ENG-1', 'canceled');
    await drain();
    expect(await actionNamed('Add a search latency alert')).toMatchObject({ done: true });
  });

  it('a bad signature or a stale timestamp is refused (401) and changes nothing', async () => {
    const body = JSON.stringify({
      action: 'update',
      type: 'Issue',
      data: { identifier: 'ENG-2', state: { type: 'completed' } },
      updatedFrom: { stateId: 'x' },
      webhookTimestamp: Date.now(),
    });
    const post = (b: string, signature: string, delivery: string) =>
      fetch(`${t.baseUrl}/webhooks/linear`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'linear-signature': signature, 'linear-delivery': delivery },
        body: b,
      });
    expect((await post(body, createHmac('sha256', 'wrong').update(body).digest('hex'), 'forged-1')).status).toBe(401);
    const stale = body.replace(/"webhookTimestamp":\d+/, `"webhookTimestamp":${Date.now() - 120_000}`);
    expect((await post(stale, createHmac('sha256', SECRET).update(stale).digest('hex'), 'stale-1')).status).toBe(401);
    await drain();
    expect(await actionNamed('Reindex the catalogue nightly')).toMatchObject({ done: false });
  });

  it('a GraphQL error in a 200 answer gives up at once and says why; rate limiting is retried', async () => {
    linear.errorNext('Argument Validation Error: teamId is not a team you can see');
    await request('Rotate the search keys');
    // The lookup of our id came first: it got the error, and the request is refused for good.
    expect((await actionNamed('Rotate the search keys')).issue).toMatchObject({ state: 'failed' });
    expect(said().filter((m) => m.includes('*Linear* gave up') && m.includes('teamId is not a team'))).toHaveLength(1);

    linear.rateLimitNext();
    await request('Shard the search index');
    expect((await actionNamed('Shard the search index')).issue).toMatchObject({ state: 'requested' });
    t.clock.advance(10_000);
    await t.settle();
    expect((await actionNamed('Shard the search index')).issue).toMatchObject({ state: 'linked', key: expect.stringMatching(/^ENG-\d+$/) });
  });
});
