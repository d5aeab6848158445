import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordParticipantMessage } from '../../src/core/participant/record-message.js';
import { freePort } from '../browser/browser-support.js';
import { BOT_TOKEN, startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, Jar, signIn } from '../support/web-session.js';

describe('sign-in required (the default)', () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    const slackPort = await freePort();
    const oidc = { clientId: '7450218834521.8012345678901', clientSecret: 'shh' };
    t = await startSlackTestApp({
      emulator: { port: slackPort, openid: oidc },
      env: { SLACK_CLIENT_ID: oidc.clientId, SLACK_CLIENT_SECRET: oidc.clientSecret, SLACK_OAUTH_URL: `http://127.0.0.1:${slackPort}/openid/connect/authorize` },
    });
  });
  afterAll(() => t?.close());

  it('answers 401 to the API without a token or session, and serves the SPA shell with a strict CSP', async () => {
    expect((await fetch(`${t.baseUrl}/api/v1/me`)).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/api/v1/incidents`)).status).toBe(401);
    const page = await fetch(`${t.baseUrl}/incidents/42`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    const unknownApi = await fetch(`${t.baseUrl}/api/v1/nothing-here`);
    expect(unknownApi.status).toBe(404);
    expect(await unknownApi.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('signs in with Slack, matches the Slack user, and keeps the session in signed HttpOnly cookies', async () => {
    const { jar, landed } = await signIn(t, '/incidents/7');
    expect(landed).toBe('/incidents/7');
    expect(t.emulator.calls('openid.connect.token')).not.toHaveLength(0);
    expect(t.emulator.calls('openid.connect.userInfo')).not.toHaveLength(0);
    const session = jar.get('response_session');
    expect(session).toMatch(/\./); // signed: value.signature
    const me = await call(t, jar, 'GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { slack_id: 'U0ALICE', display_name: 'Alice Nguyen' }, via: 'session', login_required: true, is_admin: false });
    // A tampered cookie is no session at all.
    const forged = new Jar();
    forged.cookies.set('response_session', `${session?.split('.')[0]}.AAAA`);
    expect((await call(t, forged, 'GET', '/api/v1/me')).status).toBe(401);
  });

  it('refuses a state that was used already (single use) or made up', async () => {
    const login = await fetch(`${t.baseUrl}/auth/login`, { redirect: 'manual' });
    const browser = new Jar();
    browser.take(login);
    const authorize = new URL(login.headers.get('location') ?? '');
    authorize.searchParams.set('user', 'U0ALICE');
    const slackRedirect = await fetch(authorize, { redirect: 'manual' });
    const cb = new URL(slackRedirect.headers.get('location') ?? '');
    // Finishing it in another browser (no cookie from /auth/login) is refused: no login CSRF.
    const elsewhere = await fetch(`${t.baseUrl}${cb.pathname}${cb.search}`, { redirect: 'manual' });
    expect(elsewhere.headers.get('location')).toBe('/sign-in?error=state');
    const first = await fetch(`${t.baseUrl}${cb.pathname}${cb.search}`, { redirect: 'manual', headers: { cookie: browser.header() } });
    expect(first.headers.get('location')).toBe('/');
    const again = await fetch(`${t.baseUrl}${cb.pathname}${cb.search}`, { redirect: 'manual', headers: { cookie: browser.header() } });
    expect(again.headers.get('location')).toBe('/sign-in?error=state');
    const made = await fetch(`${t.baseUrl}/auth/callback?code=x&state=nope`, { redirect: 'manual' });
    expect(made.headers.get('location')).toBe('/sign-in?error=state');
    expect(made.headers.getSetCookie().some((c) => c.startsWith('response_session='))).toBe(false);
  });

  it('only redirects to same-site paths after sign-in', async () => {
    expect((await signIn(t, '//evil.example/x')).landed).toBe('/');
    expect((await signIn(t, 'https://evil.example/')).landed).toBe('/');
  });

  it('needs the CSRF header on every change made with a session; bearer tokens need none', async () => {
    const { jar } = await signIn(t);
    const created = await t.api('POST', '/api/v1/incidents', { report: 'Payments delayed' });
    expect(created.status).toBe(201);
    const path = `/api/v1/incidents/${created.body.id}`;
    expect((await call(t, jar, 'PATCH', path, { severity: 'minor' }, null)).status).toBe(403);
    expect((await call(t, jar, 'PATCH', path, { severity: 'minor' }, 'wrong')).status).toBe(403);
    const ok = await call(t, jar, 'PATCH', path, { severity: 'minor' });
    expect(ok.status).toBe(200);
    // The change is recorded as made by the signed-in person.
    const timeline = await t.api('GET', `${path}/timeline`);
    expect(JSON.stringify(timeline.body.results)).toContain('U0ALICE');
    // Reads need no CSRF header.
    expect((await call(t, jar, 'GET', path, undefined, null)).status).toBe(200);
    // A bad bearer token is refused even alongside a good session cookie.
    expect((await fetch(t.baseUrl + path, { headers: { cookie: jar.header(), authorization: 'Bearer revoked' } })).status).toBe(401);
    // A lost csrf_token cookie comes back with the next /api/v1/me.
    const good = jar.get('csrf_token');
    jar.cookies.delete('csrf_token');
    const me = await call(t, jar, 'GET', '/api/v1/me');
    jar.take(me);
    expect(jar.get('csrf_token')).toBe(good);
  });

  it('hides private incidents from people outside their channel, in the list and the doc', async () => {
    const { jar } = await signIn(t);
    const secret = await t.api('POST', '/api/v1/incidents', { report: 'Suspected data breach', private: true, lead: 'U0BOB' });
    expect(secret.status).toBe(201);
    const id = secret.body.id as number;
    const listed = async () => ((await (await call(t, jar, 'GET', '/api/v1/incidents?limit=200')).json()) as { results: { id: number }[] }).results.map((i) => i.id);
    expect(await listed()).not.toContain(id);
    expect((await call(t, jar, 'GET', `/api/v1/incidents/${id}`)).status).toBe(404);
    expect((await call(t, jar, 'GET', `/api/v1/incidents/${id}/timeline`)).status).toBe(404);
    expect((await call(t, jar, 'PATCH', `/api/v1/incidents/${id}`, { report: 'changed' })).status).toBe(404);
    // Once Alice has posted in the channel she is a member and sees it.
    await recordParticipantMessage(t.app.core, { actor: { kind: 'system', job: 'test' }, clock: t.app.clock }, id, 'U0ALICE', new Date());
    expect((await call(t, jar, 'GET', `/api/v1/incidents/${id}`)).status).toBe(200);
    expect(await listed()).toContain(id);
    // API tokens act as admins.
    expect((await t.api('GET', `/api/v1/incidents/${id}`)).status).toBe(200);
  });

  it('shows a private incident to whoever is in its comms channel, and not after they leave without posting', async () => {
    const { jar } = await signIn(t);
    const secret = await t.api('POST', '/api/v1/incidents', { report: 'Card data in logs', private: true, lead: 'U0BOB' });
    const id = secret.body.id as number;
    // A private incident gets its private channel at once, with its reporter and lead in it.
    await t.settle();
    const channel = (await t.api('GET', `/api/v1/incidents/${id}`)).body.comms_channel.channel_id as string;
    const status = async () => (await call(t, jar, 'GET', `/api/v1/incidents/${id}`)).status;
    const listed = async () => ((await (await call(t, jar, 'GET', '/api/v1/incidents?limit=200')).json()) as { results: { id: number }[] }).results.some((i) => i.id === id);
    expect(await status()).toBe(404);
    // A private channel takes an invitation to join.
    await new WebClient(BOT_TOKEN, { slackApiUrl: t.emulator.apiUrl }).conversations.invite({ channel, users: 'U0ALICE' });
    await t.settle();
    expect(await status()).toBe(200);
    expect(await listed()).toBe(true);
    await t.emulator.as('U0ALICE').leave(channel);
    await t.settle();
    expect(await status()).toBe(404);
    expect(await listed()).toBe(false);
  });

  it('lets only admins create and revoke API tokens, shows the secret once, and lists names only', async () => {
    const { jar } = await signIn(t);
    expect((await call(t, jar, 'POST', '/api/v1/tokens', { name: 'by-alice' })).status).toBe(403);
    await t.app.core.store.users.upsert({ slackId: 'U0ALICE', displayName: 'Alice Nguyen', isAdmin: true }, new Date());
    const created = await call(t, jar, 'POST', '/api/v1/tokens', { name: 'by-alice' });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { token: string; name: string };
    expect(body.token).toMatch(/^rsp_/);
    const list = (await (await call(t, jar, 'GET', '/api/v1/tokens')).json()) as { results: Record<string, unknown>[] };
    expect(list.results.map((r) => r.name)).toContain('by-alice');
    expect(JSON.stringify(list)).not.toContain(body.token);
    const viaToken = await fetch(`${t.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${body.token}` } });
    expect(await viaToken.json()).toMatchObject({ via: 'token' });
    expect((await call(t, jar, 'DELETE', '/api/v1/tokens/by-alice')).status).toBe(204);
    expect((await fetch(`${t.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${body.token}` } })).status).toBe(401);
    await t.app.core.store.users.upsert({ slackId: 'U0ALICE', displayName: 'Alice Nguyen', isAdmin: false }, new Date());
  });

  it('signs out: the session row is gone, the cookie no longer works', async () => {
    const { jar } = await signIn(t);
    const before = jar.header();
    expect((await call(t, jar, 'POST', '/auth/logout', {}, null)).status).toBe(403);
    const out = await call(t, jar, 'POST', '/auth/logout', {});
    expect(out.status).toBe(204);
    jar.take(out);
    expect(jar.get('response_session')).toBeUndefined();
    const replay = await fetch(`${t.baseUrl}/api/v1/me`, { headers: { cookie: before } });
    expect(replay.status).toBe(401);
  });

  it('serves timeline pages of up to 1,000 entries, so the doc of a long incident needs few requests', async () => {
    const created = await t.api('POST', '/api/v1/incidents', { report: 'Long timeline' });
    expect((await t.api('GET', `/api/v1/incidents/${created.body.id}/timeline?limit=1000`)).status).toBe(200);
    expect((await t.api('GET', `/api/v1/incidents/${created.body.id}/timeline?limit=1001`)).status).toBe(422);
  });

  it('reports insights: weekly counts by severity, median and p90 time to resolve, open now, busiest leads', async () => {
    const start = new Date('2026-06-01T10:00:00Z').getTime();
    const hours = [1, 2, 3, 4, 10];
    for (const [i, h] of hours.entries()) {
      const c = await t.api('POST', '/api/v1/incidents', { report: `Resolved ${i}`, severity: 'critical', lead: 'U0CAROL' });
      const begin = new Date(start + i * 86400_000);
      const r = await t.api('PATCH', `/api/v1/incidents/${c.body.id}`, { start_time: begin.toISOString(), end_time: new Date(begin.getTime() + h * 3600_000).toISOString(), status: 'resolved' });
      expect(r.status).toBe(200);
    }
    const res = await t.api('GET', `/api/v1/insights?from=2026-05-25T00:00:00Z&to=2026-06-30T00:00:00Z`);
    expect(res.status).toBe(200);
    const crit = res.body.time_to_resolve.find((r: { severity: string }) => r.severity === 'critical');
    expect(crit.count).toBe(5);
    expect(crit.median_seconds).toBe(3 * 3600);
    // percentile_cont(0.9) over 1,2,3,4,10 hours interpolates: 4 + 0.6 × 6 = 7.6 hours.
    expect(crit.p90_seconds).toBeCloseTo(7.6 * 3600, 3);
    const weeks = res.body.per_week as { week: string; week_start: string; critical: number }[];
    expect(weeks.map((w) => [w.week, w.week_start, w.critical])).toEqual([
      ['2026-W23', '2026-06-01', 5],
    ]);
    expect(res.body.busiest_leads[0]).toMatchObject({ user: { slack_id: 'U0CAROL' }, count: 5 });
    expect(res.body.open_now.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBeGreaterThan(0);
    expect((await t.api('GET', '/api/v1/insights?from=2026-07-01T00:00:00Z&to=2026-06-01T00:00:00Z')).status).toBe(422);
  });
});

describe('RESPONSE_LOGIN_REQUIRED=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RESPONSE_LOGIN_REQUIRED: 'false' } });
  });
  afterAll(() => t?.close());

  it('opens the UI and API to anonymous browsers, still with CSRF on changes', async () => {
    const jar = new Jar();
    const me = await fetch(`${t.baseUrl}/api/v1/me`);
    jar.take(me);
    expect(await me.json()).toMatchObject({ user: null, via: 'anonymous', login_required: false });
    expect(jar.get('csrf_token')).toBeTruthy();
    expect((await call(t, jar, 'POST', '/api/v1/incidents', { report: 'Anonymous' }, null)).status).toBe(403);
    const ok = await call(t, jar, 'POST', '/api/v1/incidents', { report: 'Anonymous' });
    expect(ok.status).toBe(201);
    const id = ((await ok.json()) as { id: number }).id;
    const timeline = await t.api('GET', `/api/v1/incidents/${id}/timeline`);
    expect(JSON.stringify(timeline.body)).toContain('anonymous web user');
    // A bad bearer token is still refused rather than treated as anonymous.
    expect((await fetch(`${t.baseUrl}/api/v1/incidents`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });
});
