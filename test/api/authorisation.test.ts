import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import type { SlackTestApp } from '../support/slack-test-app.js';
import { call, signIn, startSignInApp, type Jar } from '../support/web-session.js';

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

/** Who sees a private incident, through the REST API and the web UI's session (core decides, not the route). */
describe('private incidents, seen from the REST API and the web UI', () => {
  let t: SlackTestApp;
  let alice: Jar; // in the workspace, not in the incident
  let bob: Jar; // the incident's lead
  let id: number;
  let channel: string;
  beforeAll(async () => {
    t = await startSignInApp();
    alice = (await signIn(t, '/', 'U0ALICE')).jar;
    bob = (await signIn(t, '/', 'U0BOB')).jar;
    const created = await t.api('POST', '/api/v1/incidents', {
      report: 'Customer export left in a public bucket',
      private: true,
      lead: 'U0BOB',
      reporter: 'U0DAVE',
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    await t.settle();
    channel = (await t.api('GET', `/api/v1/incidents/${id}`)).body.comms_channel.channel_id;
  });
  afterAll(() => t?.close());

  it('keeps pins, unpins and edits of pinned messages in its channel out of an outsider’s change log, and shows them to its people', async () => {
    const kept = await t.emulator.as('U0BOB').postMessage(channel, 'Bucket policy changed to private at 10:02');
    const dropped = await t.emulator.as('U0BOB').postMessage(channel, 'Wrong bucket, ignore');
    await t.settle();
    await t.emulator.as('U0BOB').pin(channel, kept);
    await t.emulator.as('U0BOB').pin(channel, dropped);
    await t.settle();
    await t.emulator.as('U0BOB').editMessage(channel, kept, 'Bucket policy changed to private at 10:03');
    await t.emulator.as('U0BOB').unpin(channel, dropped);
    await t.settle();

    const changesOf = async (jar: Jar) => {
      const { status, body } = await json(await call(t, jar, 'GET', '/api/v1/events?limit=200'));
      expect(status).toBe(200);
      return (body.results as { incident_id: number | null; payload: { change?: string } }[]).filter((e) => e.incident_id === id).map((e) => e.payload.change);
    };
    // Bob is its lead and has posted there: he sees every change, pins included.
    expect(await changesOf(bob)).toEqual(expect.arrayContaining(['created', 'comms_channel', 'pinned', 'pin_edited', 'unpinned']));
    // Alice is in the workspace but not in the incident: none of it.
    expect(await changesOf(alice)).toEqual([]);
    // API tokens feed external consumers: private incidents stay out of their log, as before.
    expect((await t.api('GET', '/api/v1/events?limit=200')).body.results.filter((e: any) => e.incident_id === id)).toEqual([]);
    // The pins did make the timeline (for those who may read it).
    const timeline = (await t.api('GET', `/api/v1/incidents/${id}/timeline`)).body.results.filter((e: any) => e.event_type === 'slack_pin');
    expect(timeline.map((e: any) => e.text)).toEqual(['Bucket policy changed to private at 10:03']);
  });

  it('answers 404 to an outsider on every path of the incident (list, search, timeline, actions, participants, postmortem, changes) and 200 to its people', async () => {
    const paths = ['', '/timeline', '/actions', '/participants', '/postmortem.md'].map((p) => `/api/v1/incidents/${id}${p}`);
    for (const path of paths) {
      expect((await call(t, alice, 'GET', path)).status, path).toBe(404);
      expect((await call(t, bob, 'GET', path)).status, path).toBe(200);
    }
    const body = await (await call(t, alice, 'GET', `/api/v1/incidents/${id}`)).json();
    // Exactly what a missing incident says, so ids don't tell what exists.
    const missing = (await (await call(t, alice, 'GET', '/api/v1/incidents/999999')).json()) as any;
    expect(body).toEqual({ error: { ...missing.error, message: missing.error.message.replace('999999', String(id)) } });
    for (const [method, path, payload] of [
      ['PATCH', `/api/v1/incidents/${id}`, { summary: 'seen' }],
      ['POST', `/api/v1/incidents/${id}/timeline`, { text: 'was here' }],
      ['POST', `/api/v1/incidents/${id}/actions`, { details: 'was here' }],
    ] as const) {
      expect((await call(t, alice, method, path, payload)).status, `${method} ${path}`).toBe(404);
    }
    expect((await t.api('GET', `/api/v1/incidents/${id}`)).body.summary).toBeNull();
    const listed = async (jar: Jar, query: string) =>
      ((await (await call(t, jar, 'GET', `/api/v1/incidents?limit=200${query}`)).json()) as any).results.map((i: any) => i.id);
    expect(await listed(alice, '')).not.toContain(id);
    expect(await listed(alice, '&q=bucket')).not.toContain(id);
    expect(await listed(bob, '&q=bucket')).toContain(id);
  });
});

describe('configured permissions refuse with a 403 naming what is not allowed, and change nothing', () => {
  let t: SlackTestApp;
  let alice: Jar; // in the workspace
  let bob: Jar; // the lead of the incident below
  let id: number;
  beforeAll(async () => {
    t = await startSignInApp({
      env: {
        PERMISSION_CLOSE: 'lead',
        PERMISSION_REOPEN: 'lead',
        PERMISSION_CHANGE_SEVERITY: 'admins',
        PERMISSION_CHANGE_LEAD: 'incident',
        PERMISSION_DELETE_TIMELINE_ENTRIES: 'admins',
        PERMISSION_DECLARE_PRIVATE: 'admins',
        PERMISSION_MANAGE_API_TOKENS: 'U0BOB',
      },
    });
    alice = (await signIn(t, '/', 'U0ALICE')).jar;
    bob = (await signIn(t, '/', 'U0BOB')).jar;
    id = (await t.api('POST', '/api/v1/incidents', { report: 'Search results stale', lead: 'U0BOB', reporter: 'U0DAVE' })).body.id;
    // The people named are looked up in Slack after the declaration commits: let that finish first.
    await t.settle();
  });
  afterAll(() => t?.close());

  /** The incident, its timeline and the change log as they stand, to prove a refusal wrote nothing. */
  const snapshot = async () => ({
    // duration_seconds of an open incident grows by itself; everything else must stand still.
    incident: { ...(await t.api('GET', `/api/v1/incidents/${id}`)).body, duration_seconds: undefined },
    timeline: (await t.api('GET', `/api/v1/incidents/${id}/timeline?limit=1000`)).body.results.length,
    events: (await t.api('GET', '/api/v1/events?limit=200')).body.results.length,
  });

  async function expectRefused(jar: Jar, method: string, path: string, payload: unknown, words: string, env: string, field?: string) {
    const before = await snapshot();
    const res = await json(await call(t, jar, method, path, payload));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(res.body.error.message).toContain(`You may not ${words}`);
    expect(res.body.error.message).toContain(env);
    if (field) expect(res.body.error.field).toBe(field);
    expect(await snapshot()).toEqual(before);
  }

  it('close and reopen: only the lead (PERMISSION_CLOSE=lead, PERMISSION_REOPEN=lead)', async () => {
    const path = `/api/v1/incidents/${id}`;
    await expectRefused(alice, 'PATCH', path, { status: 'resolved' }, 'close incidents', 'PERMISSION_CLOSE', 'status');
    // Setting an end time closes too: same rule.
    await expectRefused(alice, 'PATCH', path, { end_time: new Date().toISOString() }, 'close incidents', 'PERMISSION_CLOSE', 'status');
    expect((await json(await call(t, bob, 'PATCH', path, { status: 'resolved' }))).body.status).toBe('resolved');
    await expectRefused(alice, 'PATCH', path, { status: 'investigating' }, 'reopen incidents', 'PERMISSION_REOPEN', 'status');
    expect((await json(await call(t, bob, 'PATCH', path, { status: 'investigating' }))).body.status).toBe('investigating');
    // Other fields stay open to everyone.
    expect((await call(t, alice, 'PATCH', path, { summary: 'Index lagging by 2h' })).status).toBe(200);
  });

  it('severity: only admins (PERMISSION_CHANGE_SEVERITY=admins); API tokens are admin-made', async () => {
    await expectRefused(
      bob,
      'PATCH',
      `/api/v1/incidents/${id}`,
      { severity: 'major' },
      "change an incident's severity",
      'PERMISSION_CHANGE_SEVERITY',
      'severity',
    );
    expect((await t.api('PATCH', `/api/v1/incidents/${id}`, { severity: 'major' })).body.severity).toBe('major');
    // A Slack workspace admin signed in to the web UI may.
    await t.app.core.store.users.upsert({ slackId: 'U0CAROL', displayName: 'Carol Diaz', isAdmin: true }, new Date());
    const carol = (await signIn(t, '/', 'U0CAROL')).jar;
    expect((await json(await call(t, carol, 'PATCH', `/api/v1/incidents/${id}`, { severity: 'minor' }))).body.severity).toBe('minor');
  });

  it('lead: only the incident’s people (PERMISSION_CHANGE_LEAD=incident)', async () => {
    await expectRefused(alice, 'PATCH', `/api/v1/incidents/${id}`, { lead: 'U0ALICE' }, "change an incident's lead", 'PERMISSION_CHANGE_LEAD', 'lead');
    expect((await json(await call(t, bob, 'PATCH', `/api/v1/incidents/${id}`, { lead: 'U0ERIN' }))).body.lead.slack_id).toBe('U0ERIN');
  });

  it('deleting timeline entries: only admins (PERMISSION_DELETE_TIMELINE_ENTRIES=admins)', async () => {
    const entry = (await json(await call(t, alice, 'POST', `/api/v1/incidents/${id}/timeline`, { text: 'Reindex started' }))).body;
    await expectRefused(
      alice,
      'DELETE',
      `/api/v1/incidents/${id}/timeline/${entry.id}`,
      undefined,
      'delete timeline entries',
      'PERMISSION_DELETE_TIMELINE_ENTRIES',
    );
    // Editing is not deleting.
    expect((await call(t, alice, 'PATCH', `/api/v1/incidents/${id}/timeline/${entry.id}`, { text: 'Reindex started (shard 3)' })).status).toBe(200);
    expect((await t.api('DELETE', `/api/v1/incidents/${id}/timeline/${entry.id}`)).status).toBe(204);
  });

  it('private incidents: only admins declare them (PERMISSION_DECLARE_PRIVATE=admins); /api/v1/me says so', async () => {
    const count = async () => (await t.api('GET', '/api/v1/incidents?limit=200')).body.results.length;
    const before = await count();
    const refused = await json(await call(t, alice, 'POST', '/api/v1/incidents', { report: 'Leaked key', private: true }));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', field: 'private' });
    expect(refused.body.error.message).toContain('You may not declare private incidents: only workspace admins may (PERMISSION_DECLARE_PRIVATE)');
    expect(await count()).toBe(before);
    expect((await call(t, alice, 'POST', '/api/v1/incidents', { report: 'Public one' })).status).toBe(201);
    expect((await json(await call(t, alice, 'GET', '/api/v1/me'))).body.can).toEqual({ declare_private: false, manage_api_tokens: false, manage_webhooks: false });
  });

  it('API tokens: only the named people (PERMISSION_MANAGE_API_TOKENS=U0BOB)', async () => {
    const refused = await json(await call(t, alice, 'POST', '/api/v1/tokens', { name: 'alices' }));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      'You may not create or revoke API tokens: only <@U0BOB> and workspace admins may (PERMISSION_MANAGE_API_TOKENS)',
    );
    expect((await t.api('GET', '/api/v1/tokens')).body.results.map((r: any) => r.name)).not.toContain('alices');
    expect((await json(await call(t, bob, 'GET', '/api/v1/me'))).body.can).toEqual({ declare_private: false, manage_api_tokens: true, manage_webhooks: false });
    expect((await call(t, bob, 'POST', '/api/v1/tokens', { name: 'bobs' })).status).toBe(201);
    expect((await call(t, alice, 'DELETE', '/api/v1/tokens/bobs')).status).toBe(403);
    expect((await call(t, bob, 'DELETE', '/api/v1/tokens/bobs')).status).toBe(204);
  });
});

describe('permission settings', () => {
  it('default to today’s behaviour: anyone acts and may declare private incidents, admins manage tokens', () => {
    expect(loadConfig({}).permissions).toMatchObject({
      close: { kind: 'everyone' },
      reopen: { kind: 'everyone' },
      changeSeverity: { kind: 'everyone' },
      changeLead: { kind: 'everyone' },
      deleteTimelineEntries: { kind: 'everyone' },
      declarePrivate: { kind: 'everyone' },
      manageApiTokens: { kind: 'admins' },
    });
    expect(loadConfig({ PERMISSION_CLOSE: ' U0ALICE, U0BOB ' }).permissions.close).toEqual({ kind: 'users', slackIds: ['U0ALICE', 'U0BOB'] });
  });

  it('stop the start with one line per bad value', () => {
    let error: unknown;
    try {
      loadConfig({ PERMISSION_CLOSE: 'sometimes', PERMISSION_DECLARE_PRIVATE: 'lead' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.find((p) => p.startsWith('PERMISSION_CLOSE'))).toContain(
      'must be everyone, incident, lead, admins or a comma-separated list of Slack user ids',
    );
    expect(problems.find((p) => p.startsWith('PERMISSION_DECLARE_PRIVATE'))).toContain('only applies to one incident');
  });
});
