import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

/** The compatibility routes on our own data: who may call them, what a bad parameter gets, how our incidents read there. */
describe("Response's API, still answered: authentication, bad parameters and our own incidents", () => {
  let t: TestApp;
  let id: number;
  let actionId: number;

  beforeAll(async () => {
    // Paris is UTC+1 in December: our instants print on its wall clock.
    t = await startTestApp({ env: { TIMEZONE: 'Europe/Paris' } });
    const created = await t.api('POST', '/api/v1/incidents', { report: 'Checkout <#C0ABC|payments> is down', severity: 'major', lead: 'U0BOB', reporter: 'U0ALICE' });
    expect(created.status).toBe(201);
    id = created.body.id;
    const action = await t.api('POST', `/api/v1/incidents/${id}/actions`, { details: 'Add an alert', assignee: 'U0BOB', priority: 'high', type: 'corrective', due_date: '2026-12-10' });
    expect(action.status).toBe(201);
    actionId = action.body.id;
    expect((await t.api('PATCH', `/api/v1/incidents/${id}`, { severity: 'critical', status: 'resolved' })).status).toBe(200);
  });
  afterAll(() => t?.close());

  const raw = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetch(t.baseUrl + path, { method, headers, redirect: 'manual' });

  it('shows our incidents in the original shape: severity number, naive local times, the owner as the action’s user', async () => {
    const { status, body } = await t.api('GET', `/core/incidents/${id}/`);
    expect(status).toBe(200);
    const ours = (await t.api('GET', `/api/v1/incidents/${id}`)).body;
    const paris = (iso: string) => {
      const shifted = new Date(new Date(iso).getTime() + 3600_000).toISOString().replace('Z', '');
      return shifted.endsWith('.000') ? shifted.slice(0, -4) : `${shifted}000`;
    };
    expect(body).toEqual({
      action_items: [
        {
          id: actionId,
          details: 'Add an alert',
          done: false,
          user: { app_id: 'slack', external_id: 'U0BOB', display_name: expect.any(String), full_name: null, email: null, deleted: false },
          details_ui: 'Add an alert',
          created_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3}000)?$/),
          done_date: null,
          due_date: '2026-12-10T00:00:00',
          priority: '1',
          type: '3',
        },
      ],
      comms_channel: null,
      end_time: paris(ours.end_time),
      impact: null,
      is_closed: true,
      lead: { app_id: 'slack', external_id: 'U0BOB', display_name: expect.any(String), full_name: null, email: null, deleted: false },
      id,
      report: 'Checkout <#C0ABC|payments> is down',
      report_time: paris(ours.report_time),
      report_only: false,
      reporter: expect.objectContaining({ external_id: 'U0ALICE' }),
      severity: '1',
      start_time: paris(ours.start_time),
      summary: null,
    });
    // Our timeline's own entry types are there with their type and text; severity changes read as the original's numbers.
    const timeline = (await t.api('GET', `/core/incidents/${id}/timeline/events/`)).body;
    expect(timeline.count).toBe(timeline.results.length);
    const severity = timeline.results.find((e: any) => e.metadata?.update_type === 'incident_severity');
    expect([severity.metadata.old_value, severity.metadata.new_value]).toEqual(['2', '1']);
    expect(timeline.results.map((e: any) => e.event_type)).toEqual(expect.arrayContaining(['incident_declared', 'action']));
    const declared = timeline.results.find((e: any) => e.event_type === 'incident_declared');
    expect(Object.keys(declared)).toEqual(['id', 'timestamp', 'text', 'event_type', 'metadata', 'text_ui']);
  });

  it('takes a bearer token, or HTTP Basic with a token as the password and any username', async () => {
    expect((await raw('/core/incidents/', { authorization: `Bearer ${t.token}` })).status).toBe(200);
    for (const username of ['', 'alice', 'admin@example.com']) {
      const res = await raw('/core/incidents/', { authorization: basic(username, t.token) });
      expect(res.status, username).toBe(200);
      expect(((await res.json()) as any).results.map((i: any) => i.id)).toEqual([id]);
    }
  });

  it('answers 401 with a challenge and a JSON message to a missing or wrong credential, never a 500', async () => {
    const cases: [string, Record<string, string>][] = [
      ['none', {}],
      ['wrong Basic password', { authorization: basic('alice', 'not-a-token') }],
      ['Basic without a password', { authorization: basic('alice', '') }],
      ['Basic, not base64', { authorization: 'Basic %%%' }],
      ['wrong bearer', { authorization: 'Bearer nope' }],
      ['another scheme', { authorization: `Token ${t.token}` }],
    ];
    for (const [name, headers] of cases) {
      for (const path of ['/core/incidents/', `/core/incidents/${id}/`, '/core/users/', '/core/events/', '/core/actions/', '/core/incidents/bymonth/2026/12/']) {
        const res = await raw(path, headers);
        expect(res.status, `${name} ${path}`).toBe(401);
        expect(res.headers.get('www-authenticate'), name).toMatch(/Basic realm="Response"/);
        const body = (await res.json()) as any;
        expect(body.error.code).toBe('unauthenticated');
        expect(body.detail).toBe(body.error.message);
      }
    }
    // Basic stays on these read-only routes: /api/v1 takes only bearer tokens and sessions.
    expect((await raw('/api/v1/incidents', { authorization: basic('alice', t.token) })).status).toBe(401);
  });

  it('answers 4xx naming the parameter, or 404, to bad parameters and unknown ids', async () => {
    const cases: [string, number, string | undefined][] = [
      ['/core/incidents/?limit=abc', 422, 'limit'],
      ['/core/incidents/?limit=0', 422, 'limit'],
      ['/core/incidents/?offset=-1', 422, 'offset'],
      ['/core/incidents/?limit=99999999999', 422, 'limit'],
      ['/core/actions/?offset=x', 422, 'offset'],
      ['/core/users/?page=0', 422, 'page'],
      ['/core/users/?page_size=1001', 422, 'page_size'],
      ['/core/users/?page=9', 404, 'page'],
      ['/core/incidents/bymonth/2026/13/', 422, 'month'],
      ['/core/incidents/bymonth/26/12/', 422, 'year'],
      ['/core/incidents/bymonth/2026/1/', 422, 'month'],
      ['/core/events/?from=yesterday', 422, 'from'],
      ['/core/events/?to=2026-02-30', 422, 'to'],
      ['/core/events/?from=2026-12-03&to=2026-12-01', 422, 'from'],
      ['/core/incidents/abc/', 422, 'id'],
      ['/core/incidents/99999999999/', 422, 'id'],
      ['/core/incidents/999/', 404, undefined],
      ['/core/incidents/999/actions/', 404, undefined],
      ['/core/incidents/999/timeline/events/', 404, undefined],
      [`/core/incidents/${id}/actions/999/`, 404, undefined],
      [`/core/incidents/${id}/timeline/events/999999/`, 404, undefined],
      ['/core/actions/999/', 404, undefined],
      ['/core/nothing/', 404, undefined],
    ];
    for (const [path, status, field] of cases) {
      const { status: got, body } = await t.api('GET', path);
      expect([path, got], JSON.stringify(body)).toEqual([path, status]);
      expect(typeof body.detail, path).toBe('string');
      if (status === 404 && field === undefined) expect([path, body.detail, body.error.code]).toEqual([path, 'Not found.', 'not_found']);
      if (field) expect([path, body.error.field]).toEqual([path, field]);
    }
    // An action of another incident is not this incident's.
    const other = (await t.api('POST', '/api/v1/incidents', { report: 'Another one' })).body.id;
    expect((await t.api('GET', `/core/incidents/${other}/actions/${actionId}/`)).status).toBe(404);
  });

  it('is read-only: writes answer 405 pointing to /api/v1, and nothing changes', async () => {
    for (const [method, path] of [
      ['POST', '/core/incidents/'],
      ['PATCH', `/core/incidents/${id}/`],
      ['PUT', `/core/incidents/${id}/`],
      ['DELETE', `/core/incidents/${id}/`],
      ['POST', `/core/incidents/${id}/actions/`],
      ['DELETE', `/core/actions/${actionId}/`],
      ['POST', `/core/incidents/${id}/timeline/events/`],
      ['POST', '/core/users/'],
    ] as const) {
      const { status, body, headers } = await t.api(method, path, { report: 'changed' });
      expect([method, path, status]).toEqual([method, path, 405]);
      expect(headers.get('allow')).toBe('GET, HEAD');
      expect(body.detail).toMatch(/read-only.*\/api\/v1/);
    }
    expect((await t.api('GET', `/core/incidents/${id}/`)).body.report).toBe('Checkout <#C0ABC|payments> is down');
    // Writes need credentials first, as any route here.
    expect((await raw('/core/incidents/', {}, 'POST')).status).toBe(401);
  });

  it('redirects a path without its trailing slash to it, query kept (Django’s APPEND_SLASH)', async () => {
    const res = await raw('/core/incidents?limit=2');
    expect([res.status, res.headers.get('location')]).toEqual([301, '/core/incidents/?limit=2']);
    expect((await raw(`/core/incidents/${id}/timeline/events`)).headers.get('location')).toBe(`/core/incidents/${id}/timeline/events/`);
    expect((await raw('/core/users?page=2')).headers.get('location')).toBe('/core/users/?page=2');
    expect((await t.api('GET', '/core/')).body).toEqual({
      incidents: `${t.baseUrl}/core/incidents/`,
      actions: `${t.baseUrl}/core/actions/`,
      users: `${t.baseUrl}/core/users/`,
      events: `${t.baseUrl}/core/events/`,
    });
  });

  it('renders text_ui and details_ui as the original: channel links as #name', async () => {
    const entry = await t.api('POST', `/api/v1/incidents/${id}/timeline`, { text: 'Moved to <#C0DEF|payments-war-room> with <@U0BOB>' });
    expect(entry.status).toBe(201);
    const { body } = await t.api('GET', `/core/incidents/${id}/timeline/events/${entry.body.id}/`);
    expect(body.text).toBe('Moved to <#C0DEF|payments-war-room> with <@U0BOB>');
    expect(body.text_ui).toMatch(/^Moved to #payments-war-room with @\S+$/);
    // An action's details_ui too.
    const action = (await t.api('POST', `/api/v1/incidents/${id}/actions`, { details: 'Ask <@U0BOB> about <#C0DEF|payments-war-room>' })).body;
    expect((await t.api('GET', `/core/actions/${action.id}/`)).body.details_ui).toMatch(/^Ask @\S+ about #payments-war-room$/);
  });

  it('documents the routes in the OpenAPI document under the compatibility tag', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json')).body;
    expect(doc.tags).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Response compatibility', description: expect.stringMatching(/\/api\/v1/) })]));
    for (const path of ['/core/incidents/', '/core/incidents/{id}/', '/core/incidents/{id}/timeline/events/', '/core/incidents/{id}/actions/', '/core/actions/', '/core/users/', '/core/events/', '/core/incidents/bymonth/{year}/{month}/']) {
      expect(doc.paths[path]?.get?.tags, path).toEqual(['Response compatibility']);
      expect(doc.paths[path].get.security).toEqual([{ bearer: [] }, { basic: [] }]);
    }
    expect(doc.components.securitySchemes.basic).toEqual(expect.objectContaining({ type: 'http', scheme: 'basic' }));
  });
});
