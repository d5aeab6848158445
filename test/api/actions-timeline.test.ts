import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let incidentId: number;
beforeAll(async () => {
  t = await startTestApp();
  incidentId = (await t.api('POST', '/api/v1/incidents', { report: 'Queue backlog' })).body.id;
});
afterAll(() => t?.close());

describe('actions', () => {
  it('adds, lists, edits, ticks and deletes actions', async () => {
    const created = await t.api('POST', `/api/v1/incidents/${incidentId}/actions`, { details: 'Add an alert on backlog', priority: 'high', type: 'detective', assignee: 'U0BOB', due_date: '2026-12-01' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ details: 'Add an alert on backlog', priority: 'high', type: 'detective', assignee: { slack_id: 'U0BOB' }, due_date: '2026-12-01', done: false, done_at: null, logged_by: null });
    const id = created.body.id;
    const done = await t.api('PATCH', `/api/v1/incidents/${incidentId}/actions/${id}`, { done: true, priority: 'low', assignee: null });
    expect(done.body).toMatchObject({ done: true, priority: 'low', assignee: null });
    expect(done.body.done_at).not.toBeNull();
    const undone = await t.api('PATCH', `/api/v1/incidents/${incidentId}/actions/${id}`, { done: false });
    expect(undone.body.done_at).toBeNull();
    const list = await t.api('GET', `/api/v1/incidents/${incidentId}/actions`);
    expect(list.body.results.map((a: any) => a.id)).toContain(id);
    expect((await t.api('DELETE', `/api/v1/incidents/${incidentId}/actions/${id}`)).status).toBe(204);
    expect((await t.api('PATCH', `/api/v1/incidents/${incidentId}/actions/${id}`, { done: true })).status).toBe(404);
  });

  it('pages actions', async () => {
    const inc = (await t.api('POST', '/api/v1/incidents', { report: 'Many actions' })).body.id;
    for (let i = 0; i < 5; i++) await t.api('POST', `/api/v1/incidents/${inc}/actions`, { details: `Action ${i}` });
    const first = await t.api('GET', `/api/v1/incidents/${inc}/actions?limit=3`);
    const second = await t.api('GET', `/api/v1/incidents/${inc}/actions?limit=3&cursor=${first.body.next}`);
    expect([...first.body.results, ...second.body.results].map((a: any) => a.details)).toEqual(['Action 0', 'Action 1', 'Action 2', 'Action 3', 'Action 4']);
    expect(second.body.next).toBeNull();
  });

  it.each([
    [{ details: 'x', priority: 'urgent' }, 'priority'],
    [{ details: 'x', type: 'magic' }, 'type'],
    [{ details: 'x', due_date: '31/12/2026' }, 'due_date'],
    [{ priority: 'high' }, 'details'],
  ])('rejects %j', async (body, field) => {
    const res = await t.api('POST', `/api/v1/incidents/${incidentId}/actions`, body);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(new RegExp(field.replace('_', '_?'), 'i'));
  });

  it('404s actions of a missing incident', async () => {
    expect((await t.api('GET', '/api/v1/incidents/424242/actions')).status).toBe(404);
    expect((await t.api('POST', '/api/v1/incidents/424242/actions', { details: 'x' })).status).toBe(404);
  });
});

