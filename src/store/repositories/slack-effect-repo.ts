import { sql } from 'drizzle-orm';
import type { SlackEffectRepo, SlackEffectStart } from '../../core/idempotency/ports.js';
import type { Db } from '../database.js';
import { rowsOf } from './raw-rows.js';

interface BeginRow {
  taken: number;
  state: string | null;
  channel_id: string | null;
  message_ts: string | null;
  first_attempt_at: Date | string | null;
}

export function slackEffectRepo(db: Db): SlackEffectRepo {
  return {
    async begin(key, channelId, now, leaseMs) {
      const staleBefore = new Date(now.getTime() - leaseMs);
      // One statement: `prev` sees the row as it was before this attempt (a CTE reads the statement's
      // snapshot), `taken` says whether this attempt won it. Two workers racing on one key: the
      // second waits on the first's row and then finds it pending and young, so it is `busy`.
      const [row] = await rowsOf<BeginRow>(
        db,
        sql`with prev as (select state, channel_id, message_ts, first_attempt_at from slack_effects where key = ${key}),
            taken as (
              insert into slack_effects as e (key, channel_id, state, attempts, first_attempt_at, attempt_at)
              values (${key}, ${channelId}, 'pending', 1, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
              on conflict (key) do update set state = 'pending', attempts = e.attempts + 1, attempt_at = excluded.attempt_at
                where e.state in ('uncertain', 'refused') or (e.state = 'pending' and e.attempt_at < ${staleBefore.toISOString()}::timestamptz)
              returning e.key)
            select (select count(*) from taken)::int as taken, prev.state, prev.channel_id, prev.message_ts, prev.first_attempt_at
              from (select 1) as one left join prev on true`,
      );
      return startOf(row);
    },
    async complete(key, channelId, messageTs, now) {
      await db.execute(
        sql`update slack_effects set state = 'done', channel_id = ${channelId}, message_ts = ${messageTs}, done_at = ${now.toISOString()}::timestamptz where key = ${key}`,
      );
    },
    async fail(key, outcome) {
      await db.execute(sql`update slack_effects set state = ${outcome} where key = ${key} and state = 'pending'`);
    },
    async forget(key, messageTs) {
      await db.execute(sql`delete from slack_effects where key = ${key} and message_ts = ${messageTs}`);
    },
  };
}

function startOf(row: BeginRow | undefined): SlackEffectStart {
  if (row?.state === 'done' && row.message_ts && row.channel_id) return { kind: 'done', channelId: row.channel_id, messageTs: row.message_ts };
  if (!row || Number(row.taken) === 0) return { kind: 'busy' };
  if (row.state === null || row.state === 'refused') return { kind: 'fresh' };
  return { kind: 'uncertain', channelId: row.channel_id ?? '', since: new Date(row.first_attempt_at ?? 0) };
}
