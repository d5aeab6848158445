import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackTestApp } from '../support/slack-test-app.js';
import { call, signIn, startSignInApp, type Jar } from '../support/web-session.js';

/** Only admins (PERMISSION_MANAGE_WEBHOOKS, default `admins`) see or change outgoing webhooks, from the web UI's session as from the API. */
describe('who manages outgoing webhooks', () => {
  let t: SlackTestApp;
  let alice: Jar; // in the workspace, not an admin
  let carol: Jar; // a Slack workspace admin
  let endpointId: number;
  beforeAll(async () => {
    t = await startSignInApp();
    alice = (await signIn(t, '/', 'U0ALICE')).jar;
    await t.app.core.store.users.upsert({ slackId: 'U0CAROL', displayName: 'Carol Diaz', isAdmin: true }, new Date());
    carol = (await signIn(t, '/', 'U0CAROL')).jar;
    endpointId = (await t.api('POST', '/api/v1/webhooks', { url: 'https://hooks.example.com/response' })).body.id;
  });
  afterAll(() => t?.close());

  it('refuses a non-admin with 403 on every route, and changes nothing', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/v1/webhooks'],
      ['POST', '/api/v1/webhooks', { url: 'https://evil.example.com/exfiltrate', include_private: true }],
      ['GET', `/api/v1/webhooks/${endpointId}`],
      ['PATCH', `/api/v1/webhooks/${endpointId}`, { url: 'https://evil.example.com/exfiltrate' }],
      ['POST', `/api/v1/webhooks/${endpointId}/rotate-secret`],
      ['POST', `/api/v1/webhooks/${endpointId}/test`],
      ['GET', `/api/v1/webhooks/${endpointId}/deliveries`],
      ['POST', `/api/v1/webhooks/${endpointId}/redeliver-failed`],
      ['DELETE', `/api/v1/webhooks/${endpointId}`],
    ];
    for (const [method, path, body] of routes) {
      const res = await call(t, alice, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as any).error.message).toContain(
        'You may not manage outgoing webhooks: only workspace admins may (PERMISSION_MANAGE_WEBHOOKS)',
      );
    }
    const listed = (await t.api('GET', '/api/v1/webhooks')).body.results;
    expect(listed).toEqual([expect.objectContaining({ id: endpointId, url: 'https://hooks.example.com/response' })]);
    expect(((await (await call(t, alice, 'GET', '/api/v1/me')).json()) as any).can.manage_webhooks).toBe(false);
  });

  it('lets a workspace admin manage them from the web UI', async () => {
    expect(((await (await call(t, carol, 'GET', '/api/v1/me')).json()) as any).can.manage_webhooks).toBe(true);
    const created = await call(t, carol, 'POST', '/api/v1/webhooks', { url: 'https://hooks.example.com/carol', event_types: ['incident.declared'] });
    expect(created.status).toBe(201);
    const body = (await created.json()) as any;
    expect(body).toMatchObject({ url: 'https://hooks.example.com/carol', event_types: ['incident.declared'], created_by: '<@U0CAROL>' });
    expect(body.secret).toMatch(/^whsec_/);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect((await call(t, carol, 'DELETE', `/api/v1/webhooks/${body.id}`)).status).toBe(204);
  });
});
