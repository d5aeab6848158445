/**
 * The domain event stream over the real outbox and database (PostgreSQL with DATABASE_URL, else the
 * embedded one): a subscriber's effect happens once across a dispatcher that died mid-delivery, and
 * one incident's events reach a subscriber in commit order under concurrent changes and retries.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { addAction } from '../../src/core/action/add-action.js';
import { remindPastDueFollowUp } from '../../src/core/action/remind-past-due.js';
import { removeAction } from '../../src/core/action/remove-action.js';
import { failActionIssue } from '../../src/core/action/fail-action-issue.js';
import { linkActionIssue } from '../../src/core/action/link-action-issue.js';
import { requestActionIssue } from '../../src/core/action/request-action-issue.js';
import { postStatusUpdate } from '../../src/core/status-update/post-status-update.js';
import { updateAction } from '../../src/core/action/update-action.js';
import { attachCommsChannel } from '../../src/core/channel/attach-comms-channel.js';
import { recordChannelRename } from '../../src/core/channel/record-channel-rename.js';
import { closeIncident, reopenIncident } from '../../src/core/incident/close.js';
import { recordSlackPin, removeSlackPin } from '../../src/core/timeline/slack-pins.js';
import { removeTimelineEntry } from '../../src/core/timeline/remove-entry.js';
import { updateTimelineEntry } from '../../src/core/timeline/update-entry.js';
import { DOMAIN_EVENT_TYPES, type DomainEvent } from '../../src/core/events/domain-events.js';
import { eventSubscriber } from '../../src/core/events/subscriber.js';
import { declareIncident } from '../../src/core/incident/declare.js';
import type { Severity } from '../../src/core/incident/model.js';
import { updateIncident } from '../../src/core/incident/update.js';
import { assignRole } from '../../src/core/role/assign-role.js';
import { unassignRole } from '../../src/core/role/unassign-role.js';
import { reviewPostmortem } from '../../src/core/postmortem/review-postmortem.js';
import { savePostmortem } from '../../src/core/postmortem/save-postmortem.js';
import { startPostmortem } from '../../src/core/postmortem/start-postmortem.js';
import type { Ctx } from '../../src/core/shared/context.js';
import { addTimelineEntry } from '../../src/core/timeline/add-entry.js';
import { OutboxDispatcher } from '../../src/jobs/outbox-dispatcher.js';
import { createStore } from '../../src/store/create-store.js';
import { outboxQueue } from '../../src/store/repositories/outbox-queue-repo.js';
import { TestClock } from '../support/test-clock.js';
import { useFreshDatabase } from '../support/test-database.js';

const logger = pino({ level: 'silent' });
const db = useFreshDatabase();

describe('domain events', () => {
  it('a subscriber whose dispatcher died mid-delivery gets the event again, and its effect is made once', async () => {
    const clock = new TestClock();
    const store = createStore(db().db);
    const ctx: Ctx = { actor: { kind: 'slack_user', slackId: 'U0ALICE' }, clock };
    const incident = await declareIncident({ store }, ctx, { report: 'Crash mid-delivery' });

    // The effect: a timeline entry made with the delivery's idempotency key (what plugins' ctx does).
    const noteFor = (event: DomainEvent<'incident.updated'>, key: string) =>
      addTimelineEntry({ store }, { actor: { kind: 'plugin', plugin: 'noter' }, clock, idempotencyKey: key }, event.incident_id, { text: `Noted ${event.data.changes.map((c) => c.field).join(',')}` });

    // The first process makes the effect and dies before recording the delivery (its promise never settles).
    let acted!: () => void;
    const actedOnce = new Promise<void>((resolve) => (acted = resolve));
    const first = new OutboxDispatcher({ queue: outboxQueue(db()), clock, logger, pollMs: 60_000 });
    first.subscribe(
      eventSubscriber({
        name: 'noter',
        types: ['incident.updated'],
        async handle(event, delivery) {
          await noteFor(event, delivery.idempotencyKey);
          acted();
          await new Promise(() => undefined);
        },
      }),
    );
    await updateIncident({ store }, ctx, incident.id, { severity: 'major' });
    first.kick();
    await actedOnce;

    const attempts: number[] = [];
    const keys: string[] = [];
    const restarted = new OutboxDispatcher({ queue: outboxQueue(db()), clock, logger, pollMs: 60_000 });
    restarted.subscribe(
      eventSubscriber({
        name: 'noter',
        types: ['incident.updated'],
        async handle(event, delivery) {
          attempts.push(delivery.attempts);
          keys.push(delivery.idempotencyKey);
          await noteFor(event, delivery.idempotencyKey);
        },
      }),
    );
    // The dead process's lease still holds the row…
    restarted.kick();
    await restarted.idle();
    expect(attempts).toEqual([]);
    // …until it runs out: the restarted process delivers the same event (same key) and the effect is not repeated.
    clock.advance(61_000);
    restarted.kick();
    await restarted.idle();
    expect(attempts).toEqual([2]);
    const [event] = await db().query<{ id: string }>("select payload->>'id' as id from outbox where subscriber is null and topic = 'incident.updated'");
    expect(keys).toEqual([`noter:${event!.id}`]);
    const notes = await db().query<{ n: string }>("select count(*)::text as n from timeline_events where incident_id = $1 and text = 'Noted severity'", [incident.id]);
    expect(notes[0]!.n).toBe('1');
    const [pending] = await db().query<{ n: string }>("select count(*)::text as n from outbox where subscriber = 'noter' and done_at is null");
    expect(pending!.n).toBe('0');
  });

  it("delivers one incident's events in commit order under concurrent changes, two dispatchers and a retry", async () => {
    const clock = new TestClock();
    const dispatchers = [0, 1].map(() => new OutboxDispatcher({ queue: outboxQueue(db()), clock, logger, pollMs: 60_000, batchSize: 3 }));
    const store = createStore(db().db);
    const ctx: Ctx = { actor: { kind: 'api_token', tokenName: 'ci' }, clock };
    const [a, b] = [await declareIncident({ store }, ctx, { report: 'Ordered A' }), await declareIncident({ store }, ctx, { report: 'Ordered B' })];

    const delivered: DomainEvent[] = [];
    let failed = false;
    for (const d of dispatchers) {
      d.subscribe(
        eventSubscriber({
          name: 'ordered',
          types: ['incident.updated', 'timeline.entry_added', 'action.created'],
          async handle(event) {
            // The third event fails once: nothing after it (for its incident) may overtake it.
            if (!failed && delivered.filter((e) => e.incident_id === event.incident_id).length === 2 && event.incident_id === a.id) {
              failed = true;
              throw new Error('Slack is down');
            }
            await new Promise((r) => setTimeout(r, Math.random() * 5));
            delivered.push(event);
          },
        }),
      );
    }

    const severities: Severity[] = ['critical', 'major', 'minor', 'trivial'];
    await Promise.all(
      [a.id, b.id].flatMap((id) => [
        ...Array.from({ length: 8 }, (_, i) => updateIncident({ store }, ctx, id, { severity: severities[i % 4]!, summary: `summary ${i}` })),
        ...Array.from({ length: 4 }, (_, i) => addTimelineEntry({ store }, ctx, id, { text: `entry ${i}` })),
        ...Array.from({ length: 3 }, (_, i) => addAction({ store }, ctx, id, { details: `action ${i}` })),
      ]),
    );
    for (let round = 0; round < 8; round++) {
      for (const d of dispatchers) d.kick();
      await Promise.all(dispatchers.map((d) => d.idle()));
      clock.advance(5 * 60_000);
    }
    expect(failed).toBe(true);

    for (const incident of [a, b]) {
      // The order the events were written in (ids are taken in commit order per incident).
      const written = await db().query<{ id: string }>("select payload->>'id' as id from outbox where subscriber is null and incident_id = $1 and topic <> 'incident.declared' order by outbox.id", [incident.id]);
      const got = delivered.filter((e) => e.incident_id === incident.id);
      expect(got.map((e) => e.id)).toEqual(written.map((r) => r.id));
      expect(got).toHaveLength(15);
      // Each update's "old" is the previous update's "new": the updates arrive as they were committed.
      const summaries = got.flatMap((e) => (e.type === 'incident.updated' ? e.data.changes.filter((c) => c.field === 'summary') : []));
      expect(summaries).toHaveLength(8);
      summaries.slice(1).forEach((c, i) => expect(c.old).toBe(summaries[i]!.new));
    }
  });

  it('every change core makes publishes its typed event, with the actor and the private flag; the change log keeps its shape', async () => {
    const clock = new TestClock();
    const store = createStore(db().db);
    const deps = { store };
    const ctx: Ctx = { actor: { kind: 'system', job: 'test' }, clock };
    const incident = await declareIncident(deps, ctx, { report: 'Every event', private: true });
    await updateIncident(deps, ctx, incident.id, { severity: 'major' });
    await closeIncident(deps, ctx, incident.id);
    await reopenIncident(deps, ctx, incident.id);
    await attachCommsChannel(deps, ctx, incident.id, { channelId: 'C0EVERY', channelName: 'inc-every' });
    await recordChannelRename(deps, ctx, 'C0EVERY', 'inc-every-renamed');
    const entry = await addTimelineEntry(deps, ctx, incident.id, { text: 'written' });
    await updateTimelineEntry(deps, ctx, incident.id, entry.id, { text: 'rewritten' });
    await removeTimelineEntry(deps, ctx, incident.id, entry.id);
    await recordSlackPin(deps, ctx, incident.id, { channelId: 'C0EVERY', messageTs: '1732350000.000100', authorSlackId: 'U0ALICE', text: 'pinned', permalink: null });
    await removeSlackPin(deps, ctx, incident.id, 'C0EVERY', '1732350000.000100');
    const action = await addAction(deps, ctx, incident.id, { details: 'Add an alert' });
    await updateAction(deps, ctx, incident.id, action.id, { priority: 'high' });
    await updateAction(deps, ctx, incident.id, action.id, { done: true });
    await removeAction(deps, ctx, incident.id, action.id);
    const followUp = await addAction(deps, ctx, incident.id, { details: 'Write the runbook', assignee: 'U0BOB', dueDate: '2026-11-01' });
    expect(await remindPastDueFollowUp(deps, ctx, '2026-11-23')).toMatchObject({ id: followUp.id });
    const tracked = { ...deps, issueTrackers: ['jira'] as const };
    await requestActionIssue(tracked, ctx, incident.id, followUp.id, 'jira');
    await failActionIssue(tracked, ctx, incident.id, followUp.id, 'jira', 'project OPS does not exist');
    await requestActionIssue(tracked, ctx, incident.id, followUp.id, 'jira');
    await linkActionIssue(tracked, ctx, incident.id, followUp.id, { provider: 'jira', key: 'OPS-1', url: 'https://acme.atlassian.net/browse/OPS-1' });
    await postStatusUpdate(deps, ctx, incident.id, { status: 'investigating', message: 'Looking into it' });
    await assignRole(deps, ctx, { incidentId: incident.id, role: 'comms', user: 'U0BOB' });
    await unassignRole(deps, ctx, { incidentId: incident.id, role: 'comms' });
    await startPostmortem(deps, ctx, incident.id, { docUrl: 'http://response.test/incidents/1' });
    await savePostmortem(deps, ctx, incident.id, { markdown: '# Written', version: 1 });
    await reviewPostmortem(deps, ctx, incident.id, { version: 2 });

    const rows = await db().query<{ topic: string; payload: DomainEvent }>('select topic, payload from outbox where subscriber is null and incident_id = $1 order by id', [incident.id]);
    const events = rows.map((r) => r.payload);
    expect(rows.every((r) => r.topic === r.payload.type)).toBe(true);
    expect(events.map((e) => e.type)).toEqual([
      'incident.declared', 'incident.updated', 'incident.resolved', 'incident.reopened', 'incident.comms_channel_attached', 'incident.comms_channel_renamed',
      'timeline.entry_added', 'timeline.entry_updated', 'timeline.entry_removed', 'timeline.entry_added', 'timeline.entry_removed',
      'action.created', 'action.updated', 'action.completed', 'action.removed', 'action.created', 'action.past_due',
      'action.issue_requested', 'action.issue_failed', 'action.issue_requested', 'action.issue_linked',
      'status_update.posted',
      'role.assigned', 'role.unassigned',
      'postmortem.started', 'postmortem.saved', 'postmortem.reviewed',
    ]);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(DOMAIN_EVENT_TYPES));
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (const e of events) expect(e).toMatchObject({ version: 1, incident_id: incident.id, private: true, actor: { kind: 'system', job: 'test', label: 'Response (test)' } });
    const byType = <T extends DomainEvent['type']>(type: T, n = 0) => events.filter((e) => e.type === type)[n] as DomainEvent<T>;
    expect(byType('incident.updated').data.changes).toEqual([{ field: 'severity', old: null, new: 'major' }]);
    expect(byType('incident.resolved').data.changes).toEqual([
      { field: 'status', old: 'investigating', new: 'resolved' },
      { field: 'end_time', old: null, new: expect.any(String) },
    ]);
    expect(byType('incident.comms_channel_renamed').data.channel).toEqual({ id: 'C0EVERY', name: 'inc-every-renamed', previous_name: 'inc-every' });
    expect(byType('timeline.entry_updated').data.changes).toEqual([{ field: 'text', old: 'written', new: 'rewritten' }]);
    expect(byType('timeline.entry_added', 1).data.entry).toMatchObject({ text: 'pinned', event_type: 'slack_pin', origin: 'slack_pin' });
    expect(byType('action.completed').data.changes.map((c) => c.field)).toEqual(['done', 'done_at']);
    expect(byType('action.issue_failed').data).toMatchObject({ provider: 'jira', reason: 'project OPS does not exist', action: { issue: { provider: 'jira', key: null, state: 'failed' } } });
    expect(byType('action.issue_linked').data).toMatchObject({ issue: { provider: 'jira', key: 'OPS-1' }, action: { id: followUp.id, issue: { key: 'OPS-1', url: 'https://acme.atlassian.net/browse/OPS-1', state: 'linked' } } });

    const log = await db().query<{ event_type: string; payload: { change: string; fields?: string[] } }>('select event_type, payload from events where incident_id = $1 order by id', [incident.id]);
    expect(log.map((r) => [r.event_type, r.payload.change])).toEqual([
      ['incident_event', 'created'], ['incident_event', 'updated'], ['incident_event', 'updated'], ['incident_event', 'updated'], ['incident_event', 'comms_channel'], ['incident_event', 'comms_channel_renamed'],
      ['timeline_event', 'created'], ['timeline_event', 'updated'], ['timeline_event', 'deleted'], ['timeline_event', 'pinned'], ['timeline_event', 'unpinned'],
      ['action_event', 'created'], ['action_event', 'updated'], ['action_event', 'updated'], ['action_event', 'deleted'], ['action_event', 'created'], ['action_event', 'past_due'],
      ['action_event', 'issue_requested'], ['action_event', 'issue_failed'], ['action_event', 'issue_requested'], ['action_event', 'issue_linked'],
      ['status_update_event', 'posted'],
      ['incident_event', 'role_assigned'], ['incident_event', 'role_unassigned'],
      ['postmortem_event', 'started'], ['postmortem_event', 'saved'], ['postmortem_event', 'reviewed'],
    ]);
    expect(byType('status_update.posted').data.update).toMatchObject({ status: 'investigating', message: 'Looking into it', posted_by: null });
    expect(log[2]!.payload.fields).toEqual(['incident_status']);
  });

  it('a change the previous release left pending in the outbox is still delivered, as the event it now is', async () => {
    const clock = new TestClock();
    const store = createStore(db().db);
    const incident = await declareIncident({ store }, { actor: { kind: 'system', job: 'test' }, clock }, { report: 'Closed before the upgrade' });
    const legacy = { change: 'updated', incident: { id: incident.id, report: incident.report, status: 'resolved' }, fields: ['incident_status'], incident_id: incident.id, actor: { kind: 'slack_user', slackId: 'U0ALICE', label: '<@U0ALICE>' } };
    await db().query("insert into outbox (topic, payload, incident_id, available_at) values ('incident.closed', $1::jsonb, $2, $3)", [JSON.stringify(legacy), incident.id, clock.now()]);
    await db().query("update outbox set done_at = $1 where topic = 'incident.declared'", [clock.now()]);
    const got: DomainEvent[] = [];
    const dispatcher = new OutboxDispatcher({ queue: outboxQueue(db()), clock, logger, pollMs: 60_000 });
    dispatcher.subscribe(eventSubscriber({ name: 'notices', types: ['incident.resolved'], handle: async (event) => void (event.incident_id === incident.id && got.push(event)) }));
    dispatcher.kick();
    await dispatcher.idle();
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ type: 'incident.resolved', incident_id: incident.id, private: true, actor: { label: '<@U0ALICE>' }, data: { incident: { id: incident.id, status: 'resolved' } } });
    expect(got[0]!.id).toMatch(/^outbox-\d+$/);
  });
});
