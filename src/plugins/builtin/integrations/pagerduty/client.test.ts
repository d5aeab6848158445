import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationKey, PAGERDUTY_RATE_LIMITED, PagerDutyStandIn, signPagerDutyWebhook } from '../../../../stand-ins/pagerduty/pagerduty-stand-in.js';
import { readPagerDutyConfig } from '../../../../config/integrations/pagerduty.js';
import { VendorError } from '../vendor-http.js';
import { pagerDutyClient } from './client.js';
import { verifyPagerDutySignature } from './webhook-signature.js';

const KEY = integrationKey();
let pd: PagerDutyStandIn;

beforeAll(async () => {
  pd = new PagerDutyStandIn({
    apiToken: 'token-1',
    seed: {
      users: [
        { id: 'PU1', name: 'Bob Okafor', email: 'bob@acme.example' },
        { id: 'PU2', name: 'Carol Diaz', email: 'carol@acme.example' },
      ],
      escalationPolicies: [{ id: 'PEP1', name: 'Platform', levels: [['PU1'], ['PU2', 'PU1']] }],
      services: [
        { id: 'PS1', name: 'Checkout', escalationPolicyId: 'PEP1', integrationKey: KEY },
        { id: 'PS2', name: 'Payments', escalationPolicyId: 'PEP1', integrationKey: integrationKey() },
      ],
    },
  });
  await pd.start();
});
afterAll(() => pd.close());

const client = (token: string | null = 'token-1') =>
  pagerDutyClient({ apiToken: token, fromEmail: 'ops@acme.example', webhookSecrets: [], apiUrl: pd.url, eventsUrl: pd.url, services: [] });

describe('PagerDuty client against the stand-in', () => {
  it('triggers once per dedup key and resolves it; a resolve for a closed alert is accepted and changes nothing', async () => {
    const c = client();
    const event = { routingKey: KEY, dedupKey: 'response-incident-1-ps1', summary: 'Checkout down', source: 'response', severity: 'critical' as const, customDetails: {}, links: [] };
    await c.trigger(event);
    await c.trigger(event);
    const opened = [...pd.incidents.values()].filter((i) => i.incidentKey === event.dedupKey);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ status: 'triggered', urgency: 'high', assignees: ['PU1'] });
    expect(await c.incidentByKey(event.dedupKey)).toMatchObject({ id: opened[0]!.id, number: opened[0]!.number });
    await c.resolve(KEY, event.dedupKey);
    await c.resolve(KEY, event.dedupKey);
    expect(opened[0]!.status).toBe('resolved');
    const call = pd.server.calls('POST', '/v2/enqueue')[0]!;
    expect(call.body).toMatchObject({ routing_key: KEY, event_action: 'trigger', dedup_key: event.dedupKey, payload: { summary: 'Checkout down', severity: 'critical' } });
  });

  it('refuses a bad routing key with the Events API 400 body, as a permanent error', async () => {
    const err = await client()
      .trigger({ routingKey: 'short', dedupKey: 'k', summary: 's', source: 's', severity: 'info', customDetails: {}, links: [] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect(err).toMatchObject({ status: 400, permanent: true });
    expect((err as Error).message).toContain("Length of 'routing_key' is incorrect");
  });

  it('reads who is on call (level 1 first, each person once) and their email, with the REST headers', async () => {
    const c = client();
    expect(await c.onCallFor('PS1')).toEqual({
      policyName: 'Platform',
      people: [
        { userId: 'PU1', name: 'Bob Okafor', level: 1 },
        { userId: 'PU2', name: 'Carol Diaz', level: 2 },
      ],
    });
    expect(await c.userEmail('PU2')).toBe('carol@acme.example');
    const call = pd.server.calls('GET', '/oncalls').at(-1)!;
    expect(call.query['escalation_policy_ids[]']).toBe('PEP1');
    expect(call.headers.authorization).toBe('Token token=token-1');
    expect(call.headers.accept).toBe('application/vnd.pagerduty+json;version=2');
    expect(call.headers.from).toBe('ops@acme.example');
  });

  it('lists services with their Events API v2 integration keys', async () => {
    const services = await client().listServices();
    expect(services.map((s) => [s.key, s.name, s.serviceId])).toEqual([
      ['ps1', 'Checkout', 'PS1'],
      ['ps2', 'Payments', 'PS2'],
    ]);
    expect(services[0]!.routingKey).toBe(KEY);
  });

  it('a wrong API key is a permanent 401; a 429 is retryable', async () => {
    await expect(client('nope').userEmail('PU1')).rejects.toMatchObject({ status: 401, permanent: true, message: expect.stringContaining('Authentication failed') });
    pd.server.failNext({ ...PAGERDUTY_RATE_LIMITED.rest, path: '/users/PU1' });
    await expect(client().userEmail('PU1')).rejects.toMatchObject({ status: 429, permanent: false });
  });
});

