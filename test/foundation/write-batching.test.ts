import { describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/core/incident/declare.js';
import { recordParticipantMessage } from '../../src/core/participant/record-message.js';
import { createStore } from '../../src/store/create-store.js';
import { WriteBatcher } from '../../src/store/write-batcher.js';
import { useFreshDatabase } from '../support/test-database.js';
import { TestClock } from '../support/test-clock.js';

const db = useFreshDatabase();

describe('group-committed writes', () => {
  it('writes the first call at once and gathers calls made meanwhile into one batch each', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const batcher = new WriteBatcher(
      async (items: number[]) => {
        batches.push(items);
        if (batches.length === 1) await new Promise<void>((r) => (release = r));
        return items.map((n) => n * 10);
      },
      3,
      1,
    );
    const results = [1, 2, 3, 4, 5].map((n) => batcher.add(n));
    await new Promise((r) => setTimeout(r, 10));
    expect(batches).toEqual([[1]]);
    release();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('hands a failed batch’s error to every caller in it, and keeps going', async () => {
    let calls = 0;
    const batcher = new WriteBatcher(async (items: string[]) => {
      calls += 1;
      if (calls === 1) throw new Error('connection lost');
      return items.map((s) => s.toUpperCase());
    }, 10, 1);
    const first = batcher.add('a');
    const second = batcher.add('b');
    await expect(first).rejects.toThrow('connection lost');
    expect(await second).toBe('B');
  });

  it('claims each event id once, even when the same id is in one batch twice or arrives again later', async () => {
    const store = createStore(db().db);
    const keys = ['event:Ev1', 'event:Ev2', 'event:Ev1', 'event:Ev3', 'event:Ev2'];
    const claimed = await Promise.all(keys.map((k) => store.dedupe.claim(k)));
    expect(claimed.filter(Boolean)).toHaveLength(3);
    expect(keys.filter((_, i) => claimed[i]).sort()).toEqual(['event:Ev1', 'event:Ev2', 'event:Ev3']);
    expect(await store.dedupe.claim('event:Ev3')).toBe(false);
    expect(await store.dedupe.claim('event:Ev4')).toBe(true);
  });

  it('counts a burst of messages exactly, per person, with first and last times, including authors not stored yet', async () => {
    const clock = new TestClock();
    const store = createStore(db().db);
    const ctx = { actor: { kind: 'system' as const, job: 'test' }, clock };
    const incident = await declareIncident({ store }, ctx, { report: 'Burst' });
    await store.users.ensure('U0KNOWN', clock.now());
    const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 12, 0, s));
    const burst = [
      ...Array.from({ length: 40 }, (_, i) => ({ who: 'U0KNOWN', at: at(i) })),
      ...Array.from({ length: 7 }, (_, i) => ({ who: 'U0NEWCOMER', at: at(59 - i) })),
    ];
    await Promise.all(burst.map((m) => recordParticipantMessage({ store }, ctx, incident.id, m.who, m.at)));
    const top = await store.participants.top(incident.id, 10);
    const bySlackId = Object.fromEntries(top.map((p) => [p.user.slackId, p]));
    expect(bySlackId.U0KNOWN?.messageCount).toBe(40);
    expect(bySlackId.U0KNOWN?.firstMessageAt.toISOString()).toBe(at(0).toISOString());
    expect(bySlackId.U0NEWCOMER?.messageCount).toBe(7);
    expect(bySlackId.U0NEWCOMER?.firstMessageAt.toISOString()).toBe(at(53).toISOString());
  });
});
