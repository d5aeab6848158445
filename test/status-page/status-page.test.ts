import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { NO_INTEGRATIONS } from '../../src/config/integrations/index.js';
import { STATUS_PAGE } from './fixtures.js';
import { childrenNamed, childText, parseXml, type XmlElement } from './xml.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ appOptions: { integrations: { ...NO_INTEGRATIONS, statusPage: STATUS_PAGE } } });
});
afterAll(() => t?.close());

/** A request with no credentials at all, as the public makes it. */
const anonymous = (path: string, headers: Record<string, string> = {}) => fetch(t.baseUrl + path, { headers });
const declare = async (report: string, extra: Record<string, unknown> = {}) => (await t.api('POST', '/api/v1/incidents', { report, severity: 'major', ...extra })).body.id as number;
const post = (id: number, body: Record<string, unknown>) => t.api('POST', `/api/v1/incidents/${id}/updates`, body);
const statusJson = async () => (await (await anonymous('/status.json')).json()) as any;

describe('publishing a status update (API)', () => {
  it('stores the public part beside the internal text and shows only the public part', async () => {
    const id = await declare('Internal: db-7 primary OOM killed');
    const res = await post(id, {
      status: 'investigating',
      message: 'db-7 OOM, suspect the reindex cron of team X',
      publish: { title: 'Slow API responses', body: 'Some API requests are slow. We are investigating.', components: { api: 'degraded_performance' } },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ published: true, public: { title: 'Slow API responses', body: 'Some API requests are slow. We are investigating.', components: { api: 'degraded_performance' } } });
    const page = await statusJson();
    expect(page.components.find((c: any) => c.key === 'api').status).toBe('degraded_performance');
    expect(page.incidents.map((i: any) => i.title)).toContain('Slow API responses');
    expect(JSON.stringify(page)).not.toContain('db-7');

    // A later update without a title or components keeps both; the internal-only update is not shown.
    await post(id, { status: 'identified', message: 'internal only: the cron again' });
    await post(id, { status: 'monitoring', message: 'rolled back cron', publish: { body: 'A fix is in place; we are watching.' } });
    const after = (await statusJson()).incidents.find((i: any) => i.title === 'Slow API responses');
    expect(after.status).toBe('monitoring');
    expect(after.updates.map((u: any) => u.body)).toEqual(['A fix is in place; we are watching.', 'Some API requests are slow. We are investigating.']);
    expect(after.components).toEqual({ api: 'degraded_performance' });
    expect(JSON.stringify(after)).not.toContain('cron');

    // Resolving the incident (without publishing) returns its components to operational and moves it to the history.
    await t.api('PATCH', `/api/v1/incidents/${id}`, { status: 'resolved' });
    const resolved = await statusJson();
    expect(resolved.components.find((c: any) => c.key === 'api').status).toBe('operational');
    expect(resolved.incidents.find((i: any) => i.title === 'Slow API responses')).toBeUndefined();
    const today = new Date().toISOString().slice(0, 10);
    expect(resolved.history.find((d: any) => d.day === today).incidents.map((i: any) => i.title)).toContain('Slow API responses');
  });

  it('refuses to publish a private incident, a first publish without a title, and unknown components, naming the field', async () => {
    const secret = await declare('Acquisition talks leak', { private: true });
    const priv = await post(secret, { status: 'investigating', message: 'x', publish: { title: 'Leak', body: 'y' } });
    expect(priv.status).toBe(422);
    expect(priv.body.error.field).toBe('publish');
    expect(priv.body.error.message).toMatch(/private/);

    const id = await declare('Something');
    const untitled = await post(id, { status: 'investigating', message: 'x', publish: { body: 'y' } });
    expect(untitled.body.error.field).toBe('publish.title');
    const unknown = await post(id, { status: 'investigating', message: 'x', publish: { title: 'T', body: 'y', components: { billing: 'major_outage' } } });
    expect(unknown.body.error.field).toBe('publish.components.billing');
    expect(unknown.body.error.message).toMatch(/api, dashboard, payments/);
    const badImpact = await post(id, { status: 'investigating', message: 'x', publish: { title: 'T', body: 'y', components: { api: 'on_fire' } } });
    expect(badImpact.status).toBe(422);
    expect(badImpact.body.error.field).toMatch(/^publish\.components/);
    const blank = await post(id, { status: 'investigating', message: 'x', publish: { title: 'T', body: '  ' } });
    expect(blank.body.error.field).toBe('publish.body');
    // Nothing of these reached the page.
    expect(JSON.stringify(await statusJson())).not.toMatch(/Leak|Acquisition/);
  });
});

describe('component statuses', () => {
  it('take the worst impact among open published incidents, per component', async () => {
    const a = await declare('A');
    const b = await declare('B');
    await post(a, { status: 'investigating', message: 'x', publish: { title: 'Payments partly down', body: 'Some card payments fail.', components: { payments: 'partial_outage', dashboard: 'degraded_performance' } } });
    await post(b, { status: 'investigating', message: 'x', publish: { title: 'Payments down', body: 'Card payments fail.', components: { payments: 'major_outage' } } });
    const statuses = () => statusJson().then((p) => Object.fromEntries(p.components.map((c: any) => [c.key, c.status])));
    expect(await statuses()).toMatchObject({ payments: 'major_outage', dashboard: 'degraded_performance' });
    expect((await statusJson()).status.indicator).toBe('major_outage');
    // B's latest update lowers its impact: A's partial outage is now the worst.
    await post(b, { status: 'monitoring', message: 'x', publish: { body: 'Recovering.', components: { payments: 'degraded_performance' } } });
    expect(await statuses()).toMatchObject({ payments: 'partial_outage' });
    await post(a, { status: 'resolved', message: 'x', publish: { body: 'Resolved.' } });
    await post(b, { status: 'resolved', message: 'x', publish: { body: 'Resolved.' } });
    expect(await statuses()).toEqual({ api: 'operational', dashboard: 'operational', payments: 'operational' });
  });
});

