/**
 * The role verbs over the real database (PostgreSQL with DATABASE_URL, else the embedded one):
 * who may assign, what is a role, what a change leaves behind (timeline, events) and what doesn't
 * change anything.
 */
import { describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/core/incident/declare.js';
import { updateIncident } from '../../src/core/incident/update.js';
import { assignRole } from '../../src/core/role/assign-role.js';
import { unassignRole } from '../../src/core/role/unassign-role.js';
import { listRoles } from '../../src/core/role/list-roles.js';
import type { DomainEvent } from '../../src/core/events/domain-events.js';
import { DEFAULT_INCIDENT_PROCESS, type IncidentProcess } from '../../src/core/shared/incident-process.js';
import type { Ctx } from '../../src/core/shared/context.js';
import { DEFAULT_PERMISSIONS } from '../../src/core/shared/permissions.js';
import type { CoreDeps } from '../../src/core/store-ports.js';
import { createStore } from '../../src/store/create-store.js';
import { TestClock } from '../support/test-clock.js';
import { useFreshDatabase } from '../support/test-database.js';

const db = useFreshDatabase();
const clock = new TestClock();
const as = (slackId: string): Ctx => ({ actor: { kind: 'slack_user', slackId }, clock });
const system: Ctx = { actor: { kind: 'system', job: 'test' }, clock };

// A process with a fourth, required role, to show order and names come from configuration.
const process: IncidentProcess = {
  ...DEFAULT_INCIDENT_PROCESS,
  roles: [...DEFAULT_INCIDENT_PROCESS.roles, { key: 'ops', name: 'Ops liaison', description: 'Talks to ops', checklist: [], required: true }],
};

function deps(overrides: Partial<CoreDeps> = {}): CoreDeps {
  return {
    store: createStore(db().db, { roles: process.roles }),
    process,
    permissions: { ...DEFAULT_PERMISSIONS, changeLead: { kind: 'lead' } },
    ...overrides,
  };
}

async function eventsOf(incidentId: number, types = ['role.assigned', 'role.unassigned']): Promise<DomainEvent[]> {
  const rows = await db().query<{ payload: DomainEvent }>('select payload from outbox where subscriber is null and incident_id = $1 order by id', [incidentId]);
  return rows.map((r) => r.payload).filter((e) => types.includes(e.type));
}

describe('role verbs', () => {
  it('assigns and clears a role: the incident lists it by name in config order, with a timeline entry and one event each', async () => {
    const d = deps();
    const incident = await declareIncident(d, as('U0ALICE'), { report: 'Roles', lead: 'U0ALICE' });
    const scribe = await assignRole(d, as('U0ALICE'), { incidentId: incident.id, role: 'scribe', user: 'U0CAROL' });
    expect(scribe.changed).toBe(true);
    const comms = await assignRole(d, as('U0BOB'), { incidentId: incident.id, role: 'comms', user: 'U0BOB' });
    // One person may hold several roles.
    await assignRole(d, as('U0BOB'), { incidentId: incident.id, role: 'ops', user: 'U0BOB' });
    expect(comms.incident.roles.map((r) => [r.role, r.name, r.user.slackId])).toEqual([
      ['lead', 'Incident lead', 'U0ALICE'],
      ['comms', 'Communications lead', 'U0BOB'],
      ['scribe', 'Scribe', 'U0CAROL'],
    ]);
    const read = await d.store.incidents.get(incident.id);
    expect(read?.roles.map((r) => r.role)).toEqual(['lead', 'comms', 'scribe', 'ops']);
    // The list reads the same roles.
    const listed = await d.store.incidents.list({}, 10, null);
    expect(listed.results.find((i) => i.id === incident.id)?.roles.map((r) => r.role)).toEqual(['lead', 'comms', 'scribe', 'ops']);

    // A role has one holder: assigning it again replaces them (one event, naming whom they replaced).
    await assignRole(d, as('U0ALICE'), { incidentId: incident.id, role: 'scribe', user: 'U0DAVE' });
    const cleared = await unassignRole(d, as('U0ALICE'), { incidentId: incident.id, role: 'scribe' });
    expect(cleared.incident.roles.map((r) => r.role)).toEqual(['lead', 'comms', 'ops']);

    const timeline = await d.store.timeline.list(incident.id, 100, null);
    const texts = timeline.results.filter((e) => e.eventType === 'role_change').map((e) => e.text);
    expect(texts).toEqual([
      '<@U0CAROL> is now Scribe (by <@U0ALICE>)',
      '<@U0BOB> is now Communications lead (by <@U0BOB>)',
      '<@U0BOB> is now Ops liaison (by <@U0BOB>)',
      '<@U0DAVE> is now Scribe (by <@U0ALICE>)',
      '<@U0DAVE> is no longer Scribe (by <@U0ALICE>)',
    ]);
    const events = await eventsOf(incident.id);
    // The lead named at declaration first: given the role like any later holder.
    expect(events.map((e) => e.type)).toEqual(['role.assigned', 'role.assigned', 'role.assigned', 'role.assigned', 'role.assigned', 'role.unassigned']);
    expect((events[0] as DomainEvent<'role.assigned'>).data).toMatchObject({
      role: { key: 'lead', name: 'Incident lead' },
      user: { slack_id: 'U0ALICE' },
      previous: null,
    });
    const replaced = events[4] as DomainEvent<'role.assigned'>;
    expect(replaced.data.role).toEqual({ key: 'scribe', name: 'Scribe' });
    expect(replaced.data.user.slack_id).toBe('U0DAVE');
    expect(replaced.data.previous?.slack_id).toBe('U0CAROL');
    expect(replaced.data.incident.roles.map((r) => [r.role, r.user.slack_id])).toEqual([
      ['lead', 'U0ALICE'],
      ['comms', 'U0BOB'],
      ['scribe', 'U0DAVE'],
      ['ops', 'U0BOB'],
    ]);
    expect((events[5] as DomainEvent<'role.unassigned'>).data).toMatchObject({ role: { key: 'scribe', name: 'Scribe' }, previous: { slack_id: 'U0DAVE' } });
  });

  it('the same holder again, or clearing an empty role, changes nothing and records nothing', async () => {
    const d = deps();
    const incident = await declareIncident(d, as('U0ALICE'), { report: 'Idempotent' });
    await assignRole(d, as('U0ALICE'), { incidentId: incident.id, role: 'comms', user: 'U0BOB' });
    const again = await assignRole(d, as('U0ALICE'), { incidentId: incident.id, role: 'comms', user: 'U0BOB' });
    expect(again.changed).toBe(false);
    expect((await unassignRole(d, as('U0ALICE'), { incidentId: incident.id, role: 'scribe' })).changed).toBe(false);
    expect(await eventsOf(incident.id)).toHaveLength(1);
    const timeline = await d.store.timeline.list(incident.id, 100, null);
    expect(timeline.results.filter((e) => e.eventType === 'role_change')).toHaveLength(1);
  });

  it('the lead role goes through the lead: its permission, incident.updated, and role events (from every edge that sets the lead)', async () => {
    const d = deps();
    const incident = await declareIncident(d, as('U0ALICE'), { report: 'Lead', lead: 'U0ALICE' });
    // PERMISSION_CHANGE_LEAD=lead: Bob is not the lead, so he may not hand the lead on, nor clear it…
    await expect(assignRole(d, as('U0BOB'), { incidentId: incident.id, role: 'lead', user: 'U0BOB' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      field: 'lead',
    });
    await expect(unassignRole(d, as('U0BOB'), { incidentId: incident.id, role: 'lead' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // …but other roles are edits anyone who sees the incident may make.
    expect((await assignRole(d, as('U0BOB'), { incidentId: incident.id, role: 'comms', user: 'U0BOB' })).changed).toBe(true);
    const handed = await assignRole(d, as('U0ALICE'), { incidentId: incident.id, role: 'lead', user: 'U0CAROL' });
    expect(handed.incident.lead?.slackId).toBe('U0CAROL');
    // `@incident lead`, the edit modal and PATCH set the lead through updateIncident: role events too.
    await updateIncident(d, as('U0CAROL'), incident.id, { lead: null });
    const all = await eventsOf(incident.id, ['incident.updated', 'role.assigned', 'role.unassigned']);
    expect(all.map((e) => e.type)).toEqual(['role.assigned', 'role.assigned', 'incident.updated', 'role.assigned', 'incident.updated', 'role.unassigned']);
    expect((all[3] as DomainEvent<'role.assigned'>).data).toMatchObject({
      role: { key: 'lead', name: 'Incident lead' },
      user: { slack_id: 'U0CAROL' },
      previous: { slack_id: 'U0ALICE' },
    });
    expect((all[5] as DomainEvent<'role.unassigned'>).data.previous.slack_id).toBe('U0CAROL');
  });

  it('an unknown role is a VALIDATION error on `role` listing the known ones; a bad user id names `user`', async () => {
    const d = deps();
    const incident = await declareIncident(d, as('U0ALICE'), { report: 'Validation' });
    const err = await assignRole(d, as('U0ALICE'), { incidentId: incident.id, role: 'chef', user: 'U0BOB' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'role' });
    expect((err as Error).message).toContain('lead (Incident lead), comms (Communications lead), scribe, ops (Ops liaison)');
    await expect(unassignRole(d, as('U0ALICE'), { incidentId: incident.id, role: 'chef' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'role' });
    await expect(assignRole(d, as('U0ALICE'), { incidentId: incident.id, role: 'comms', user: 'bob' })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'user',
    });
    expect(await eventsOf(incident.id)).toHaveLength(0);
  });

  it('a private incident is invisible to outsiders (NOT_FOUND, as if missing); its people may assign', async () => {
    const d = deps();
    const incident = await declareIncident(d, as('U0ALICE'), { report: 'Private', private: true });
    await expect(assignRole(d, as('U0EVE'), { incidentId: incident.id, role: 'comms', user: 'U0EVE' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(unassignRole(d, as('U0EVE'), { incidentId: incident.id, role: 'comms' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(assignRole(d, as('U0EVE'), { incidentId: 999_999, role: 'comms', user: 'U0EVE' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await assignRole(d, as('U0ALICE'), { incidentId: incident.id, role: 'comms', user: 'U0BOB' })).changed).toBe(true);
    expect((await eventsOf(incident.id))[0]).toMatchObject({ private: true });
    // Whoever is given a role is one of the incident's people: they see it (lists and the change log too).
    expect((await assignRole(d, as('U0BOB'), { incidentId: incident.id, role: 'scribe', user: 'U0BOB' })).changed).toBe(true);
    expect((await d.store.incidents.list({ viewerSlackId: 'U0BOB', viewerIsAdmin: false }, 50, null)).results.map((i) => i.id)).toContain(incident.id);
    expect((await d.store.incidents.list({ viewerSlackId: 'U0EVE', viewerIsAdmin: false }, 50, null)).results.map((i) => i.id)).not.toContain(incident.id);
    const logged = await d.store.changeLog.list(undefined, undefined, 200, null, { private: 'person', slackId: 'U0BOB' });
    expect(logged.results.some((e) => e.incidentId === incident.id)).toBe(true);
  });

  it('an assignment whose role left the configuration still shows (named by its key) and may be cleared', async () => {
    const d = deps();
    const incident = await declareIncident(d, system, { report: 'Config changed' });
    await assignRole(d, system, { incidentId: incident.id, role: 'ops', user: 'U0BOB' });
    const narrower = deps({ store: createStore(db().db), process: DEFAULT_INCIDENT_PROCESS });
    const read = await narrower.store.incidents.get(incident.id);
    expect(read?.roles.map((r) => [r.role, r.name])).toEqual([['ops', 'ops']]);
    expect((await unassignRole(narrower, system, { incidentId: incident.id, role: 'ops' })).changed).toBe(true);
    expect((await listRoles(narrower, as('U0EVE'))).map((r) => r.key)).toEqual(['lead', 'comms', 'scribe']);
  });
});