describe('PagerDuty webhook signatures', () => {
  const body = JSON.stringify({ event: { id: 'e1', event_type: 'incident.acknowledged' } });
  it('accepts any matching v1 signature (secret rotation), refuses a wrong or missing one', () => {
    expect(verifyPagerDutySignature(body, signPagerDutyWebhook(body, ['s1']), ['s1'])).toBe(true);
    expect(verifyPagerDutySignature(body, signPagerDutyWebhook(body, ['old', 's1']), ['s1'])).toBe(true);
    expect(verifyPagerDutySignature(body, signPagerDutyWebhook(body, ['s1']), ['new', 's1'])).toBe(true);
    expect(verifyPagerDutySignature(body, signPagerDutyWebhook(body, ['other']), ['s1'])).toBe(false);
    expect(verifyPagerDutySignature(body + ' ', signPagerDutyWebhook(body, ['s1']), ['s1'])).toBe(false);
    expect(verifyPagerDutySignature(body, undefined, ['s1'])).toBe(false);
    expect(verifyPagerDutySignature(body, 'v0=abc', ['s1'])).toBe(false);
  });
});

describe('readPagerDutyConfig', () => {
  it('is off when nothing is configured', () => {
    expect(readPagerDutyConfig({}, undefined)).toBeNull();
  });
  it('reads env and services, a routing key by variable name', () => {
    const c = readPagerDutyConfig(
      { PAGERDUTY_API_TOKEN: 't', PAGERDUTY_WEBHOOK_SECRET: 'a, b', PAGERDUTY_CHECKOUT_KEY: 'k'.repeat(32), PAGERDUTY_API_URL: 'http://127.0.0.1:9/' },
      { services: [{ key: 'checkout', name: 'Checkout', serviceId: 'PS1', routingKey: { env: 'PAGERDUTY_CHECKOUT_KEY' } }] },
    );
    expect(c).toMatchObject({ apiToken: 't', webhookSecrets: ['a', 'b'], apiUrl: 'http://127.0.0.1:9', eventsUrl: 'https://events.pagerduty.com' });
    expect(c?.services).toEqual([{ key: 'checkout', name: 'Checkout', serviceId: 'PS1', routingKey: 'k'.repeat(32) }]);
  });
  it('names the bad key or variable', () => {
    expect(() => readPagerDutyConfig({ PAGERDUTY_API_TOKEN: 't', PAGERDUTY_API_URL: 'nope' }, undefined)).toThrow(/PAGERDUTY_API_URL/);
    expect(() => readPagerDutyConfig({}, { services: [{ key: 'x', routingKey: { env: 'PAGERDUTY_MISSING' } }] })).toThrow(/services\[0\]\.routingKey names PAGERDUTY_MISSING/);
    expect(() => readPagerDutyConfig({}, { services: [{ key: 'x', routingKey: { env: 'HOME' } }] })).toThrow(/PAGERDUTY_\*/);
    expect(() => readPagerDutyConfig({ PAGERDUTY_WEBHOOK_SECRET: 's' }, undefined)).toThrow(/PAGERDUTY_WEBHOOK_SECRET/);
  });
});