describe('history', () => {
  it('lists resolved incidents of the last 90 days by the day they started, and nothing older', async () => {
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000);
    for (const [title, daysAgo] of [
      ['Eighty-nine days ago', 89],
      ['A hundred days ago', 100],
    ] as const) {
      const id = await declare(title);
      await post(id, { status: 'resolved', message: 'x', publish: { title, body: 'Fixed.' } });
      await t.app.database.query(`update public_incidents set started_at = $1 where incident_id = $2`, [day(daysAgo), id]);
    }
    const history = (await statusJson()).history as { day: string; incidents: { title: string }[] }[];
    expect(history.find((d) => d.day === day(89).toISOString().slice(0, 10))?.incidents.map((i) => i.title)).toEqual(['Eighty-nine days ago']);
    expect(JSON.stringify(history)).not.toContain('A hundred days ago');
    // Newest day first.
    expect(history.map((d) => d.day)).toEqual([...history.map((d) => d.day)].sort().reverse());
  });
});

describe('/status', () => {
  it('is public, plain HTML without script, escapes what people typed, and never shows internal text or private incidents', async () => {
    const id = await declare('Internal report: shard 3 lost');
    await post(id, { status: 'identified', message: 'INTERNAL-ONLY shard 3 lost', publish: { title: 'Login <script>alert(1)</script> & errors', body: 'Logins fail "sometimes" <b>now</b>.', components: { dashboard: 'partial_outage' } } });
    await declare('Private thing', { private: true });
    const res = await anonymous('/status');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(res.headers.get('etag')).toBeTruthy();
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('Acme status');
    expect(html).toContain('Login &lt;script&gt;alert(1)&lt;/script&gt; &amp; errors');
    expect(html).toContain('Logins fail &quot;sometimes&quot; &lt;b&gt;now&lt;/b&gt;.');
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/Dashboard<\/span>.*Partial outage/s);
    expect(html).toContain('Platform');
    for (const secret of ['INTERNAL-ONLY', 'shard 3', 'Private thing', 'Internal report']) expect(html).not.toContain(secret);
    // An unchanged page answers 304 to its ETag.
    const again = await anonymous('/status', { 'if-none-match': res.headers.get('etag') as string });
    expect(again.status).toBe(304);
    expect((await anonymous('/status', { 'if-none-match': `"other", W/${res.headers.get('etag')}` })).status).toBe(304);
    expect((await anonymous('/status', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('needs no sign-in even when the rest of the UI does, and leaks nothing else', async () => {
    expect((await anonymous('/api/v1/incidents')).status).toBe(401);
    for (const path of ['/status', '/status.json', '/status/feed.atom']) expect((await anonymous(path)).status).toBe(200);
  });

  it('serves a well-formed Atom feed with an entry per public incident', async () => {
    const res = await anonymous('/status/feed.atom');
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const xml = await res.text();
    const feed = parseXml(xml);
    expect(feed.name).toBe('feed');
    expect(feed.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
    for (const required of ['id', 'title', 'updated']) expect(childText(feed, required)).toBeTruthy();
    const entries = childrenNamed(feed, 'entry');
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const e of entries) for (const required of ['id', 'title', 'updated']) expect(childText(e, required)).toBeTruthy();
    const login = entries.find((e) => childText(e, 'title')?.startsWith('Login <script>')) as XmlElement;
    expect(childText(login, 'title')).toBe('Login <script>alert(1)</script> & errors (identified)');
    // type="html": the content is HTML, escaped once more for XML.
    expect(childText(login, 'content')).toContain('Logins fail &quot;sometimes&quot; &lt;b&gt;now&lt;/b&gt;.');
    expect(xml).not.toContain('INTERNAL-ONLY');
  });

  it('keeps serving the last good page, marked stale, when the database cannot be read', async () => {
    const good = await anonymous('/status');
    expect(good.headers.get('x-status-page-stale')).toBeNull();
    const goodHtml = await good.text();
    // A real read failure: the table the page reads is gone for a moment.
    await t.app.database.db.execute(sql`ALTER TABLE public_incidents RENAME TO public_incidents_away`);
    try {
      const stale = await anonymous('/status');
      expect(stale.status).toBe(200);
      expect(stale.headers.get('x-status-page-stale')).toBe('true');
      const html = await stale.text();
      expect(html).toContain('could not be refreshed');
      expect(html).toContain('Login &lt;script&gt;');
      expect(goodHtml).not.toContain('could not be refreshed');
      const json = await anonymous('/status.json');
      expect(json.status).toBe(200);
      expect(((await json.json()) as any).page.stale).toBe(true);
    } finally {
      await t.app.database.db.execute(sql`ALTER TABLE public_incidents_away RENAME TO public_incidents`);
    }
    expect((await anonymous('/status')).headers.get('x-status-page-stale')).toBeNull();
  });
});
