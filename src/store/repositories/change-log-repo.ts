import { and, asc, gt, gte, lte, sql } from 'drizzle-orm';
import type { ChangeLogRepo } from '../../core/event/ports.js';
import type { Db } from '../database.js';
import { decodeCursor, toPage } from '../cursor.js';
import { events } from '../schema.js';

export function changeLogRepo(db: Db): ChangeLogRepo {
  return {
    async append(e) {
      await db.insert(events).values(e);
    },
    async list(from, to, limit, cursor, visibility) {
      const where = [];
      // Rows of private incidents only for those who may see the incident (core/shared/authorize.ts, same rule as incident lists).
      if (visibility.private === 'none') {
        where.push(sql`not exists (select 1 from incidents i where i.id = ${events.incidentId} and i.private)`);
      } else if (visibility.private === 'person') {
        const slackId = visibility.slackId;
        where.push(sql`not exists (
          select 1 from incidents i
          left join users r on r.id = i.reporter_id
          left join users l on l.id = i.lead_id
          where i.id = ${events.incidentId} and i.private
            and r.slack_id is distinct from ${slackId} and l.slack_id is distinct from ${slackId}
            and not exists (select 1 from incident_roles ir join users u on u.id = ir.user_id where ir.incident_id = i.id and u.slack_id = ${slackId})
            and not exists (select 1 from participants p join users u on u.id = p.user_id where p.incident_id = i.id and u.slack_id = ${slackId})
            and not exists (select 1 from channel_members m join users u on u.id = m.user_id where m.incident_id = i.id and u.slack_id = ${slackId}))`);
      }
      if (from) where.push(gte(events.timestamp, from));
      if (to) where.push(lte(events.timestamp, to));
      if (cursor) where.push(gt(events.id, decodeCursor(cursor, ['number'])[0] as number));
      const rows = await db
        .select()
        .from(events)
        .where(and(...where))
        .orderBy(asc(events.id))
        .limit(limit + 1);
      return toPage(rows, limit, (r) => r, (r) => [r.id]);
    },
  };
}
