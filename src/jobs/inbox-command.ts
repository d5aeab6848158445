import type { Database } from '../store/database.js';
import { inboxStore } from '../store/repositories/inbox-repo.js';

const USAGE = 'Usage: npm run cli -- inbox failed | inbox retry ID [ID…] | inbox retry --all';

/**
 * `npm run cli -- inbox failed` lists the acknowledged Slack deliveries whose handling gave up
 * after its retries (with the last error); `inbox retry` queues them again once the cause is
 * fixed, and a running Response handles them on its next poll. Effects already made by earlier
 * attempts are not made twice. With the embedded database, stop the server first (it holds the lock).
 */
export const inboxCommand = {
  usage: 'inbox failed|retry',
  description: 'list Slack deliveries that gave up; handle them again (IDs or --all)',
  matches: (args: string[]) => args[0] === 'inbox' && (args[1] === 'failed' || args[1] === 'retry'),
  async run(args: string[], io: { openDatabase(): Promise<Database> }): Promise<number> {
    const ids = args.slice(2);
    const all = ids.length === 1 && ids[0] === '--all';
    if (args[1] === 'retry' && !all && (ids.length === 0 || ids.some((id) => !/^[1-9]\d{0,17}$/.test(id)))) {
      console.error(USAGE);
      return 2;
    }
    const database = await io.openDatabase();
    try {
      const inbox = inboxStore(database.db);
      if (args[1] === 'failed') {
        const failed = await inbox.listFailed(100);
        if (failed.length === 0) console.log('No failed deliveries.');
        for (const f of failed)
          console.log([f.id, f.failedAt.toISOString(), f.kind, f.key, `${f.attempts} attempts`, (f.lastError ?? '').replace(/\s+/g, ' ')].join('\t'));
        return 0;
      }
      const wanted = all ? 'all' : [...new Set(ids.map(Number))];
      const queued = await inbox.retryFailed(wanted, new Date());
      console.log(`Queued ${queued.length} failed ${queued.length === 1 ? 'delivery' : 'deliveries'} again${queued.length ? ` (${queued.join(', ')})` : ''}: a running Response handles them on its next poll.`);
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
