import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebhookSender } from '../../src/jobs/webhook-sender.js';
import { webhookQueue } from '../../src/store/repositories/webhook-queue-repo.js';
import { WebhookReceiver } from '../../src/stand-ins/webhook-receiver/webhook-receiver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

/**
 * Outgoing webhooks end to end: endpoints made through the REST API, changes made through the
 * REST API, the outbox fanning events out, the sender POSTing them to a stand-in receiver that
 * verifies the Standard Webhooks signature. The clock is moved by hand through the retry schedule.
 */
describe('outgoing webhooks', () => {
  // Ahead of the database's own clock, so outbox rows (stamped by the database) are due at once.
  const clock = new TestClock('2030-01-01T00:00:00Z');
  const receiver = new WebhookReceiver({ now: () => clock.now() });
  let t: TestApp;
  let hook: string;

  /** Lets the outbox and the sender finish what is due now. */
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await t.app.outbox.idle();
      await t.app.outgoingWebhooks.idle();
    }
  };
  /** Moves the clock and runs the sender's pass for what became due. */
  const advance = async (ms: number) => {
    clock.advance(ms);
    t.app.outgoingWebhooks.kick();
    await settle();
  };
  const eventually = async (check: () => boolean | Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await check()); i++) {
      await settle();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await check()).toBe(true);
  };
  const addEndpoint = async (name: string, body: Record<string, unknown> = {}) => {
    const res = await t.api('POST', '/api/v1/webhooks', { url: `${receiver.url}/hooks/${name}`, ...body });
    expect(res.status).toBe(201);
    receiver.setSecret(`/hooks/${name}`, res.body.secret);
    return res.body as { id: number; secret: string };
  };
  const declare = async (report: string, extra: Record<string, unknown> = {}) => {
    const res = await t.api('POST', '/api/v1/incidents', { report, ...extra });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const deliveries = async (endpointId: number, query = '') => (await t.api('GET', `/api/v1/webhooks/${endpointId}/deliveries${query}`)).body.results as any[];

  beforeAll(async () => {
    await receiver.start();
    t = await startTestApp({ clock });
  });
  afterAll(async () => {
    await t?.close();
    await receiver.close();
  });
  beforeEach(async () => {
    // One endpoint per test: earlier tests' endpoints are removed so their traffic doesn't mix in.
    for (const e of (await t.api('GET', '/api/v1/webhooks')).body.results) expect((await t.api('DELETE', `/api/v1/webhooks/${e.id}`)).status).toBe(204);
    receiver.clearCalls();
    hook = `h${Math.random().toString(36).slice(2, 8)}`;
  });

  it('sends a declared incident to the endpoint, signed, with the versioned envelope; the log shows status and timing', async () => {
    const endpoint = await addEndpoint(hook, { description: 'Data warehouse' });
    expect(endpoint.secret).toMatch(/^whsec_/);
    // The secret is shown on create only.
    const listed = (await t.api('GET', '/api/v1/webhooks')).body.results;
    expect(listed).toEqual([
      expect.objectContaining({ id: endpoint.id, event_types: null, include_private: false, enabled: true, description: 'Data warehouse' }),
    ]);
    expect(JSON.stringify(listed)).not.toContain('whsec_');

    const id = await declare('Checkout is down');
    await eventually(() => receiver.received(`/hooks/${hook}`).length === 1);
    const [got] = receiver.received(`/hooks/${hook}`);
    expect(got?.body).toMatchObject({ type: 'incident.declared', version: 1, incident_id: id, private: false, timestamp: clock.now().toISOString() });
    expect(got?.body.data).toMatchObject({ incident: { id, report: 'Checkout is down' } });
    // webhook-id is the event's id; the timestamp is the attempt's, in seconds.
    expect(got?.id).toBe(got?.body.id);
    expect(got?.timestamp).toBe(Math.floor(clock.now().getTime() / 1000));
    expect(got?.headers['content-type']).toBe('application/json');

    const [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({
      event_type: 'incident.declared',
      event_id: got?.id,
      incident_id: id,
      state: 'succeeded',
      attempts: 1,
      last_status_code: 204,
      next_attempt_at: null,
    });
    expect(delivery.last_duration_ms).toBeGreaterThanOrEqual(0);
    const detail = (await t.api('GET', `/api/v1/webhooks/${endpoint.id}/deliveries/${delivery.id}`)).body;
    expect(detail.payload).toBe(got?.rawBody);
    expect(detail.log).toEqual([expect.objectContaining({ attempt: 1, status_code: 204, error: null })]);
  });

  it('sends only the chosen event types, and a test event on request', async () => {
    const endpoint = await addEndpoint(hook, { event_types: ['incident.resolved'] });
    const id = await declare('Search is slow');
    expect((await t.api('PATCH', `/api/v1/incidents/${id}`, { status: 'resolved' })).status).toBe(200);
    await eventually(() => receiver.received(`/hooks/${hook}`).length === 1);
    expect(receiver.received(`/hooks/${hook}`).map((w) => w.body.type)).toEqual(['incident.resolved']);

    const test = await t.api('POST', `/api/v1/webhooks/${endpoint.id}/test`);
    expect(test.status).toBe(202);
    expect(test.body).toMatchObject({ event_type: 'webhook.test', state: 'pending' });
    await eventually(() => receiver.received(`/hooks/${hook}`).length === 2);
    expect(receiver.received(`/hooks/${hook}`)[1]?.body).toMatchObject({ type: 'webhook.test', data: { endpoint_id: endpoint.id } });
  });

  it('retries a 500 after the schedule’s 5 s, not before, with the same webhook-id', async () => {
    const endpoint = await addEndpoint(hook);
    receiver.failNext({ status: 500, body: { error: 'database down' }, path: `/hooks/${hook}` });
    await declare('Payments degraded');
    await eventually(() => receiver.attempts(`/hooks/${hook}`).length === 1);
    const [pending] = await deliveries(endpoint.id);
    expect(pending).toMatchObject({
      state: 'pending',
      attempts: 1,
      last_status_code: 500,
      next_attempt_at: new Date(clock.now().getTime() + 5000).toISOString(),
    });
    expect(pending.last_error).toContain('HTTP 500');

    await advance(4000);
    expect(receiver.attempts(`/hooks/${hook}`)).toHaveLength(1);
    await advance(1000);
    await eventually(() => receiver.received(`/hooks/${hook}`).length === 1);
    const calls = receiver.attempts(`/hooks/${hook}`);
    expect(calls.map((c) => c.status)).toEqual([500, 204]);
    expect(calls[0]?.headers['webhook-id']).toBe(calls[1]?.headers['webhook-id']);
    const detail = (await t.api('GET', `/api/v1/webhooks/${endpoint.id}/deliveries/${pending.id}`)).body;
    expect(detail).toMatchObject({ state: 'succeeded', attempts: 2, last_status_code: 204 });
    expect(detail.log.map((a: any) => a.status_code)).toEqual([500, 204]);
  });

  it('disables an endpoint whose receiver answers 410 Gone, and sends it nothing more', async () => {
    const endpoint = await addEndpoint(hook);
    receiver.failNext({ status: 410, body: { error: 'gone' }, path: `/hooks/${hook}` });
    await declare('Search is slow');
    await eventually(async () => (await deliveries(endpoint.id))[0]?.state === 'failed');
    expect((await deliveries(endpoint.id))[0]).toMatchObject({ state: 'failed', attempts: 1, last_status_code: 410 });
    expect((await t.api('GET', `/api/v1/webhooks/${endpoint.id}`)).body).toMatchObject({ enabled: false });
    await declare('Search is down');
    await advance(600_000);
    expect(receiver.attempts(`/hooks/${hook}`)).toHaveLength(1);
  });

  it('waits a 429’s Retry-After', async () => {
    const endpoint = await addEndpoint(hook);
    receiver.failNext({ status: 429, headers: { 'retry-after': '120' }, body: { error: 'slow down' }, path: `/hooks/${hook}` });
    await declare('Login errors');
    await eventually(() => receiver.attempts(`/hooks/${hook}`).length === 1);
    expect((await deliveries(endpoint.id))[0]).toMatchObject({
      state: 'pending',
      last_status_code: 429,
      next_attempt_at: new Date(clock.now().getTime() + 120_000).toISOString(),
    });
    await advance(5000);
    await advance(60_000);
    expect(receiver.attempts(`/hooks/${hook}`)).toHaveLength(1);
    await advance(55_000);
    await eventually(() => receiver.received(`/hooks/${hook}`).length === 1);
  });

  it('gives up after the schedule (8 attempts over about a day), lists it as failed, and redelivers failed ones and single ones', async () => {
    const endpoint = await addEndpoint(hook);
    receiver.failNext({ status: 503, path: `/hooks/${hook}`, times: 8 });
    await declare('Queue backlog');
    await eventually(() => receiver.attempts(`/hooks/${hook}`).length === 1);
    for (const delay of [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]) await advance(delay);
    expect(receiver.attempts(`/hooks/${hook}`)).toHaveLength(8);
    const failed = await deliveries(endpoint.id, '?state=failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ state: 'failed', attempts: 8, last_status_code: 503, next_attempt_at: null });
    // Nothing more is tried, however long we wait.
    await advance(86_400_000);
    expect(receiver.attempts(`/hooks/${hook}`)).toHaveLength(8);
    expect((await t.api('GET', `/api/v1/webhooks/${endpoint.id}/deliveries/${failed[0].id}`)).body.log).toHaveLength(8);

    const again = await t.api('POST', `/api/v1/webhooks/${endpoint.id}/redeliver-failed`);
    expect(again).toMatchObject({ status: 202, body: { queued: [failed[0].id] } });
    await eventually(() => receiver.received(`/hooks/${hook}`).length === 1);
    expect(await deliveries(endpoint.id, '?state=failed')).toEqual([]);

    // One delivery again (a receiver that lost it): same webhook-id, so a receiver can tell.
    const one = await t.api('POST', `/api/v1/webhooks/${endpoint.id}/deliveries/${failed[0].id}/redeliver`);
    expect(one.status).toBe(202);
    await eventually(() => receiver.received(`/hooks/${hook}`).length === 2);
    const [first, second] = receiver.received(`/hooks/${hook}`);
    expect(second?.id).toBe(first?.id);
    expect(second?.rawBody).toBe(first?.rawBody);
    expect((await t.api('POST', `/api/v1/webhooks/${endpoint.id}/deliveries/999999/redeliver`)).status).toBe(404);
  });

  it('sends events about private incidents only to endpoints allowed them', async () => {
    const open = await addEndpoint(hook);
    const allowed = await addEndpoint(`${hook}p`, { include_private: true });
    const secret = await declare('Customer data exposed', { private: true });
    const visible = await declare('Status page slow');
    await eventually(() => receiver.received(`/hooks/${hook}p`).length === 2);
    await eventually(() => receiver.received(`/hooks/${hook}`).length === 1);
    expect(receiver.received(`/hooks/${hook}`).map((w) => w.body.incident_id)).toEqual([visible]);
    expect(
      receiver
        .received(`/hooks/${hook}p`)
        .map((w) => [w.body.incident_id, w.body.private])
        .sort(),
    ).toEqual([
      [secret, true],
      [visible, false],
    ]);
    expect((await deliveries(open.id)).map((d) => d.incident_id)).toEqual([visible]);
    expect(await deliveries(allowed.id)).toHaveLength(2);
  });

  it('does not double a delivery when the outbox hands the same domain event over again', async () => {
    const endpoint = await addEndpoint(hook);
    const id = await declare('Cache stampede');
    await eventually(() => receiver.received(`/hooks/${hook}`).length === 1);
    // The webhooks subscriber's copy of the event, delivered again (as after a crash before it was marked done).
    const reset = await t.app.database.query<{ id: string }>(
      `update outbox set done_at = null, available_at = now() - interval '1 day' where subscriber = 'webhooks' and incident_id = $1 and topic = 'incident.declared' returning id`,
      [id],
    );
    expect(reset).toHaveLength(1);
    t.app.outbox.kick();
    await eventually(async () => (await t.app.database.query(`select 1 from outbox where id = $1 and done_at is not null`, [reset[0]?.id])).length === 1);
    await settle();
    expect(receiver.attempts(`/hooks/${hook}`)).toHaveLength(1);
    expect(await deliveries(endpoint.id)).toHaveLength(1);
  });

  it('signs with the new secret at once after a rotation, and sends nothing to a disabled endpoint', async () => {
    const endpoint = await addEndpoint(hook);
    const rotated = await t.api('POST', `/api/v1/webhooks/${endpoint.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    // The receiver still holds the old secret: the delivery is refused (401) and retried.
    await declare('Old secret');
    await eventually(() => receiver.attempts(`/hooks/${hook}`).length === 1);
    expect(receiver.attempts(`/hooks/${hook}`)[0]?.status).toBe(401);
    receiver.setSecret(`/hooks/${hook}`, rotated.body.secret);
    await advance(5000);
    await eventually(() => receiver.received(`/hooks/${hook}`).length === 1);

    expect((await t.api('PATCH', `/api/v1/webhooks/${endpoint.id}`, { enabled: false })).body.enabled).toBe(false);
    await declare('While disabled');
    await settle();
    await advance(60_000);
    expect(receiver.attempts(`/hooks/${hook}`)).toHaveLength(2);
    expect(await deliveries(endpoint.id)).toHaveLength(1);
  });

  it('sends each delivery once when two replicas’ senders claim at the same time', async () => {
    const endpoint = await addEndpoint(hook);
    // A second replica's sender on the same database.
    const replica = new WebhookSender({ queue: webhookQueue(t.app.database), clock, logger: pino({ level: 'silent' }), pollMs: 60_000 });
    // Queued while the endpoint is disabled (nothing is claimed), then enabled behind the senders' backs…
    await t.api('PATCH', `/api/v1/webhooks/${endpoint.id}`, { enabled: false });
    for (let i = 0; i < 12; i++) expect((await t.api('POST', `/api/v1/webhooks/${endpoint.id}/test`)).status).toBe(202);
    await settle();
    expect(receiver.attempts(`/hooks/${hook}`)).toHaveLength(0);
    await t.app.database.query('update webhook_endpoints set enabled = true where id = $1', [endpoint.id]);
    // …so both senders start passes over the same 12 due rows at once.
    t.app.outgoingWebhooks.kick();
    replica.kick();
    await Promise.all([t.app.outgoingWebhooks.idle(), replica.idle()]);
    await eventually(() => receiver.received(`/hooks/${hook}`).length >= 12);
    await settle();
    const ids = receiver.attempts(`/hooks/${hook}`).map((c) => c.headers['webhook-id']);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    await replica.stop();
  });

  it('keeps finished deliveries in the log for 30 days, pending ones until they finish', async () => {
    const endpoint = await addEndpoint(hook);
    await declare('Old news');
    await eventually(() => receiver.received(`/hooks/${hook}`).length === 1);
    receiver.failNext({ status: 500, path: `/hooks/${hook}`, times: 8 });
    await t.api('POST', `/api/v1/webhooks/${endpoint.id}/test`);
    await eventually(() => receiver.attempts(`/hooks/${hook}`).length === 2);
    await advance(29 * 86_400_000);
    expect((await deliveries(endpoint.id)).map((d) => d.state).sort()).toEqual(['pending', 'succeeded']);
    await advance(2 * 86_400_000);
    // The succeeded one is gone; the test event is still being retried (each jump of the clock lets one more attempt run).
    expect((await deliveries(endpoint.id)).map((d) => d.event_type)).toEqual(['webhook.test']);
  });

  it('refuses bad input with a 422 naming the field', async () => {
    const bad = async (body: unknown, field: string, method = 'POST', path = '/api/v1/webhooks') => {
      const res = await t.api(method, path, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.field).toBe(field);
      return res.body.error.message as string;
    };
    expect(await bad({ url: 'http://example.com/hook' }, 'url')).toContain('https://');
    await bad({ url: 'not a url' }, 'url');
    await bad({ url: 'https://user:pw@example.com/hook' }, 'url');
    expect(await bad({ url: 'https://example.com/hook', event_types: ['incident.declared', 'incident.exploded'] }, 'event_types')).toContain(
      '"incident.exploded"',
    );
    await bad({ url: 'https://example.com/hook', event_types: [] }, 'event_types');
    const unknownKey = await t.api('POST', '/api/v1/webhooks', { url: 'https://example.com/hook', colour: 'red' });
    expect(unknownKey.status).toBe(422);
    expect(unknownKey.body.error.message).toContain('colour');
    const ok = await t.api('POST', '/api/v1/webhooks', {
      url: 'http://localhost:9/hook',
      event_types: ['action.created', 'incident.declared', 'action.created'],
    });
    expect(ok.status).toBe(201);
    // Stored in the documented order, once each.
    expect(ok.body.event_types).toEqual(['incident.declared', 'action.created']);
    await bad({ url: 'ftp://example.com' }, 'url', 'PATCH', `/api/v1/webhooks/${ok.body.id}`);
    expect((await t.api('GET', '/api/v1/webhooks/424242')).status).toBe(404);
    expect((await t.api('GET', `/api/v1/webhooks/${ok.body.id}/deliveries?cursor=abc`)).body.error.field).toBe('cursor');
  });
});
