import type { Database } from '../store/database.js';
import { listFailedDeliveries, retryFailedDeliveries } from './outbox-admin.js';

const USAGE = 'Usage: npm run cli -- outbox failed | outbox retry ID [ID…] | outbox retry --all';

/**
 * `npm run cli -- outbox failed` lists the Slack deliveries that gave up (a missing scope, a
 * refused channel name, too many failures); `outbox retry` sends them again once the cause is
 * fixed. With the embedded database, stop the server first (it holds the database's lock).
 */
export const outboxCommand = {
  usage: 'outbox failed|retry',
  description: 'list deliveries that gave up; send them again (IDs or --all)',
  matches: (args: string[]) => args[0] === 'outbox' && (args[1] === 'failed' || args[1] === 'retry'),
  async run(args: string[], io: { openDatabase(): Promise<Database> }): Promise<number> {
    const ids = args.slice(2);
    const all = ids.length === 1 && ids[0] === '--all';
    if (args[1] === 'retry' && !all && (ids.length === 0 || ids.some((id) => !/^[1-9]\d*$/.test(id)))) {
      console.error(USAGE);
      return 2;
    }
    const database = await io.openDatabase();
    try {
      if (args[1] === 'failed') {
        const failed = await listFailedDeliveries(database);
        if (failed.length === 0) console.log('No failed deliveries.');
        for (const f of failed) {
          const what = f.subscriber ?? f.topic;
          const incident = f.incidentId === null ? '-' : `incident ${f.incidentId}`;
          console.log([f.id, f.failedAt.toISOString(), what, incident, `${f.attempts} attempts`, (f.lastError ?? '').replace(/\s+/g, ' ')].join('\t'));
        }
        return 0;
      }
      const wanted = all ? 'all' : ids.map(Number);
      const queued = await retryFailedDeliveries(database, wanted, new Date());
      console.log(`Queued ${queued.length} failed ${queued.length === 1 ? 'delivery' : 'deliveries'} again${queued.length ? ` (${queued.join(', ')})` : ''}: a running Response sends them on its next poll.`);
      if (wanted !== 'all') {
        const skipped = wanted.filter((id) => !queued.includes(id));
        if (skipped.length) console.log(`Not failed, or unknown, so left alone: ${skipped.join(', ')}.`);
      }
      return 0;
    } finally {
      await database.close();
    }
  },
};