describe('timeline', () => {
  it('keeps entries ordered by timestamp, not by insertion, and supports edit and delete', async () => {
    const inc = (await t.api('POST', '/api/v1/incidents', { report: 'Ordering' })).body.id;
    const late = await t.api('POST', `/api/v1/incidents/${inc}/timeline`, { text: 'Rolled back', timestamp: '2030-01-01T12:00:00Z' });
    const early = await t.api('POST', `/api/v1/incidents/${inc}/timeline`, { text: 'Deploy went out', timestamp: '2030-01-01T11:00:00Z', metadata: { deploy: 'v42' } });
    expect(early.status).toBe(201);
    expect(early.body).toMatchObject({ event_type: 'text', metadata: { deploy: 'v42' }, actor: { kind: 'api_token' } });
    const texts = async () => (await t.api('GET', `/api/v1/incidents/${inc}/timeline`)).body.results.map((e: any) => e.text);
    expect((await texts()).slice(-2)).toEqual(['Deploy went out', 'Rolled back']);
    const edited = await t.api('PATCH', `/api/v1/incidents/${inc}/timeline/${late.body.id}`, { text: 'Rolled back to v41', timestamp: '2030-01-01T10:00:00Z' });
    expect(edited.body.text).toBe('Rolled back to v41');
    expect((await texts()).slice(-2)).toEqual(['Rolled back to v41', 'Deploy went out']);
    expect((await t.api('DELETE', `/api/v1/incidents/${inc}/timeline/${late.body.id}`)).status).toBe(204);
    expect(await texts()).not.toContain('Rolled back to v41');
    expect((await t.api('DELETE', `/api/v1/incidents/${inc}/timeline/${late.body.id}`)).status).toBe(404);
  });

  it('pages a long timeline', async () => {
    const inc = (await t.api('POST', '/api/v1/incidents', { report: 'Long story' })).body.id;
    for (let i = 0; i < 6; i++) await t.api('POST', `/api/v1/incidents/${inc}/timeline`, { text: `Entry ${i}`, timestamp: `2031-01-01T00:0${i}:00Z` });
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await t.api('GET', `/api/v1/incidents/${inc}/timeline?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...res.body.results.map((e: any) => e.text));
      cursor = res.body.next;
    } while (cursor);
    expect(all).toEqual(['Incident declared by Response', 'Entry 0', 'Entry 1', 'Entry 2', 'Entry 3', 'Entry 4', 'Entry 5']);
  });

  it('rejects blank text and bad timestamps', async () => {
    expect((await t.api('POST', `/api/v1/incidents/${incidentId}/timeline`, { text: '  ' })).status).toBe(422);
    expect((await t.api('POST', `/api/v1/incidents/${incidentId}/timeline`, { text: 'x', timestamp: 'noon' })).status).toBe(422);
  });
});

describe('users, participants and the change log', () => {
  it('lists users, searchable and paged', async () => {
    await t.api('POST', '/api/v1/incidents', { report: 'People', lead: 'U0CAROL', reporter: 'U0DAVE' });
    const res = await t.api('GET', '/api/v1/users?q=carol');
    expect(res.body.results).toEqual([{ slack_id: 'U0CAROL', display_name: 'U0CAROL', full_name: null, email: null, deleted: false }]);
    expect((await t.api('GET', '/api/v1/users/U0DAVE')).body.slack_id).toBe('U0DAVE');
    expect((await t.api('GET', '/api/v1/users/U0NOBODY')).status).toBe(404);
    const page = await t.api('GET', '/api/v1/users?limit=1');
    expect(page.body.results).toHaveLength(1);
    expect(page.body.next).not.toBeNull();
  });

  it('records every incident and action change in the change log with its actor', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    const inc = (await t.api('POST', '/api/v1/incidents', { report: 'Logged' })).body.id;
    await t.api('PATCH', `/api/v1/incidents/${inc}`, { severity: 'minor' });
    await t.api('POST', `/api/v1/incidents/${inc}/actions`, { details: 'Follow up' });
    const events = (await t.api('GET', `/api/v1/events?limit=200&from=${encodeURIComponent(from)}`)).body.results.filter((e: any) => e.incident_id === inc);
    expect(events.map((e: any) => [e.event_type, e.payload.change])).toEqual([
      ['incident_event', 'created'],
      ['incident_event', 'updated'],
      ['action_event', 'created'],
    ]);
    expect(events[1].actor).toMatchObject({ kind: 'api_token', tokenName: 'test' });
    expect(events[1].payload.incident.severity).toBe('minor');
    const future = await t.api('GET', `/api/v1/events?from=2100-01-01T00:00:00Z`);
    expect(future.body.results).toEqual([]);
    expect((await t.api('GET', `/api/v1/events?from=2100-01-01T00:00:00Z&to=2000-01-01T00:00:00Z`)).status).toBe(422);
  });

  it('keeps private incidents out of the change log', async () => {
    const inc = (await t.api('POST', '/api/v1/incidents', { report: 'Secret', private: true })).body.id;
    const events = (await t.api('GET', '/api/v1/events?limit=200')).body.results;
    expect(events.some((e: any) => e.incident_id === inc)).toBe(false);
  });

  it('serves participants (none until Slack messages arrive)', async () => {
    const res = await t.api('GET', `/api/v1/incidents/${incidentId}/participants`);
    expect(res.body).toEqual({ results: [] });
  });
});

describe('key events', () => {
  it('marks edits of the title, summary, impact and times as bookkeeping, and the story as key events', async () => {
    const inc = (await t.api('POST', '/api/v1/incidents', { report: 'Search slow' })).body.id;
    await t.api('PATCH', `/api/v1/incidents/${inc}`, { report: 'Search slow in EU', summary: 'p99 at 4 s', impact: 'EU searches', severity: 'major', lead: 'U0ALICE', start_time: '2020-01-01T09:00:00Z' });
    await t.api('POST', `/api/v1/incidents/${inc}/timeline`, { text: 'Scaled the search cluster' });
    await t.api('POST', `/api/v1/incidents/${inc}/timeline`, { text: 'Deploy 123 went out', event_type: 'deploy' });
    await t.api('POST', `/api/v1/incidents/${inc}/actions`, { details: 'Capacity review' });
    await t.api('PATCH', `/api/v1/incidents/${inc}`, { status: 'resolved' });
    await t.api('PATCH', `/api/v1/incidents/${inc}`, { status: 'monitoring' });
    const entries = (await t.api('GET', `/api/v1/incidents/${inc}/timeline?limit=100`)).body.results as { event_type: string; key_event: boolean; metadata: { update_type?: string } | null }[];
    const kind = (e: (typeof entries)[number]) => e.metadata?.update_type ?? e.event_type;
    expect(entries.filter((e) => !e.key_event).map(kind).sort()).toEqual(['incident_impact', 'incident_report', 'incident_start_time', 'incident_summary']);
    expect(entries.filter((e) => e.key_event).map(kind).sort()).toEqual(['action', 'deploy', 'incident_declared', 'incident_lead', 'incident_severity', 'incident_status', 'incident_status', 'text']);
  });
});

describe('postmortem export', () => {
  it('serves a Markdown document with summary, impact, people, times, timeline and actions', async () => {
    const inc = (await t.api('POST', '/api/v1/incidents', { report: 'Payments down', summary: 'Card auths failed, see <https://status.example|status>', impact: 'EU customers', severity: 'critical', lead: 'U0ALICE', reporter: 'U0BOB' })).body;
    await t.api('POST', `/api/v1/incidents/${inc.id}/timeline`, { text: '<@U0ALICE> rolled back in <#C0INC42|inc-42>', timestamp: '2030-02-01T10:00:00Z' });
    await t.api('POST', `/api/v1/incidents/${inc.id}/actions`, { details: 'Alert on auth failures', priority: 'high', assignee: 'U0BOB' });
    const done = (await t.api('POST', `/api/v1/incidents/${inc.id}/actions`, { details: 'Write runbook' })).body;
    await t.api('PATCH', `/api/v1/incidents/${inc.id}/actions/${done.id}`, { done: true });
    await t.api('PUT', `/api/v1/incidents/${inc.id}/roles/comms`, { user: 'U0BOB' });
    await t.api('POST', `/api/v1/incidents/${inc.id}/updates`, { status: 'identified', message: 'A bad card gateway deploy', next_steps: 'Roll back' });
    // An edit of the summary is bookkeeping: the postmortem shows the summary itself and says the edit was left out.
    await t.api('PATCH', `/api/v1/incidents/${inc.id}`, { summary: 'Card auths failed for EU cards, see <https://status.example|status>' });
    await t.api('PATCH', `/api/v1/incidents/${inc.id}`, { status: 'resolved' });
    const res = await t.api('GET', `/api/v1/incidents/${inc.id}/postmortem.md`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/markdown');
    const md: string = res.body;
    expect(md).toContain(`# Incident ${inc.id}: Payments down`);
    expect(md).toContain('- **Severity:** ⛈️ Critical');
    // Every role, held or not.
    expect(md).toContain('- **Incident lead:** @U0ALICE\n- **Communications lead:** @U0BOB\n- **Scribe:** —');
    // Status updates are key events: in the timeline, in order.
    expect(md).toMatch(/- \*\*[\d-]+ [\d:]+ UTC\*\* Status update by API token "test" \(identified\): A bad card gateway deploy\n/);
    expect(md).toContain('Card auths failed for EU cards, see [status](https://status.example)');
    expect(md).toContain('## Impact\n\nEU customers');
    expect(md).toContain('- **2030-02-01 10:00:00 UTC** @U0ALICE rolled back in #inc-42');
    expect(md).toContain('- [ ] Alert on auth failures (owner @U0BOB, no due date, high priority)');
    expect(md).toContain('- [x] Write runbook (no owner, no due date)');
    expect(md).toMatch(/Incident resolved \(by API token "test"\)/);
    expect(md).not.toContain('summary updated');
    expect(md).toContain('_1 edit of the title, summary, impact or times left out; the incident doc\'s "Everything" view lists it._');
    expect((await t.api('GET', '/api/v1/incidents/987654/postmortem.md')).status).toBe(404);
  });
});
