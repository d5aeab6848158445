import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackTestApp } from '../support/slack-test-app.js';
import { call, signIn, startSignInApp, type Jar } from '../support/web-session.js';

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

/** The roles REST API, with a token and with web sessions (the web doc's own calls). */
describe('roles over the REST API', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  let outsider: Jar;
  let lead: Jar;
  let publicId: number;
  let privateId: number;
  beforeAll(async () => {
    t = await startSignInApp();
    outsider = (await signIn(t, '/', 'U0ALICE')).jar;
    lead = (await signIn(t, '/', 'U0BOB')).jar;
    publicId = (await t.api('POST', '/api/v1/incidents', { report: 'Search is slow' })).body.id;
    privateId = (await t.api('POST', '/api/v1/incidents', { report: 'Customer export leaked', private: true, lead: 'U0BOB', reporter: 'U0DAVE' })).body.id;
    await t.settle();
  });
  afterAll(() => t?.close());

  it('GET /roles lists the configured roles, the lead first', async () => {
    const { status, body } = await t.api('GET', '/api/v1/roles');
    expect(status).toBe(200);
    expect(body.results.map((r: { key: string }) => r.key)).toEqual(['lead', 'comms', 'scribe']);
    expect(body.results[1]).toEqual({
      key: 'comms',
      name: 'Communications lead',
      description: expect.stringContaining('status updates'),
      checklist: expect.arrayContaining(['Post a status update with `@incident update`']),
      required: false,
    });
    expect(body.results[0].required).toBe(true);
  });

  it('PUT gives a role and answers the incident with its roles; PUT again is a no-op; DELETE clears it', async () => {
    const put = await t.api('PUT', `/api/v1/incidents/${publicId}/roles/comms`, { user: 'U0ERIN' });
    expect(put.status).toBe(200);
    expect(put.body.roles).toEqual([{ role: 'comms', name: 'Communications lead', user: expect.objectContaining({ slack_id: 'U0ERIN' }) }]);
    // Someone Response knew only by id is looked up in Slack once given a role, so the doc shows their name.
    await t.settle();
    expect((await t.api('GET', `/api/v1/incidents/${publicId}`)).body.roles[0].user.display_name).toBe('erin');
    const lead = await t.api('PUT', `/api/v1/incidents/${publicId}/roles/lead`, { user: 'U0CAROL' });
    expect(lead.body.lead.slack_id).toBe('U0CAROL');
    expect(lead.body.roles.map((r: { role: string }) => r.role)).toEqual(['lead', 'comms']);
    expect((await t.api('PUT', `/api/v1/incidents/${publicId}/roles/comms`, { user: 'U0ERIN' })).status).toBe(200);
    const list = await t.api('GET', '/api/v1/incidents?limit=10');
    expect(list.body.results.find((i: { id: number }) => i.id === publicId).roles).toHaveLength(2);
    const del = await t.api('DELETE', `/api/v1/incidents/${publicId}/roles/comms`);
    expect(del.status).toBe(200);
    expect(del.body.roles.map((r: { role: string }) => r.role)).toEqual(['lead']);
    expect((await t.api('DELETE', `/api/v1/incidents/${publicId}/roles/lead`)).body.lead).toBeNull();
    await t.settle();
    // One DM each to the people given a role (the repeated PUT changed nothing).
    expect(t.emulator.dms('U0ERIN').filter((m) => m.text?.startsWith('You are now Communications lead'))).toHaveLength(1);
    expect(t.emulator.dms('U0CAROL').filter((m) => m.text?.startsWith('You are now Incident lead'))).toHaveLength(1);
    const events = (await t.api('GET', '/api/v1/events?limit=200')).body.results
      .filter((e: any) => e.incident_id === publicId)
      .map((e: any) => e.payload.change);
    expect(events.filter((c: string) => c.startsWith('role_'))).toEqual(['role_assigned', 'role_assigned', 'role_unassigned', 'role_unassigned']);
  });

  it('bad input is a 4xx naming the field', async () => {
    const unknown = await t.api('PUT', `/api/v1/incidents/${publicId}/roles/chef`, { user: 'U0ERIN' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ field: 'role' });
    expect(unknown.body.error.message).toContain('lead (Incident lead), comms (Communications lead), scribe');
    const badUser = await t.api('PUT', `/api/v1/incidents/${publicId}/roles/comms`, { user: 'erin' });
    expect(badUser.status).toBe(422);
    expect(badUser.body.error).toMatchObject({ field: 'user' });
    const missing = await t.api('PUT', `/api/v1/incidents/${publicId}/roles/comms`, {});
    expect(missing.status).toBe(422);
    expect(missing.body.error).toMatchObject({ field: 'user' });
    const extra = await t.api('PUT', `/api/v1/incidents/${publicId}/roles/comms`, { user: 'U0ERIN', role: 'x' });
    expect(extra.status).toBe(422);
    expect((await t.api('DELETE', `/api/v1/incidents/${publicId}/roles/chef`)).status).toBe(422);
    const longRole = await t.api('PUT', `/api/v1/incidents/${publicId}/roles/${'r'.repeat(41)}`, { user: 'U0ERIN' });
    expect(longRole.status).toBe(422);
    expect(longRole.body.error).toMatchObject({ field: 'role' });
    expect((await t.api('PUT', `/api/v1/incidents/999999/roles/comms`, { user: 'U0ERIN' })).status).toBe(404);
  });

  it('a private incident answers 404 to an outsider (as if missing) and works for its people', async () => {
    const hidden = await json(await call(t, outsider, 'PUT', `/api/v1/incidents/${privateId}/roles/comms`, { user: 'U0ALICE' }));
    expect(hidden.status).toBe(404);
    expect((await json(await call(t, outsider, 'DELETE', `/api/v1/incidents/${privateId}/roles/lead`))).status).toBe(404);
    const given = await json(await call(t, lead, 'PUT', `/api/v1/incidents/${privateId}/roles/scribe`, { user: 'U0DAVE' }));
    expect(given.status).toBe(200);
    expect(given.body.roles.map((r: { role: string }) => r.role)).toEqual(['lead', 'scribe']);
    // Without the CSRF header a session may not change anything.
    expect((await call(t, lead, 'DELETE', `/api/v1/incidents/${privateId}/roles/scribe`, undefined, null)).status).toBe(403);
  });

  it('the OpenAPI document describes the role routes', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/roles', '/api/v1/incidents/{id}/roles/{role}']));
    expect(doc.paths['/api/v1/incidents/{id}/roles/{role}'].put.requestBody.content['application/json'].schema.properties.user).toBeDefined();
  });
});
