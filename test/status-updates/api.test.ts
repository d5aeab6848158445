import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let id: number;
beforeAll(async () => {
  t = await startTestApp();
  id = (await t.api('POST', '/api/v1/incidents', { report: 'Checkout errors', severity: 'critical' })).body.id;
});
afterAll(() => t?.close());

describe('status updates over the REST API', () => {
  it('posts updates, lists them newest first in pages, and the incident shows the latest with its status', async () => {
    expect((await t.api('GET', `/api/v1/incidents/${id}`)).body.latest_update).toBeNull();
    const first = await t.api('POST', `/api/v1/incidents/${id}/updates`, { status: 'investigating', message: 'Card payments fail for some' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ incident_id: id, status: 'investigating', message: 'Card payments fail for some', next_steps: null, posted_by: null, posted_by_label: 'API token "test"' });
    // critical: every 15 minutes by default
    expect(Date.parse(first.body.next_update_at) - Date.parse(first.body.posted_at)).toBe(15 * 60_000);
    const second = await t.api('POST', `/api/v1/incidents/${id}/updates`, { status: 'monitoring', message: 'Rolled back', next_steps: 'Watch error rates', next_update_in_minutes: null });
    expect(second.body).toMatchObject({ status: 'monitoring', next_steps: 'Watch error rates', next_update_at: null });

    const incident = (await t.api('GET', `/api/v1/incidents/${id}`)).body;
    expect(incident.status).toBe('monitoring');
    expect(incident.latest_update).toMatchObject({ id: second.body.id, message: 'Rolled back' });
    const listed = (await t.api('GET', '/api/v1/incidents?status=all')).body.results.find((i: any) => i.id === id);
    expect(listed.latest_update.id).toBe(second.body.id);

    const page1 = await t.api('GET', `/api/v1/incidents/${id}/updates?limit=1`);
    expect(page1.body.results.map((u: any) => u.id)).toEqual([second.body.id]);
    const page2 = await t.api('GET', `/api/v1/incidents/${id}/updates?limit=1&cursor=${page1.body.next}`);
    expect(page2.body.results.map((u: any) => u.id)).toEqual([first.body.id]);
    expect(page2.body.next).toBeNull();
  });

  it('makes a retried POST with the same Idempotency-Key post once', async () => {
    const inc = (await t.api('POST', '/api/v1/incidents', { report: 'Retry me', severity: 'minor' })).body.id;
    const send = () => t.api('POST', `/api/v1/incidents/${inc}/updates`, { status: 'identified', message: 'Found it' }, { 'idempotency-key': 'retry-1' });
    const a = await send();
    const b = await send();
    expect(a.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect((await t.api('GET', `/api/v1/incidents/${inc}/updates`)).body.results).toHaveLength(1);
    const bad = await t.api('POST', `/api/v1/incidents/${inc}/updates`, { status: 'identified', message: 'x' }, { 'idempotency-key': 'k'.repeat(201) });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('Idempotency-Key');
  });

  it.each([
    [{ message: 'x' }, 'status'],
    [{ status: 'reported', message: 'x' }, 'status'],
    [{ status: 'monitoring' }, 'message'],
    [{ status: 'monitoring', message: '   ' }, 'message'],
    [{ status: 'monitoring', message: 'x', next_update_in_minutes: 0 }, 'next_update_in_minutes'],
    [{ status: 'monitoring', message: 'x', next_update_in_minutes: 1441 }, 'next_update_in_minutes'],
    [{ status: 'monitoring', message: 'x', next_update_in_minutes: 'soon' }, 'next_update_in_minutes'],
    [{ status: 'monitoring', message: 'x', colour: 'red' }, ''],
  ])('refuses %j naming the field', async (body, field) => {
    const res = await t.api('POST', `/api/v1/incidents/${id}/updates`, body);
    expect(res.status).toBe(422);
    if (field) expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toBeTruthy();
  });

  it('404s the updates of an unknown incident', async () => {
    expect((await t.api('GET', '/api/v1/incidents/424242/updates')).status).toBe(404);
    expect((await t.api('POST', '/api/v1/incidents/424242/updates', { status: 'monitoring', message: 'x' })).status).toBe(404);
  });

  it('documents both routes in the OpenAPI description', async () => {
    const spec = (await t.api('GET', '/api/v1/openapi.json')).body;
    expect(spec.paths['/api/v1/incidents/{id}/updates']).toHaveProperty('get');
    expect(spec.paths['/api/v1/incidents/{id}/updates'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('next_update_in_minutes');
    expect(spec.paths['/api/v1/incidents/{id}/updates'].post.parameters.map((p: any) => p.name)).toContain('idempotency-key');
  });
});
