import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLinearConfig, type LinearConfig } from '../../../../config/integrations/linear.js';
import { LinearStandIn } from '../../../../stand-ins/linear/linear-stand-in.js';
import { StandInServer } from '../../../../stand-ins/stand-in-server.js';
import { createLinearIssue, findLinearIssue, issueIdFor } from './linear-client.js';
import { linearStateChange, verifyLinearWebhook } from './webhook.js';

const issue = {
  title: 'Add an alert on checkout errors',
  details: 'Add an alert on checkout errors',
  incidentLine: 'Follow-up from incident #7: Checkout down',
  docUrl: 'https://response.example/incidents/7#action-3',
  owner: null,
  dueDate: null,
};

describe('Linear client against the Linear stand-in', () => {
  const linear = new LinearStandIn({ apiKey: 'lin_api_1', teams: { 'team-eng': 'ENG' } });
  let config: LinearConfig;
  beforeAll(async () => {
    await linear.start();
    config = readLinearConfig(
      { LINEAR_API_KEY: 'lin_api_1', LINEAR_API_URL: linear.url, LINEAR_WEBHOOK_SECRET: 'whsec' },
      { teamId: 'team-eng' },
    ) as LinearConfig;
  });
  afterAll(() => linear.close());

  it('creates the issue with our id and a Markdown description linking back; the same id finds it again', async () => {
    const id = issueIdFor('https://response.example/incidents/7#action-3');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await findLinearIssue(config, id)).toBeNull();
    const made = await createLinearIssue(config, id, issue);
    expect(made).toEqual({ key: 'ENG-1', url: expect.stringMatching(/^https:\/\/linear\.app\/acme\/issue\/eng-1\//) });
    const [call] = linear.server.calls('POST', '/graphql').filter((c) => JSON.stringify(c.body).includes('issueCreate'));
    expect(call?.headers.authorization).toBe('lin_api_1');
    expect(linear.issues.get(id)).toMatchObject({
      teamId: 'team-eng',
      title: issue.title,
      description: expect.stringContaining('[open the incident doc](https://response.example/incidents/7#action-3)'),
    });
    expect(await findLinearIssue(config, id)).toMatchObject({ identifier: 'ENG-1' });
  });

  it('a GraphQL error in a 200 answer is a VendorError: given up at once for bad input, retried for rate limits', async () => {
    await expect(createLinearIssue({ ...config, teamId: 'team-nope' }, issueIdFor('x'), issue)).rejects.toMatchObject({
      name: 'VendorError',
      permanent: true,
      message: expect.stringContaining('teamId'),
    });
    linear.rateLimitNext();
    await expect(createLinearIssue(config, issueIdFor('y'), issue)).rejects.toMatchObject({
      name: 'VendorError',
      permanent: false,
      message: expect.stringContaining('Rate limit'),
    });
    linear.server.failNext({ status: 500, body: 'upstream error', path: '/graphql' });
    await expect(createLinearIssue(config, issueIdFor('y'), issue)).rejects.toMatchObject({ status: 500, permanent: false });
    await expect(createLinearIssue({ ...config, apiKey: 'wrong' }, issueIdFor('y'), issue)).rejects.toMatchObject({ status: 401, permanent: true });
  });

  it('sends signed Issue webhooks on state changes: completed or canceled reads as done, started as open', async () => {
    const received: { headers: Record<string, string | undefined>; body: string }[] = [];
    const receiver = new StandInServer('receiver').route('POST', '/hook', (req) => {
      received.push({ headers: req.headers, body: req.rawBody });
      return { status: 200 };
    });
    linear.webhook = { url: `${await receiver.start()}/hook`, secret: 'whsec' };
    try {
      const made = await createLinearIssue(config, issueIdFor('z'), issue);
      linear.issueUrlBase = `${linear.url}/acme`;
      const page = (await createLinearIssue(config, issueIdFor('page'), issue)).url;
      expect(page.startsWith(`${linear.url}/acme/issue/`)).toBe(true);
      expect(await (await fetch(page)).text()).toContain('Move to Done');
      expect(
        (await fetch(page, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'state=completed', redirect: 'manual' }))
          .status,
      ).toBe(303);
      received.length = 0;
      linear.issueUrlBase = undefined;
      await linear.setState(made.key, 'completed');
      await linear.setState(made.key, 'started');
      await linear.setState(made.key, 'canceled');
      const read = received.map((r) => ({
        verdict: verifyLinearWebhook(config, { headers: r.headers, rawBody: r.body, receivedAt: new Date() }),
        change: linearStateChange(JSON.parse(r.body)),
      }));
      expect(read.map((r) => r.verdict.ok)).toEqual([true, true, true]);
      expect(read.map((r) => r.change)).toEqual([
        { key: made.key, done: true },
        { key: made.key, done: false },
        { key: made.key, done: true },
      ]);
    } finally {
      await receiver.close();
    }
  });
});

describe('Linear webhook verification', () => {
  const config = readLinearConfig({ LINEAR_API_KEY: 'k', LINEAR_WEBHOOK_SECRET: 'whsec' }, { teamId: 't' }) as LinearConfig;
  const now = new Date('2026-12-03T22:00:00Z');
  const body = (ts: number) =>
    JSON.stringify({ action: 'update', type: 'Issue', data: { identifier: 'ENG-1', state: { type: 'completed' } }, webhookTimestamp: ts });
  const sign = (b: string, secret = 'whsec') => createHmac('sha256', secret).update(b).digest('hex');

  it('accepts a signed, fresh delivery named by Linear-Delivery', () => {
    const b = body(now.getTime() - 5_000);
    expect(verifyLinearWebhook(config, { headers: { 'linear-signature': sign(b), 'linear-delivery': 'd-1' }, rawBody: b, receivedAt: now })).toEqual({
      ok: true,
      deliveryId: 'linear:d-1',
    });
  });

  it('refuses a bad signature, an old timestamp (a replay), and everything without a secret', () => {
    const b = body(now.getTime());
    expect(
      verifyLinearWebhook(config, { headers: { 'linear-signature': sign(b, 'other'), 'linear-delivery': 'd' }, rawBody: b, receivedAt: now }),
    ).toMatchObject({ ok: false, status: 401 });
    const old = body(now.getTime() - 61_000);
    expect(verifyLinearWebhook(config, { headers: { 'linear-signature': sign(old), 'linear-delivery': 'd' }, rawBody: old, receivedAt: now })).toMatchObject({
      ok: false,
      status: 401,
      message: expect.stringContaining('webhookTimestamp'),
    });
    expect(
      verifyLinearWebhook(
        { ...config, webhookSecret: null },
        { headers: { 'linear-signature': sign(b), 'linear-delivery': 'd' }, rawBody: b, receivedAt: now },
      ),
    ).toMatchObject({ ok: false, status: 403 });
  });

  it('reads only Issue updates that changed the state', () => {
    expect(
      linearStateChange({ action: 'update', type: 'Issue', data: { identifier: 'ENG-1', state: { type: 'completed' } }, updatedFrom: { title: 'x' } }),
    ).toBeNull();
    expect(linearStateChange({ action: 'create', type: 'Issue', data: { identifier: 'ENG-1', state: { type: 'completed' } } })).toBeNull();
    expect(linearStateChange({ action: 'update', type: 'Comment', data: {} })).toBeNull();
  });
});

describe('Linear settings', () => {
  it('is off without a key, and names what is missing', () => {
    expect(readLinearConfig({}, undefined)).toBeNull();
    expect(() => readLinearConfig({ LINEAR_API_KEY: 'k' }, undefined)).toThrow(/teamId/);
    expect(() => readLinearConfig({}, { teamId: 't' })).toThrow(/LINEAR_API_KEY/);
    expect(readLinearConfig({ LINEAR_API_KEY: 'k', LINEAR_TEAM_ID: 't' }, undefined)).toEqual({
      apiKey: 'k',
      apiUrl: 'https://api.linear.app',
      webhookSecret: null,
      teamId: 't',
    });
  });
});
