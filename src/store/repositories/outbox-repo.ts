import { sql } from 'drizzle-orm';
import type { OutboxRepo } from '../../core/outbox/ports.js';
import type { Db } from '../database.js';
import { outbox } from '../schema.js';

// The enqueue side of the outbox, apart from its delivery side (outbox-queue-repo.ts): enqueue runs inside
// core's transactions through the query builder (a Tx repository, like every other here), while the queue
// runs on the pool in raw driver SQL outside any transaction, for the dispatcher alone.

/** The first key of the per-incident advisory locks taken while enqueueing (the second is the incident id). */
const OUTBOX_INCIDENT_LOCK = 0x0b0c;

export function outboxRepo(db: Db): OutboxRepo {
  return {
    async enqueue(topic, payload, incidentId, availableAt) {
      // One incident's events are numbered in commit order: a second transaction for the incident waits
      // here until the first commits, so its row's id (taken below) is the higher one. The dispatcher
      // delivers an incident's events by id (outbox-queue-repo.ts).
      if (incidentId !== null) await db.execute(sql`select pg_advisory_xact_lock(${OUTBOX_INCIDENT_LOCK}::int, ${incidentId}::int)`);
      await db.insert(outbox).values({ topic, payload, incidentId, ...(availableAt ? { availableAt } : {}) });
    },
  };
}
