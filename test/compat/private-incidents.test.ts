import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackTestApp } from '../support/slack-test-app.js';
import { call, signIn, startSignInApp, type Jar } from '../support/web-session.js';

/** A private incident through the original's routes: only its people (and admins' tokens) see it, and no list, count or log gives it away. */
describe("Response's API, still answered: private incidents", () => {
  let t: SlackTestApp;
  let alice: Jar; // in the workspace, not in the incident
  let bob: Jar; // its lead
  let secret: number;
  let open: number;
  let secretAction: number;
  let month: string;

  beforeAll(async () => {
    t = await startSignInApp();
    alice = (await signIn(t, '/', 'U0ALICE')).jar;
    bob = (await signIn(t, '/', 'U0BOB')).jar;
    const created = await t.api('POST', '/api/v1/incidents', { report: 'Customer export left in a public bucket', private: true, lead: 'U0BOB', reporter: 'U0DAVE' });
    expect(created.status).toBe(201);
    secret = created.body.id;
    open = (await t.api('POST', '/api/v1/incidents', { report: 'Search is slow' })).body.id;
    secretAction = (await t.api('POST', `/api/v1/incidents/${secret}/actions`, { details: 'Rotate the bucket keys' })).body.id;
    await t.api('POST', `/api/v1/incidents/${open}/actions`, { details: 'Add an index' });
    await t.settle();
    month = (await t.api('GET', `/core/incidents/${secret}/`)).body.report_time.slice(0, 7).replace('-', '/');
  });
  afterAll(() => t?.close());

  const as = async (jar: Jar, path: string) => {
    const res = await call(t, jar, 'GET', path);
    return { status: res.status, body: (await res.json()) as any };
  };
  const ids = (body: any) => body.results.map((r: any) => r.id);

  it('leaves it out of an outsider’s lists, counts, months and change log, and answers 404 on its paths', async () => {
    const incidents = await as(alice, '/core/incidents/');
    expect([incidents.status, incidents.body.count, ids(incidents.body)]).toEqual([200, 1, [open]]);
    const byMonth = await as(alice, `/core/incidents/bymonth/${month}/`);
    expect([byMonth.body.count, ids(byMonth.body)]).toEqual([1, [open]]);
    const actions = await as(alice, '/core/actions/');
    expect(actions.body.count).toBe(1);
    expect(ids(actions.body)).not.toContain(secretAction);
    const events = await as(alice, '/core/events/');
    expect(events.body.count).toBeGreaterThan(0);
    expect(JSON.stringify(events.body)).not.toContain('public bucket');
    expect(JSON.stringify(events.body)).not.toContain('Rotate the bucket keys');
    for (const path of [`/core/incidents/${secret}/`, `/core/incidents/${secret}/actions/`, `/core/incidents/${secret}/actions/${secretAction}/`, `/core/incidents/${secret}/timeline/events/`, `/core/incidents/${secret}/timeline/events/1/`, `/core/actions/${secretAction}/`]) {
      const { status, body } = await as(alice, path);
      expect([path, status]).toEqual([path, 404]);
      // The same answer as an incident that does not exist: ids don't tell what exists.
      expect(body.detail).not.toContain('private');
    }
  });

  it('shows it to its lead on every route, and to a token (an admin’s), whose change log leaves private incidents out as /api/v1/events does', async () => {
    const incidents = await as(bob, '/core/incidents/');
    expect([incidents.body.count, ids(incidents.body)]).toEqual([2, [open, secret]]);
    expect((await as(bob, `/core/incidents/bymonth/${month}/`)).body.count).toBe(2);
    expect((await as(bob, '/core/actions/')).body.count).toBe(2);
    for (const path of [`/core/incidents/${secret}/`, `/core/incidents/${secret}/actions/`, `/core/incidents/${secret}/actions/${secretAction}/`, `/core/incidents/${secret}/timeline/events/`, `/core/actions/${secretAction}/`]) {
      expect([path, (await as(bob, path)).status]).toEqual([path, 200]);
    }
    expect(JSON.stringify((await as(bob, '/core/events/')).body)).toContain('public bucket');
    const token = await t.api('GET', '/core/incidents/');
    expect(token.body.count).toBe(2);
    expect(JSON.stringify((await t.api('GET', '/core/events/')).body)).not.toContain('public bucket');
  });
});
