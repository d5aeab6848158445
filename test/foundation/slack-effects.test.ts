import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/create-store.js';
import { useFreshDatabase } from '../support/test-database.js';

const db = useFreshDatabase();
const LEASE = 60_000;
const at = (s: number) => new Date(Date.UTC(2026, 10, 24, 10, 0, s));

/** The ledger of Slack posts made once: what a new attempt at a key finds. */
describe('slack effects ledger', () => {
  it('a first attempt is fresh; a racing one is busy; a finished one is done', async () => {
    const effects = createStore(db().db).slackEffects;
    const racing = await Promise.all([1, 2, 3].map(() => effects.begin('race', 'C1', at(0), LEASE)));
    expect(racing.map((r) => r.kind).sort()).toEqual(['busy', 'busy', 'fresh']);
    await effects.complete('race', 'C1', '1.000100', at(1));
    expect(await effects.begin('race', 'C1', at(500), LEASE)).toEqual({ kind: 'done', channelId: 'C1', messageTs: '1.000100' });
  });

  it('a crashed attempt (pending past its lease) and an unanswered one are uncertain; a refused one is fresh again', async () => {
    const effects = createStore(db().db).slackEffects;
    expect(await effects.begin('crash', 'C1', at(0), LEASE)).toEqual({ kind: 'fresh' });
    // Still within the lease: the first attempt may be in flight.
    expect(await effects.begin('crash', 'C1', at(59), LEASE)).toEqual({ kind: 'busy' });
    expect(await effects.begin('crash', 'C1', at(61), LEASE)).toEqual({ kind: 'uncertain', channelId: 'C1', since: at(0) });

    expect(await effects.begin('lost', 'C2', at(0), LEASE)).toEqual({ kind: 'fresh' });
    await effects.fail('lost', 'uncertain');
    // No lease to wait for: nothing is in flight any more.
    expect(await effects.begin('lost', 'C2', at(1), LEASE)).toEqual({ kind: 'uncertain', channelId: 'C2', since: at(0) });

    expect(await effects.begin('no', 'C3', at(0), LEASE)).toEqual({ kind: 'fresh' });
    await effects.fail('no', 'refused');
    expect(await effects.begin('no', 'C3', at(1), LEASE)).toEqual({ kind: 'fresh' });

    const rows = await db().query<{ key: string; state: string; attempts: number }>("select key, state, attempts from slack_effects where key in ('crash', 'lost', 'no') order by key");
    expect(rows).toEqual([
      { key: 'crash', state: 'pending', attempts: 2 },
      { key: 'lost', state: 'pending', attempts: 2 },
      { key: 'no', state: 'pending', attempts: 2 },
    ]);
  });

  it('a failure report never undoes a recorded post; a forgotten key starts afresh, once', async () => {
    const effects = createStore(db().db).slackEffects;
    await effects.begin('kept', 'C1', at(0), LEASE);
    await effects.complete('kept', 'C9', '2.000200', at(1));
    await effects.fail('kept', 'uncertain');
    expect(await effects.begin('kept', 'C1', at(2), LEASE)).toEqual({ kind: 'done', channelId: 'C9', messageTs: '2.000200' });
    await effects.forget('kept', '2.000200');
    expect(await effects.begin('kept', 'C1', at(3), LEASE)).toEqual({ kind: 'fresh' });
    // A second worker that also saw the message gone doesn't wipe the new attempt the first one began.
    await effects.forget('kept', '2.000200');
    expect(await effects.begin('kept', 'C1', at(4), LEASE)).toEqual({ kind: 'busy' });
  });
});
