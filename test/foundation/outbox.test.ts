import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/core/incident/declare.js';
import { updateIncident } from '../../src/core/incident/update.js';
import type { OutboxDelivery } from '../../src/core/outbox/ports.js';
import { OutboxDispatcher } from '../../src/jobs/outbox-dispatcher.js';
import { createStore } from '../../src/store/create-store.js';
import { outboxQueue } from '../../src/store/repositories/outbox-queue-repo.js';
import { useFreshDatabase } from '../support/test-database.js';
import { TestClock } from '../support/test-clock.js';

const logger = pino({ level: 'silent' });
const db = useFreshDatabase();

describe('the outbox', () => {
  it('delivers each change to every subscriber after commit; a failing subscriber retries alone, with backoff', async () => {
    const clock = new TestClock();
    const dispatcher = new OutboxDispatcher({ queue: outboxQueue(db()), clock, logger, pollMs: 60_000 });
    const store = createStore(db().db, { afterOutboxCommit: () => dispatcher.kick() });
    const seen: Record<string, OutboxDelivery[]> = { headline: [], flaky: [] };
    let flakyFailures = 2;
    dispatcher.subscribe({ name: 'headline', topics: ['incident.declared', 'incident.updated'], handle: async (d) => void seen.headline!.push(d) });
    dispatcher.subscribe({
      name: 'flaky',
      topics: '*',
      handle: async (d) => {
        if (flakyFailures-- > 0) throw new Error('Slack is down');
        seen.flaky!.push(d);
      },
    });
    const ctx = { actor: { kind: 'slack_user' as const, slackId: 'U0ALICE' }, clock };
    const incident = await declareIncident({ store }, ctx, { report: 'Outbox' });
    await updateIncident({ store }, ctx, incident.id, { severity: 'major' });
    await dispatcher.idle();
    expect(seen.headline!.map((d) => d.topic)).toEqual(['incident.declared', 'incident.updated']);
    expect(seen.headline![0]!.payload).toMatchObject({ incident_id: incident.id, actor: { kind: 'slack_user', slackId: 'U0ALICE' } });
    expect(seen.flaky).toEqual([]);

    // Not yet due: backoff keeps it waiting until the clock moves on.
    dispatcher.kick();
    await dispatcher.idle();
    expect(seen.flaky).toEqual([]);
    // An incident's events reach a subscriber in order: its second failure is the first event's
    // retry (the second event waits behind it), so two rounds of backoff pass before both are through.
    for (let round = 0; round < 2; round++) {
      clock.advance(5 * 60_000);
      dispatcher.kick();
      await dispatcher.idle();
    }
    expect(seen.flaky!.map((d) => d.topic)).toEqual(['incident.declared', 'incident.updated']);
    // The healthy subscriber was not repeated by the other's retries.
    expect(seen.headline).toHaveLength(2);
    const [pending] = await db().query<{ n: string }>('select count(*)::text as n from outbox where done_at is null');
    expect(pending?.n).toBe('0');
  });

  it('gives up on permanent failures and records why', async () => {
    const clock = new TestClock();
    const dispatcher = new OutboxDispatcher({ queue: outboxQueue(db()), clock, logger, pollMs: 60_000 });
    const store = createStore(db().db, { afterOutboxCommit: () => dispatcher.kick() });
    dispatcher.subscribe({
      name: 'doomed',
      topics: ['incident.declared'],
      handle: async () => {
        throw Object.assign(new Error('channel_not_found'), { permanent: true });
      },
    });
    await declareIncident({ store }, { actor: { kind: 'system', job: 'test' }, clock }, { report: 'Doomed' });
    await dispatcher.idle();
    const rows = await db().query<{ last_error: string; attempts: number }>("select last_error, attempts from outbox where subscriber = 'doomed' and failed_at is not null");
    expect(rows).toEqual([{ last_error: 'channel_not_found', attempts: 1 }]);
  });

  it('several dispatchers on one database deliver each message once', async () => {
    const clock = new TestClock();
    const delivered: number[] = [];
    const dispatchers = [0, 1, 2].map(() => {
      const d = new OutboxDispatcher({ queue: outboxQueue(db()), clock, logger, pollMs: 60_000, batchSize: 3 });
      d.subscribe({
        name: 'counter',
        topics: ['incident.declared'],
        handle: async (delivery) => {
          delivered.push(Number(delivery.payload.incident_id));
          await new Promise((r) => setTimeout(r, 5));
        },
      });
      return d;
    });
    const store = createStore(db().db);
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push((await declareIncident({ store }, { actor: { kind: 'system', job: 'test' }, clock }, { report: `Race ${i}` })).id);
    for (let round = 0; round < 4; round++) {
      for (const d of dispatchers) d.kick();
      await Promise.all(dispatchers.map((d) => d.idle()));
    }
    expect([...delivered].sort((a, b) => a - b)).toEqual(ids);
  });
});
