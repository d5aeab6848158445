/**
 * The status update verbs against a real database (PostgreSQL with DATABASE_URL, else the embedded
 * one): validation naming the field, private incidents, idempotent submissions, the incident's
 * status following the update (with the close permission) and the events written with it.
 */
import { describe, expect, it } from 'vitest';
import { attachCommsChannel } from '../../src/core/channel/attach-comms-channel.js';
import { declareIncident } from '../../src/core/incident/declare.js';
import { getIncident } from '../../src/core/incident/get.js';
import type { Ctx } from '../../src/core/shared/context.js';
import { DomainError } from '../../src/core/shared/errors.js';
import { DEFAULT_INCIDENT_PROCESS } from '../../src/core/shared/incident-process.js';
import { DEFAULT_PERMISSIONS } from '../../src/core/shared/permissions.js';
import { listStatusUpdates } from '../../src/core/status-update/list-status-updates.js';
import { postStatusUpdate } from '../../src/core/status-update/post-status-update.js';
import type { CoreDeps } from '../../src/core/store-ports.js';
import { createStore } from '../../src/store/create-store.js';
import { TestClock } from '../support/test-clock.js';
import { useFreshDatabase } from '../support/test-database.js';

const db = useFreshDatabase();
const clock = new TestClock('2026-11-23T10:00:00Z');
const alice: Ctx = { actor: { kind: 'slack_user', slackId: 'U0ALICE' }, clock };
const outsider: Ctx = { actor: { kind: 'slack_user', slackId: 'U0MALLORY' }, clock };

const deps = (over: Partial<CoreDeps> = {}): CoreDeps => ({ store: createStore(db().db), ...over });
const rejection = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
};
const events = async (incidentId: number) =>
  (await db().query<{ topic: string; payload: { data: Record<string, unknown> } }>('select topic, payload from outbox where incident_id = $1 and subscriber is null order by id', [incidentId])).map((r) => r);

