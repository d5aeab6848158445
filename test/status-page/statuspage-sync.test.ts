/**
 * Atlassian Statuspage: published status updates create and then update the incident on the
 * configured page (through the real app, the Slack emulator and the Statuspage stand-in, both
 * databases). A rate limit is waited out, a page that keeps failing is given up on with one notice
 * in the channel, and a redelivered event creates nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_INTEGRATIONS } from '../../src/config/integrations/index.js';
import { StatuspageStandIn } from '../../src/stand-ins/statuspage/statuspage-stand-in.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { botTexts, declareViaSlack } from '../plugins/helpers.js';
import { STATUS_PAGE } from './fixtures.js';

const statuspage = new StatuspageStandIn({
  apiKey: 'sp-key',
  pageId: 'pg1',
  components: [
    { id: 'cmp_api', name: 'API' },
    { id: 'cmp_pay', name: 'Payments' },
    { id: 'cmp_web', name: 'Website' },
  ],
});
const INCIDENTS = '/v1/pages/pg1/incidents';

describe('Atlassian Statuspage sync', { timeout: 120_000 }, () => {
  let t: SlackTestApp;
  const publish = (id: number, status: string, body: string, extra: Record<string, unknown> = {}) =>
    t.api('POST', `/api/v1/incidents/${id}/updates`, { status, message: `internal: ${body}`, publish: { body, ...extra } });
  const retryLater = async (ms: number) => {
    t.clock.advance(ms);
    await t.settle();
  };
  const only = () => [...statuspage.incidents.values()];

  beforeAll(async () => {
    await statuspage.start();
    t = await startSlackTestApp({
      env: { AUTO_CREATE_CHANNEL: 'true' },
      integrations: {
        ...NO_INTEGRATIONS,
        statusPage: STATUS_PAGE,
        statuspage: { apiKey: 'sp-key', pageId: 'pg1', apiUrl: statuspage.apiUrl, components: { api: 'cmp_api', payments: 'cmp_pay' } },
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await statuspage.close();
  });

  it('creates the incident with its components on the first publish, then updates it (never a second create), and resolves it', async () => {
    const { id } = await declareViaSlack(t, 'Payments db failover');
    const internal = await t.api('POST', `/api/v1/incidents/${id}/updates`, { status: 'investigating', message: 'internal only' });
    expect(internal.status).toBe(201);
    await t.settle();
    expect(statuspage.server.calls()).toHaveLength(0);

    await publish(id, 'investigating', 'Some card payments fail.', { title: 'Card payments failing', components: { payments: 'partial_outage', dashboard: 'degraded_performance' } });
    await t.settle();
    const [create] = statuspage.server.calls('POST', INCIDENTS);
    expect(create?.headers.authorization).toBe('OAuth sp-key');
    // Only mapped components are sent (the dashboard has no Statuspage component).
    expect(create?.body).toEqual({ incident: { name: 'Card payments failing', status: 'investigating', body: 'Some card payments fail.', components: { cmp_pay: 'partial_outage' } } });
    expect(only()).toHaveLength(1);
    const created = only()[0]!;
    expect(statuspage.components.get('cmp_pay')?.status).toBe('partial_outage');

    await publish(id, 'identified', 'We found the cause.', { components: { payments: 'major_outage', api: 'degraded_performance' } });
    await t.settle();
    expect(statuspage.server.calls('POST', INCIDENTS)).toHaveLength(1);
    expect(statuspage.server.calls('PATCH', `${INCIDENTS}/${created.id}`)).toHaveLength(1);
    expect(created.status).toBe('identified');
    expect(created.incident_updates.map((u) => u.body)).toEqual(['We found the cause.', 'Some card payments fail.']);
    expect(statuspage.components.get('cmp_pay')?.status).toBe('major_outage');
    expect(statuspage.components.get('cmp_api')?.status).toBe('degraded_performance');

    // The event delivered again (a crash after the call, before the outbox recorded it): nothing is sent twice.
    const before = statuspage.server.calls().length;
    await t.app.database.query("update outbox set done_at = null, available_at = now() - interval '1 second' where subscriber = 'plugin:builtin:statuspage#0'");
    t.app.outbox.kick();
    await t.settle();
    expect(statuspage.server.calls()).toHaveLength(before);
    expect(only()).toHaveLength(1);

    // Closed without a published word: resolved there too, its components operational again.
    await t.api('PATCH', `/api/v1/incidents/${id}`, { status: 'resolved' });
    await t.settle();
    expect(created.status).toBe('resolved');
    expect(statuspage.components.get('cmp_pay')?.status).toBe('operational');
    expect(statuspage.components.get('cmp_api')?.status).toBe('operational');
  });

  it('a published "resolved" update resolves it once, in its own words', async () => {
    const { id } = await declareViaSlack(t, 'API slow');
    await publish(id, 'investigating', 'The API is slow.', { title: 'Slow API', components: { api: 'degraded_performance' } });
    await t.settle();
    const incident = only().find((i) => i.name === 'Slow API')!;
    statuspage.server.clearCalls();
    await publish(id, 'resolved', 'The API is fast again.');
    await t.settle();
    expect(statuspage.server.calls().map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH ${INCIDENTS}/${incident.id}`]);
    expect(incident.status).toBe('resolved');
    expect(incident.incident_updates[0]?.body).toBe('The API is fast again.');
    expect(statuspage.components.get('cmp_api')?.status).toBe('operational');
  });

  it("waits out a 429's Retry-After and a 420, then sends once", async () => {
    const { id } = await declareViaSlack(t, 'Rate limited');
    statuspage.server.clearCalls();
    statuspage.server.failNext({ status: 429, method: 'POST', path: INCIDENTS, headers: { 'retry-after': '20' }, body: { message: 'Rate limit exceeded' } });
    await publish(id, 'investigating', 'Something is off.', { title: 'Rate limited', components: { api: 'partial_outage' } });
    await t.settle();
    expect(statuspage.server.calls('POST', INCIDENTS).map((c) => c.status)).toEqual([429]);
    await retryLater(5_000);
    expect(statuspage.server.calls('POST', INCIDENTS)).toHaveLength(1);
    await retryLater(16_000);
    expect(statuspage.server.calls('POST', INCIDENTS).map((c) => c.status)).toEqual([429, 201]);
    expect(only().filter((i) => i.name === 'Rate limited')).toHaveLength(1);

    // The older 420 is a rate limit too: retried after its minute, not given up.
    statuspage.server.failNext({ status: 420, method: 'PATCH', headers: { 'retry-after': '60' }, body: { message: 'Rate limit exceeded' } });
    await publish(id, 'monitoring', 'Watching.');
    await t.settle();
    await retryLater(61_000);
    expect(statuspage.server.calls('PATCH').map((c) => c.status)).toEqual([420, 200]);
    expect(only().find((i) => i.name === 'Rate limited')?.status).toBe('monitoring');
  });

  it('gives up on a page that keeps failing and tells the channel once', async () => {
    const { id, channel } = await declareViaSlack(t, 'Statuspage down');
    statuspage.server.clearCalls();
    statuspage.server.failNext({ status: 500, method: 'POST', path: INCIDENTS, times: 100, body: { message: 'Internal Server Error' } });
    await publish(id, 'investigating', 'Hmm.', { title: 'Statuspage down', components: { api: 'major_outage' } });
    await t.settle();
    for (let i = 0; i < 12; i++) await retryLater(301_000);
    const attempts = statuspage.server.calls('POST', INCIDENTS).length;
    expect(attempts).toBeGreaterThan(1);
    const notices = botTexts(t, channel).filter((m) => m.includes('*Statuspage* gave up'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('HTTP 500');
    await retryLater(3_600_000);
    expect(statuspage.server.calls('POST', INCIDENTS)).toHaveLength(attempts);
    statuspage.server.clearFaults();
    expect(only().filter((i) => i.name === 'Statuspage down')).toHaveLength(0);
    // The built-in page has it all the same: a vendor outage never blocks publishing.
    const page = (await (await fetch(`${t.baseUrl}/status.json`)).json()) as any;
    expect(page.incidents.map((i: any) => i.title)).toContain('Statuspage down');
  });

  it('finds the incident a crashed create made instead of creating a second', async () => {
    const { id } = await declareViaSlack(t, 'Crashed create');
    // As a crash leaves it: the create reached Statuspage, the answer was never recorded.
    const orphan = await fetch(`${statuspage.apiUrl}/pages/pg1/incidents`, {
      method: 'POST',
      headers: { authorization: 'OAuth sp-key', 'content-type': 'application/json' },
      body: JSON.stringify({ incident: { name: 'Half made', status: 'investigating', body: 'First words.' } }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    await t.app.core.store.pluginData.set('builtin:statuspage', `incident:${id}`, { id: null, pendingSince: new Date().toISOString(), touched: [], synced: 0, resolved: false }, new Date());
    statuspage.server.clearCalls();
    await publish(id, 'investigating', 'First words.', { title: 'Half made' });
    await t.settle();
    expect(statuspage.server.calls('POST', INCIDENTS)).toHaveLength(0);
    expect(statuspage.server.calls('PATCH', `${INCIDENTS}/${orphan.id}`)).toHaveLength(1);
    expect(only().filter((i) => i.name === 'Half made')).toHaveLength(1);
  });

  it('refuses a wrong API key as Statuspage does', async () => {
    const res = await fetch(`${statuspage.apiUrl}/pages/pg1/incidents`, { headers: { authorization: 'OAuth wrong' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Could not authenticate' });
  });
});
