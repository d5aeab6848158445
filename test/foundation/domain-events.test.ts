/**
 * The domain event stream over the real outbox and database (PostgreSQL with DATABASE_URL, else the
 * embedded one): a subscriber's effect happens once across a dispatcher that died mid-delivery, and
 * one incident's events reach a subscriber in commit order under concurrent changes and retries.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { addAction } from '../../src/core/action/add-action.js';
import type { DomainEvent } from '../../src/core/events/domain-events.js';
import { eventSubscriber } from '../../src/core/events/subscriber.js';
import { declareIncident } from '../../src/core/incident/declare.js';
import type { Severity } from '../../src/core/incident/model.js';
import { updateIncident } from '../../src/core/incident/update.js';
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
});
