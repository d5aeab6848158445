import { describe, expect, it } from 'vitest';
import { addAction } from '../../src/core/action/add-action.js';
import { declareIncident } from '../../src/core/incident/declare.js';
import { addTimelineEntry } from '../../src/core/timeline/add-entry.js';
import { systemClock, type Ctx } from '../../src/core/shared/context.js';
import { createStore } from '../../src/store/create-store.js';
import { inboxStore } from '../../src/store/repositories/inbox-repo.js';
import { useFreshDatabase } from '../support/test-database.js';

const db = useFreshDatabase();
const at = (s: number) => new Date(Date.UTC(2026, 11, 3, 8, 0, s));
const delivery = (id: string) => ({ key: `event:${id}`, kind: 'event app_mention', payload: { type: 'event_callback', event_id: id } });

describe('the inbox store', () => {
  it('records each key once, however many deliveries of it arrive together', async () => {
    const inbox = inboxStore(db().db);
    const ids = ['A', 'B', 'A', 'C', 'B', 'A', ...Array.from({ length: 40 }, (_, i) => `N${i}`)];
    const outcomes = await Promise.all(ids.map((id) => inbox.record(delivery(id), at(0), at(15))));
    const recorded = outcomes.filter((o) => o.recorded);
    expect(recorded).toHaveLength(43);
    // Exactly one delivery of each repeated key is recorded. Which one is not fixed: two batches in
    // flight at once (on separate connections) may reach PostgreSQL in either order.
    const recordedOf = (id: string) => outcomes.filter((o, i) => ids[i] === id && o.recorded).length;
    expect(['A', 'B', 'C'].map(recordedOf)).toEqual([1, 1, 1]);
    // A later redelivery of a recorded key is not recorded again.
    expect(await inbox.record(delivery('A'), at(5), at(20))).toEqual({ recorded: false });
    expect(await inbox.counts()).toEqual({ pending: 43, failed: 0 });
  });

  it('hands out only what is due, leases it, and settles it', async () => {
    const inbox = inboxStore(db().db);
    await db().query('delete from inbox');
    const rec = async (id: string) => {
      const o = await inbox.record(delivery(id), at(0), at(15));
      return o.recorded ? o.id : 0;
    };
    const [live, crashed, failing, rejected] = [await rec('live'), await rec('crashed'), await rec('failing'), await rec('rejected')];
    // Still leased to the process that recorded them.
    expect(await inbox.claimDue(at(10), at(25), 10)).toEqual([]);
    await inbox.extendLease([live!], at(40));
    await inbox.markFailed(failing!, 'boom', at(12), at(100));
    await inbox.forget(rejected!);
    // The crashed one's lease ran out: taken again (second attempt); the renewed and the backing-off ones are not due.
    const due = await inbox.claimDue(at(20), at(35), 10);
    expect(due).toEqual([{ id: crashed, key: 'event:crashed', kind: 'event app_mention', payload: { type: 'event_callback', event_id: 'crashed' }, attempts: 2 }]);
    expect(await inbox.claimDue(at(21), at(36), 10)).toEqual([]);
    await Promise.all([inbox.markDone(live!, at(22)), inbox.markDone(crashed!, at(22))]);
    expect((await inbox.claimDue(at(101), at(116), 10)).map((d) => [d.id, d.attempts])).toEqual([[failing, 2]]);
    await inbox.markFailed(failing!, 'boom again', at(102), null);
    expect(await inbox.counts()).toEqual({ pending: 0, failed: 1 });
    expect(await inbox.listFailed(10)).toMatchObject([{ id: failing, attempts: 2, lastError: 'boom again', failedAt: at(102) }]);
    // Done rows go after the retention; failed ones stay until retried.
    expect(await inbox.purgeDone(at(22), 100)).toBe(0);
    expect(await inbox.purgeDone(at(23), 100)).toBe(2);
    expect((await db().query<{ key: string }>('select key from inbox')).map((r) => r.key)).toEqual(['event:failing']);
  });
});

describe('creations made for a replayable delivery', () => {
  it('happen once per idempotency key, even when replays run at once', async () => {
    const store = createStore(db().db);
    const system: Ctx = { actor: { kind: 'system', job: 'test' }, clock: systemClock };
    const replay = (key: string): Ctx => ({ actor: { kind: 'slack_user', slackId: 'U0ALICE' }, clock: systemClock, idempotencyKey: key });
    const incident = await declareIncident({ store }, system, { report: 'Replays' });
    const actions = await Promise.all(Array.from({ length: 5 }, () => addAction({ store }, replay('event:E1|p:addAction#1'), incident.id, { details: 'Once' })));
    expect(new Set(actions.map((a) => a.id)).size).toBe(1);
    // Another key is another creation; no key at all is the API's plain create.
    await addAction({ store }, replay('event:E1|p:addAction#2'), incident.id, { details: 'Once' });
    await addAction({ store }, system, incident.id, { details: 'Once' });
    expect((await store.actions.list(incident.id, 50, null)).results).toHaveLength(3);
    const entries = await Promise.all([1, 2, 3].map(() => addTimelineEntry({ store }, replay('event:E2|p:addTimelineEntry#1'), incident.id, { text: 'Noted once' })));
    expect(new Set(entries.map((e) => e.id)).size).toBe(1);
    const declared = await Promise.all([1, 2].map(() => declareIncident({ store }, replay('view:V1|response:declareIncident#1'), { report: 'Declared once' })));
    expect(declared[0]!.id).toBe(declared[1]!.id);
    const timeline = (await store.timeline.list(incident.id, 200, null)).results;
    expect(timeline.filter((e) => e.text === 'Noted once')).toHaveLength(1);
    expect(timeline.filter((e) => e.eventType === 'action')).toHaveLength(3);
  });
});