describe('posting a status update', () => {
  it('stores it, moves the incident to its status, writes the timeline and one event per change, due after the severity cadence', async () => {
    const d = deps();
    const incident = await declareIncident(d, alice, { report: 'Payments failing', severity: 'major' });
    const { update, incident: after } = await postStatusUpdate(d, alice, incident.id, { status: 'identified', message: '  A bad deploy of the ledger  ', nextSteps: 'Roll back' });
    expect(update).toMatchObject({ status: 'identified', message: 'A bad deploy of the ledger', nextSteps: 'Roll back', postedBy: { slackId: 'U0ALICE' } });
    // major: every 30 minutes by default
    expect(update.nextUpdateAt?.toISOString()).toBe('2026-11-23T10:30:00.000Z');
    expect(after.status).toBe('identified');
    expect((await getIncident(d, alice, incident.id)).status).toBe('identified');
    const topics = (await events(incident.id)).map((e) => e.topic);
    expect(topics).toEqual(['incident.declared', 'incident.updated', 'status_update.posted']);
    const posted = (await events(incident.id)).at(-1)!.payload.data as { incident: { status: string }; update: Record<string, unknown> };
    expect(posted.incident.status).toBe('identified');
    expect(posted.update).toEqual({
      id: update.id,
      status: 'identified',
      message: 'A bad deploy of the ledger',
      next_steps: 'Roll back',
      next_update_at: '2026-11-23T10:30:00.000Z',
      posted_by: { slack_id: 'U0ALICE', display_name: expect.any(String), full_name: null },
      posted_at: '2026-11-23T10:00:00.000Z',
      published: false,
      public: null,
    });
    const timeline = await d.store.timeline.list(incident.id, 50, null);
    expect(timeline.results.map((e) => e.eventType)).toContain('status_update');
  });

  it('keeps the status when it is unchanged (no incident.updated), takes an explicit next update or none, and lists newest first', async () => {
    const d = deps();
    const incident = await declareIncident(d, alice, { report: 'Slow search', severity: 'minor' });
    const first = await postStatusUpdate(d, alice, incident.id, { status: 'investigating', message: 'Looking', nextUpdateInMinutes: 5 });
    expect(first.update.nextUpdateAt?.toISOString()).toBe('2026-11-23T10:05:00.000Z');
    clock.advanceMinutes(1);
    const second = await postStatusUpdate(d, alice, incident.id, { status: 'investigating', message: 'Still looking', nextUpdateInMinutes: null });
    expect(second.update.nextUpdateAt).toBeNull();
    expect((await events(incident.id)).map((e) => e.topic)).toEqual(['incident.declared', 'status_update.posted', 'status_update.posted']);
    const page1 = await listStatusUpdates(d, alice, incident.id, 1, null);
    expect(page1.results.map((u) => u.message)).toEqual(['Still looking']);
    const page2 = await listStatusUpdates(d, alice, incident.id, 1, page1.next);
    expect(page2.results.map((u) => u.message)).toEqual(['Looking']);
    expect(page2.next).toBeNull();
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const d = deps();
    const incident = await declareIncident(d, alice, { report: 'Bad input' });
    expect((await rejection(postStatusUpdate(d, alice, incident.id, { status: 'reported' as never, message: 'x' }))).field).toBe('status');
    expect((await rejection(postStatusUpdate(d, alice, incident.id, { status: 'monitoring', message: '   ' }))).field).toBe('message');
    expect((await rejection(postStatusUpdate(d, alice, incident.id, { status: 'monitoring', message: 'x'.repeat(2801) }))).field).toBe('message');
    expect((await rejection(postStatusUpdate(d, alice, incident.id, { status: 'monitoring', message: 'ok', nextUpdateInMinutes: 0 }))).field).toBe('nextUpdateInMinutes');
    expect((await rejection(postStatusUpdate(d, alice, incident.id, { status: 'monitoring', message: 'ok', nextUpdateInMinutes: 1441 }))).field).toBe('nextUpdateInMinutes');
    expect((await rejection(postStatusUpdate(d, alice, incident.id, { status: 'monitoring', message: 'ok', nextUpdateInMinutes: 2.5 }))).field).toBe('nextUpdateInMinutes');
    expect((await listStatusUpdates(d, alice, incident.id, 10, null)).results).toEqual([]);
  });

  it('hides a private incident from outsiders (NOT_FOUND) and lets its people post', async () => {
    const d = deps();
    const incident = await declareIncident(d, alice, { report: 'Secret', private: true, severity: 'critical' });
    expect((await rejection(postStatusUpdate(d, outsider, incident.id, { status: 'monitoring', message: 'hi' }))).code).toBe('NOT_FOUND');
    expect((await rejection(listStatusUpdates(d, outsider, incident.id, 10, null))).code).toBe('NOT_FOUND');
    await attachCommsChannel(d, { actor: { kind: 'system', job: 'test' }, clock }, incident.id, { channelId: 'C0SECRET', channelName: 'inc-secret' });
    const { update } = await postStatusUpdate(d, alice, incident.id, { status: 'monitoring', message: 'Fix is out' });
    expect(update.nextUpdateAt?.toISOString()).toBe(new Date(clock.now().getTime() + 15 * 60_000).toISOString());
  });

  it('resolving through an update needs the close permission; a resolved update promises no next one', async () => {
    const restricted = deps({ permissions: { ...DEFAULT_PERMISSIONS, close: { kind: 'admins' } }, process: DEFAULT_INCIDENT_PROCESS });
    const incident = await declareIncident(restricted, alice, { report: 'Only admins close', severity: 'critical' });
    const refused = await rejection(postStatusUpdate(restricted, alice, incident.id, { status: 'resolved', message: 'All good' }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.field).toBe('status');
    expect((await listStatusUpdates(restricted, alice, incident.id, 10, null)).results).toEqual([]);
    const admin: Ctx = { actor: { kind: 'api_token', tokenName: 'ops' }, clock };
    const { update, incident: after } = await postStatusUpdate(restricted, admin, incident.id, { status: 'resolved', message: 'All good', nextUpdateInMinutes: 30 });
    expect(update.nextUpdateAt).toBeNull();
    expect(update.postedBy).toBeNull();
    expect(after.status).toBe('resolved');
    expect(after.endTime).not.toBeNull();
    expect((await events(incident.id)).map((e) => e.topic)).toEqual(['incident.declared', 'incident.resolved', 'status_update.posted']);
  });

  it('posts once per idempotency key (a retried modal submission or API call)', async () => {
    const d = deps();
    const incident = await declareIncident(d, alice, { report: 'Retried', severity: 'minor' });
    const once: Ctx = { ...alice, idempotencyKey: 'test:update:1' };
    const a = await postStatusUpdate(d, once, incident.id, { status: 'monitoring', message: 'Watching' });
    const b = await postStatusUpdate(d, once, incident.id, { status: 'monitoring', message: 'Watching' });
    expect(b.update.id).toBe(a.update.id);
    expect((await listStatusUpdates(d, alice, incident.id, 10, null)).results).toHaveLength(1);
    expect((await events(incident.id)).filter((e) => e.topic === 'status_update.posted')).toHaveLength(1);
  });

  it('refuses updates on a report-only incident', async () => {
    const d = deps();
    const incident = await declareIncident(d, alice, { report: 'Happened yesterday', reportOnly: true });
    expect((await rejection(postStatusUpdate(d, alice, incident.id, { status: 'monitoring', message: 'x' }))).code).toBe('PRECONDITION_FAILED');
  });
});
